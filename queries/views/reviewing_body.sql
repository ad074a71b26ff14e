-- Who reviews the resolutions of unit $code dated $day: the most specific row of
-- reviewing_body valid that day (the unit itself, then its district, then its province,
-- then '*'), with what its {unit} and {district} placeholders stand for.
-- Parameters: $code, $day. Returns: name_vi, name_en, confirmed, kind, name, parent_name
-- (no row when the code is no unit on that day or no body is known).
WITH u AS (
    SELECT code, kind, name, parent_code, parent_name, province_code FROM unit_period
    WHERE code = $code AND period_covers(valid_from, valid_to, CAST($day AS DATE))
    ORDER BY valid_from DESC NULLS LAST LIMIT 1
)
SELECT b.name_vi, b.name_en, b.confirmed, u.kind, u.name, u.parent_name
FROM u
JOIN reviewing_body AS b
  ON b.scope_code IN (u.code, 'district:' || u.parent_code, 'province:' || u.province_code, '*')
WHERE period_covers(b.valid_from, b.valid_to, CAST($day AS DATE))
ORDER BY CASE WHEN b.scope_code = u.code THEN 0
              WHEN b.scope_code LIKE 'district:%' THEN 1
              WHEN b.scope_code LIKE 'province:%' THEN 2 ELSE 3 END
LIMIT 1
