-- Rule capital_source_not_in_force: a capital line from a budget level that did not exist
-- on the resolution's date (capital_source valid_from/valid_to: the district budget
-- NS_HUYEN ends with the district level on 30/06/2025).
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'capital_allocation' AS entity_kind,
    a.allocation_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || '), công trình "' || p.name
        || '": nguồn ' || s.name_vi
        || CASE WHEN s.valid_to IS NOT NULL AND r.issue_date > s.valid_to
                THEN ' không còn từ ' || vn_date(s.valid_to + INTERVAL 1 DAY)
                ELSE ' chưa có trước ' || vn_date(s.valid_from) END || '.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || '), work "' || p.name
        || '": the ' || s.name_en || ' source'
        || CASE WHEN s.valid_to IS NOT NULL AND r.issue_date > s.valid_to
                THEN ' no longer exists since ' || vn_date(s.valid_to + INTERVAL 1 DAY)
                ELSE ' did not exist before ' || vn_date(s.valid_from) END || '.' AS message_en,
    r.issue_date AS period_date
FROM capital_allocation AS a
JOIN capital_source AS s ON s.code = a.source_code
JOIN project AS p ON p.project_id = a.project_id
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE (s.valid_to IS NOT NULL AND r.issue_date > s.valid_to)
   OR (s.valid_from IS NOT NULL AND r.issue_date < s.valid_from)
