-- How many findings each rule has in the findings screen's scope (for the rule picker).
-- Parameters: $year (or NULL), $unit (or NULL), $severity (or NULL).
-- Returns: rule_id, findings (only rules with at least one finding).
SELECT f.rule_id, count(*) AS findings
FROM finding AS f
WHERE (CAST($year AS INTEGER) IS NULL OR f.year = $year)
  AND (CAST($unit AS VARCHAR) IS NULL OR f.unit_code = $unit)
  AND (CAST($severity AS VARCHAR) IS NULL OR f.severity = $severity)
GROUP BY f.rule_id
ORDER BY f.rule_id
