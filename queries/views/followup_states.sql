-- Whether each current finding already occurred in the previous build (for marking lists
-- 'new' or 'still open' without loading the previous build's rows into Python).
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all).
-- Returns: finding_key, in_previous (boolean).
SELECT f.finding_key,
       EXISTS (SELECT 1 FROM previous_finding AS p WHERE p.finding_key = f.finding_key)
           AS in_previous
FROM finding AS f
WHERE f.finding_key IS NOT NULL
  AND (CAST($unit AS VARCHAR) IS NULL OR f.unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR f.year = $year)
