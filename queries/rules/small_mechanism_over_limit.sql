-- Rule small_mechanism_over_limit: a work that claims the special mechanism for small,
-- simple projects while its total investment exceeds the limit (setting small_project_max_dong).
-- Returns the standard finding columns. Parameters: $rule_id, $severity.
WITH lim AS (
    SELECT CAST(value AS BIGINT) AS dong FROM setting WHERE key = 'small_project_max_dong'
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '" áp dụng cơ chế đặc thù nhưng tổng mức đầu tư '
        || vn_money(p.total_investment) || ' đồng vượt ' || vn_money(lim.dong) || ' đồng.' AS message_vi,
    'Work "' || p.name || '" uses the special small-project mechanism, but its total of '
        || vn_money(p.total_investment) || ' đồng exceeds ' || vn_money(lim.dong) || ' đồng.' AS message_en
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
CROSS JOIN lim
WHERE p.small_mechanism AND p.total_investment > lim.dong
