-- Review store (SQLite), version 1 -> 2: the hash chain that makes the log tamper-evident,
-- and event kinds left open for later kinds (version 1 allowed only decision, note and
-- conclusion). A migration script (no parameters, returns nothing).
-- event_hash holds, for each event, the hash of the previous link and its own hash (sha256
-- of the previous hash and the event's content); rows are append-only like events.
-- store_meta's `chain_since` records the seq from which links were written at save time:
-- events before it were linked once, by this migration, so the chain proves nothing
-- about what happened to them earlier.
CREATE TABLE event_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind <> '' AND kind NOT GLOB '*[^a-z_]*'),
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
INSERT INTO event_v2 (
    seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
    decision, previous_decision, reason, reviewer, created_at
)
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
ORDER BY seq;
DROP TABLE event;
ALTER TABLE event_v2 RENAME TO event;
CREATE INDEX event_finding ON event (finding_key, seq) WHERE kind = 'decision';
CREATE INDEX event_unit ON event (unit_code, year);
CREATE INDEX event_entity ON event (entity_key);
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'event is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'event is append-only: DELETE is not allowed'); END;
CREATE TRIGGER event_no_replace BEFORE INSERT ON event
WHEN EXISTS (SELECT 1 FROM event WHERE event_id = NEW.event_id)
  OR EXISTS (SELECT 1 FROM event WHERE seq = NEW.seq)
BEGIN SELECT RAISE(IGNORE); END;
CREATE TABLE event_hash (
    seq INTEGER PRIMARY KEY,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER event_hash_no_update BEFORE UPDATE ON event_hash
BEGIN SELECT RAISE(ABORT, 'event_hash is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER event_hash_no_delete BEFORE DELETE ON event_hash
BEGIN SELECT RAISE(ABORT, 'event_hash is append-only: DELETE is not allowed'); END;
CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
