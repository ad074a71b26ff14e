-- The units whose review was concluded for one year (one row per unit: unit_code).
-- Parameters: $year.
SELECT DISTINCT unit_code FROM event WHERE kind = 'conclusion' AND year = $year
