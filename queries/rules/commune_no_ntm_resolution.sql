-- Rule commune_no_ntm_resolution: a commune (xã) in force during a reviewed year that
-- adopted no NTM resolution that year.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    u.code AS unit_code,
    'unit' AS entity_kind,
    u.code AS entity_id,
    y.year,
    'Xã ' || u.name || ' không có nghị quyết nào về xây dựng nông thôn mới trong năm ' || y.year || '.' AS message_vi,
    'Commune ' || u.name || ' adopted no NTM resolution in ' || y.year || '.' AS message_en,
    make_date(y.year, 12, 31) AS period_date
FROM unit AS u
CROSS JOIN review_year AS y
WHERE u.kind = 'xa'
  AND (u.valid_from IS NULL OR u.valid_from <= make_date(y.year, 12, 31))
  AND (u.valid_to IS NULL OR u.valid_to >= make_date(y.year, 1, 1))
  AND NOT EXISTS (
      SELECT 1 FROM resolution AS r
      WHERE r.unit_code = u.code AND r.year = y.year AND r.kind = 'ntm'
  )
