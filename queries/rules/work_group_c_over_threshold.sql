-- Rule work_group_c_over_threshold: a work listed as group C whose total investment
-- reaches the group-C ceiling of its field in force on the resolution's date
-- (project_group_threshold: Luật 39/2019 to 31/12/2024, Luật 58/2024 from 01/01/2025).
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '" ghi nhóm C nhưng tổng mức đầu tư ' || vn_money(p.total_investment)
        || ' đồng không dưới mức ' || vn_money(t.max_total_dong) || ' đồng của ' || t.name_vi
        || CASE WHEN t.confirmed THEN '' ELSE ' (mức chưa được xác nhận)' END || '.' AS message_vi,
    'Work "' || p.name || '" is listed as group C, but its total of ' || vn_money(p.total_investment)
        || ' đồng is not below the ' || vn_money(t.max_total_dong) || ' đồng ceiling of ' || t.name_en
        || CASE WHEN t.confirmed THEN '' ELSE ' (ceiling not confirmed)' END || '.' AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
JOIN project_group_threshold AS t
  ON t.code = p.group_code AND t.field = p.sector
 AND t.valid_from <= r.issue_date AND (t.valid_to IS NULL OR r.issue_date <= t.valid_to)
WHERE p.group_code = 'C' AND p.total_investment >= t.max_total_dong
