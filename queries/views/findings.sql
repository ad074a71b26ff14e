-- Findings in scope, most serious first within each unit: for `ntm-review check`, exports
-- and the findings screen.
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all).
-- Returns: rule_id, severity, unit_code, unit_name, entity_kind, entity_id, year,
--          message_vi, message_en, finding_key, resolution_id, period_date (the date
--          that picks the rule period whose legal basis the finding cites).
-- The unit's name is the one in force in the finding's year (unit_year_summary).
SELECT
    f.rule_id, f.severity, f.unit_code, coalesce(u.name, u0.name) AS unit_name, f.entity_kind, f.entity_id,
    f.year, f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
WHERE (CAST($unit AS VARCHAR) IS NULL OR f.unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR f.year = $year)
ORDER BY f.unit_code,
         CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         f.rule_id, f.entity_id
