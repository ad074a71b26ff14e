-- One finding by its stable key, with what a decision or note on it records: the unit,
-- the year, and the entity's natural key (its id when it has none).
-- Parameters: $finding_key.
-- Returns: finding_key, rule_id, severity, unit_code, entity_kind, entity_id, entity_key,
--          year, resolution_id, message_vi, message_en.
SELECT finding_key, rule_id, severity, unit_code, entity_kind, entity_id,
       coalesce(entity_key, entity_id) AS entity_key, year, resolution_id,
       message_vi, message_en
FROM finding
WHERE finding_key = $finding_key
ORDER BY rule_id, entity_id
LIMIT 1
