-- The findings that lead to one resolution (on it, its grounds, works or capital lines).
-- Parameters: $resolution_id. Returns the same columns as views/findings_page.
-- The unit's name is the one in force in the finding's year (unit_year_summary).
SELECT f.rule_id, f.severity, f.unit_code, coalesce(u.name, u0.name), f.entity_kind, f.entity_id, f.year,
       f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
WHERE f.resolution_id = $resolution_id
ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule_id, f.entity_id
