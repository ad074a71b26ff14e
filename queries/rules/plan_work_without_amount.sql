-- Rule plan_work_without_amount: a work listed in an HĐND resolution with capital lines
-- but no budget (central or local) line that gives an amount: the commune HĐND decides
-- "danh mục và mức vốn bố trí cho từng dự án" (Luật 58/2024/QH15 Điều 60 k7 b). A work
-- with no capital line at all is rule work_no_capital.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
WITH budget AS (
    SELECT a.project_id,
           count(*) FILTER (WHERE s.source_group IN ('central', 'local') AND a.amount > 0) AS funded
    FROM capital_allocation AS a
    JOIN capital_source AS s ON s.code = a.source_code
    GROUP BY a.project_id
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || '), công trình "' || p.name
        || '": không ghi mức vốn ngân sách bố trí cho công trình.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || '), work "' || p.name
        || '": no budget amount is allocated to the work.' AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
JOIN budget AS b ON b.project_id = p.project_id
WHERE b.funded = 0
