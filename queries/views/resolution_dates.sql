-- The issue date of each resolution in scope, for naming the body that reviewed it.
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all years).
-- Returns: resolution_id, issue_date.
SELECT resolution_id, issue_date
FROM resolution
WHERE (CAST($unit AS VARCHAR) IS NULL OR unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR year = $year)
