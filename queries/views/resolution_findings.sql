-- The findings that lead to one resolution (on it, its grounds, works or capital lines).
-- Parameters: $resolution_id. Returns the same columns as views/findings_page.
SELECT f.rule_id, f.severity, f.unit_code, u.name, f.entity_kind, f.entity_id, f.year,
       f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u ON u.code = f.unit_code
WHERE f.resolution_id = $resolution_id
ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.rule_id, f.entity_id
