-- Communes (xã) in force during a year, by code; or just one of them.
-- Parameters: $year; $code (a unit code, or NULL for every commune).
-- Returns: code, name.
SELECT code, name FROM unit_period
WHERE kind = 'xa'
  AND period_in_year(valid_from, valid_to, $year)
  AND (CAST($code AS VARCHAR) IS NULL OR code = $code)
QUALIFY row_number() OVER (PARTITION BY code ORDER BY valid_from DESC NULLS LAST) = 1
ORDER BY code
