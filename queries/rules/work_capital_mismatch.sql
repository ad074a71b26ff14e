-- Rule work_capital_mismatch: the capital lines of a work do not add up to its total
-- investment (beyond the tolerance in setting allocation_tolerance_dong). Works with a
-- community or enterprise line of unstated amount are left to rule
-- mobilised_amount_missing; any other line without an amount counts as zero here, so a
-- budget line with no amount is never left unflagged.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
WITH sums AS (
    SELECT a.project_id,
           coalesce(sum(a.amount), 0) AS allocated,
           count(*) FILTER (WHERE a.amount IS NULL AND s.community_or_enterprise) AS unstated
    FROM capital_allocation AS a
    LEFT JOIN capital_source AS s ON s.code = a.source_code
    GROUP BY a.project_id
), tolerance AS (
    SELECT CAST(value AS BIGINT) AS dong FROM setting WHERE key = 'allocation_tolerance_dong'
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '": tổng các nguồn vốn ' || vn_money(s.allocated)
        || ' đồng khác tổng mức đầu tư ' || vn_money(p.total_investment) || ' đồng (chênh '
        || vn_money(s.allocated - p.total_investment) || ').' AS message_vi,
    'Work "' || p.name || '": capital sources add up to ' || vn_money(s.allocated)
        || ' đồng, not the total investment of ' || vn_money(p.total_investment) || ' đồng (off by '
        || vn_money(s.allocated - p.total_investment) || ').' AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
JOIN sums AS s ON s.project_id = p.project_id
WHERE s.unstated = 0
  AND p.total_investment IS NOT NULL
  AND abs(s.allocated - p.total_investment) > coalesce((SELECT dong FROM tolerance), 0)
