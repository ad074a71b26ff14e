-- One current finding by its stable key.
-- Parameters: $finding_key. Returns the same columns as views/findings_page.
SELECT f.rule_id, f.severity, f.unit_code, u.name, f.entity_kind, f.entity_id, f.year,
       f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u ON u.code = f.unit_code
WHERE f.finding_key = $finding_key
