-- Drops the temporary rule-output table. Returns nothing.
DROP TABLE IF EXISTS finding_stage
