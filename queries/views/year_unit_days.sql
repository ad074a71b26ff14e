-- The units shown for year $year (unit_year_summary) with the day whose reviewing body
-- heads each unit-year: the last day of the year on which the unit existed.
-- Parameters: $year. Returns: code, day.
SELECT p.code,
       least(make_date($year, 12, 31), coalesce(p.valid_to, make_date($year, 12, 31))) AS day
FROM unit_period AS p
WHERE period_in_year(p.valid_from, p.valid_to, $year)
  AND p.code IN (SELECT unit_code FROM unit_year_summary WHERE year = $year)
QUALIFY row_number() OVER (PARTITION BY p.code ORDER BY p.valid_from DESC NULLS LAST) = 1
