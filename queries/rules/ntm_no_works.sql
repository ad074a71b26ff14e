-- Rule ntm_no_works: an NTM resolution that lists no works or projects.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'resolution' AS entity_kind,
    r.resolution_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') không có danh mục công trình, dự án.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') lists no works or projects.' AS message_en,
    r.issue_date AS period_date
FROM resolution AS r
WHERE r.kind = 'ntm'
  AND NOT EXISTS (SELECT 1 FROM project AS p WHERE p.resolution_id = r.resolution_id)
