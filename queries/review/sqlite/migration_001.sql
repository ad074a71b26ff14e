-- Review store (SQLite), version 0 -> 1: the append-only event table.
-- A migration script (several statements, run in order inside one BEGIN IMMEDIATE);
-- it takes no parameters and returns nothing. Never edit: append a new migration.
CREATE TABLE event (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('decision', 'note', 'conclusion')),
    finding_key TEXT,
    entity_kind TEXT,
    entity_key TEXT,
    unit_code TEXT,
    year INTEGER CHECK (year IS NULL OR typeof(year) = 'integer'),
    decision TEXT CHECK (
        decision IS NULL
        OR decision IN ('needs_correction', 'accepted', 'corrected', 'not_applicable')
    ),
    previous_decision TEXT CHECK (
        previous_decision IS NULL
        OR previous_decision IN ('needs_correction', 'accepted', 'corrected', 'not_applicable')
    ),
    reason TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL CHECK (reviewer <> ''),
    created_at TEXT NOT NULL,
    CHECK (kind <> 'decision' OR (decision IS NOT NULL AND finding_key IS NOT NULL)),
    CHECK (kind = 'decision' OR (decision IS NULL AND previous_decision IS NULL))
);
CREATE INDEX event_finding ON event (finding_key, seq) WHERE kind = 'decision';
CREATE INDEX event_unit ON event (unit_code, year);
CREATE INDEX event_entity ON event (entity_key);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'event is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'event is append-only: DELETE is not allowed'); END;
-- REPLACE conflict resolution deletes without firing DELETE triggers (unless
-- recursive_triggers is on), so skip any insert that would overwrite a row.
CREATE TRIGGER event_no_replace BEFORE INSERT ON event
WHEN EXISTS (SELECT 1 FROM event WHERE event_id = NEW.event_id)
  OR EXISTS (SELECT 1 FROM event WHERE seq = NEW.seq)
BEGIN SELECT RAISE(IGNORE); END;
