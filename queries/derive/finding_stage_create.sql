-- Creates the temporary table that collects the raw output of every rule.
-- Returns nothing. No parameters.
CREATE OR REPLACE TEMP TABLE finding_stage (
    rule_id     VARCHAR,
    severity    VARCHAR,
    unit_code   VARCHAR,
    entity_kind VARCHAR,
    entity_id   VARCHAR,
    year        INTEGER,
    message_vi  VARCHAR,
    message_en  VARCHAR
)
