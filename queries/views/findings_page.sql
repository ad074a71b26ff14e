-- One page of findings across the scope, filtered by year, unit, severity and rule.
-- The filter is matched literally (contains / starts_with): % and _ are never wildcards.
-- Parameters: $year (or NULL), $unit (or NULL), $severity (or NULL), $rule (or NULL),
-- $unit_filter (folded unit name/code text, '' for all), $limit, $offset.
-- Returns: rule_id, severity, unit_code, unit_name, entity_kind, entity_id, year, message_vi,
--          message_en, finding_key, resolution_id, period_date.
-- The unit's name is the one in force in the finding's year (unit_year_summary).
SELECT f.rule_id, f.severity, f.unit_code, coalesce(u.name, u0.name), f.entity_kind, f.entity_id, f.year,
       f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
WHERE (CAST($year AS INTEGER) IS NULL OR f.year = $year)
  AND (CAST($unit AS VARCHAR) IS NULL OR f.unit_code = $unit)
  AND (CAST($severity AS VARCHAR) IS NULL OR f.severity = $severity)
  AND (CAST($rule AS VARCHAR) IS NULL OR f.rule_id = $rule)
  AND ($unit_filter = '' OR contains(coalesce(u.name_key, u0.name_key), $unit_filter) OR starts_with(f.unit_code, $unit_filter))
ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.unit_code, f.rule_id, f.entity_id
LIMIT $limit OFFSET $offset
