-- Migration 0002: previous_finding, the findings of the build this file replaced.
-- Returns nothing. No parameters. A build that finds an older ntm-review file at its
-- target path copies that file's finding rows here (same columns as finding), so that
-- follow-up can say which earlier findings are resolved, still open or new by their
-- stable finding_key. An older file migrated to this version simply has none.

CREATE TABLE previous_finding (
    rule_id       VARCHAR NOT NULL,
    severity      VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL,
    entity_kind   VARCHAR NOT NULL,
    entity_id     VARCHAR NOT NULL,
    year          INTEGER,
    message_vi    VARCHAR NOT NULL,
    message_en    VARCHAR NOT NULL,
    entity_key    VARCHAR,
    finding_key   VARCHAR,
    resolution_id VARCHAR
);
