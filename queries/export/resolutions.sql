-- The number and date of every resolution in scope, to name the resolution a finding is
-- about. Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all years).
-- Returns: resolution_id, number, issue_date.
SELECT resolution_id, number, issue_date
FROM resolution
WHERE (CAST($unit AS VARCHAR) IS NULL OR unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR year = $year)
ORDER BY resolution_id
