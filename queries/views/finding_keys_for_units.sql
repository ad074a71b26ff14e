-- The finding keys of some units in a year, for review progress (decided / all), with
-- each finding's rule (for its deadline).
-- Parameters: $units (a list of unit codes), $year. Returns: unit_code, finding_key, rule_id.
SELECT unit_code, finding_key, rule_id
FROM finding
WHERE list_contains($units, unit_code) AND year = $year
