-- Creates the temporary table that collects the raw output of every rule. Rules are
-- staged with a NULL severity; finding_stage_apply_period sets each row's from the
-- period its period_date falls in. Returns nothing. No parameters.
CREATE OR REPLACE TEMP TABLE finding_stage (
    rule_id     VARCHAR,
    severity    VARCHAR,
    unit_code   VARCHAR,
    entity_kind VARCHAR,
    entity_id   VARCHAR,
    year        INTEGER,
    message_vi  VARCHAR,
    message_en  VARCHAR,
    period_date DATE
)
