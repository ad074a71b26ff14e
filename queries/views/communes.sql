-- Communes (xã) in force during a year, by code; or just one of them.
-- Parameters: $year; $code (a unit code, or NULL for every commune).
-- Returns: code, name.
SELECT code, name FROM unit
WHERE kind = 'xa'
  AND (valid_from IS NULL OR valid_from <= make_date($year, 12, 31))
  AND (valid_to IS NULL OR valid_to >= make_date($year, 1, 1))
  AND (CAST($code AS VARCHAR) IS NULL OR code = $code)
ORDER BY code
