-- Rule commune_no_ntm_resolution: a commune (xã) in force during a reviewed year that
-- adopted no NTM resolution that year. Only the communes under review are judged: those
-- whose parent (the district before 01/07/2025, the province after) has any resolution
-- or surplus that year, so that a database holding the national catalogue does not
-- flag every commune of the country.
-- Returns the standard finding columns. Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    u.code AS unit_code,
    'unit' AS entity_kind,
    u.code AS entity_id,
    y.year,
    'Xã ' || u.name || ' không có nghị quyết nào về xây dựng nông thôn mới trong năm ' || y.year || '.' AS message_vi,
    'Commune ' || u.name || ' adopted no NTM resolution in ' || y.year || '.' AS message_en
FROM unit_period AS u
CROSS JOIN review_year AS y
SEMI JOIN (
    SELECT DISTINCT p.parent_code, d.year
    FROM (SELECT unit_code, year FROM resolution UNION SELECT unit_code, year FROM budget_surplus) AS d
    JOIN unit_period AS p ON p.code = d.unit_code AND period_in_year(p.valid_from, p.valid_to, d.year)
) AS scope ON scope.parent_code = u.parent_code AND scope.year = y.year
WHERE u.kind = 'xa'
  AND period_in_year(u.valid_from, u.valid_to, y.year)
  -- A unit that ended on 30/06 of the year, or began on 01/07, is judged over its part.
  AND NOT EXISTS (
      SELECT 1 FROM resolution AS r
      WHERE r.unit_code = u.code AND r.year = y.year AND r.kind = 'ntm'
  )
-- One finding per code and year, named as the later unit when a code was reused in 2025.
QUALIFY row_number() OVER (PARTITION BY u.code, y.year ORDER BY u.valid_from DESC NULLS LAST) = 1
