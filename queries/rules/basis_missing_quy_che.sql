-- Rule basis_missing_quy_che: an NTM resolution that cites no ground of the category "Quy chế".
-- Returns the standard finding columns (rule_id, severity, unit_code, entity_kind,
-- entity_id, year, message_vi, message_en, period_date: the date that picks the rule
-- period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'resolution' AS entity_kind,
    r.resolution_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') thiếu căn cứ Quy chế.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites no regulation (quy chế) among its grounds.' AS message_en,
    r.issue_date AS period_date
FROM resolution AS r
WHERE r.kind = 'ntm'
  AND NOT EXISTS (
      SELECT 1 FROM basis_line AS b
      WHERE b.resolution_id = r.resolution_id AND b.category = 'quy_che'
  )
