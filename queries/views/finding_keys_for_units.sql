-- The finding keys of some units in a year, for review progress (decided / all).
-- Parameters: $units (a list of unit codes), $year. Returns: unit_code, finding_key.
SELECT unit_code, finding_key
FROM finding
WHERE list_contains($units, unit_code) AND year = $year
