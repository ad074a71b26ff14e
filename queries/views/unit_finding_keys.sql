-- Every finding key of one unit in one year: a unit's review is complete only when each
-- has a decision. Parameters: $unit, $year. Returns: finding_key.
SELECT finding_key FROM finding WHERE unit_code = $unit AND year = $year
