-- Copies every finding of the attached older file (previous_build) into this file's
-- previous_finding, in one bulk statement. Columns are named, so an older file whose
-- finding table has the same columns in another order still copies correctly.
-- Returns nothing. No parameters.
INSERT INTO previous_finding (
    rule_id, severity, unit_code, entity_kind, entity_id, year,
    message_vi, message_en, entity_key, finding_key, resolution_id
)
SELECT rule_id, severity, unit_code, entity_kind, entity_id, year,
       message_vi, message_en, entity_key, finding_key, resolution_id
FROM previous_build.finding
WHERE finding_key IS NOT NULL
