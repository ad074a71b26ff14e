-- How many findings match the findings screen's filters (for "n of N").
-- The filter is matched literally (contains / starts_with): % and _ are never wildcards.
-- Parameters: $year, $unit, $severity, $rule (each or NULL), $unit_filter ('' for all).
-- Returns one row, one column.
SELECT count(*)
FROM finding AS f
JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
WHERE (CAST($year AS INTEGER) IS NULL OR f.year = $year)
  AND (CAST($unit AS VARCHAR) IS NULL OR f.unit_code = $unit)
  AND (CAST($severity AS VARCHAR) IS NULL OR f.severity = $severity)
  AND (CAST($rule AS VARCHAR) IS NULL OR f.rule_id = $rule)
  AND ($unit_filter = '' OR contains(coalesce(u.name_key, u0.name_key), $unit_filter) OR starts_with(f.unit_code, $unit_filter))
