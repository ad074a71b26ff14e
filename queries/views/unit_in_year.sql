-- The unit a code stood for during a year (the later one when the code was reused that
-- year, as on 01/07/2025). Parameters: $code, $year.
-- Returns: code, name, kind, parent_code, parent_name, province_code, province_name,
--          valid_from, valid_to.
SELECT code, name, kind, parent_code, parent_name, province_code, province_name,
       valid_from, valid_to
FROM unit_period
WHERE code = $code AND period_in_year(valid_from, valid_to, $year)
ORDER BY valid_from DESC NULLS LAST
LIMIT 1
