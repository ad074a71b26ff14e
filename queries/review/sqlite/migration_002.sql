-- Review store (SQLite), version 1 -> 2: the hash chain that makes the log tamper-evident.
-- A migration script (no parameters, returns nothing). event_hash holds, for each event,
-- the hash of the previous event and its own hash (sha256 of the previous hash and the
-- event's content). Rows are append-only like events. `chain_since` records the seq from
-- which hashes were written at save time: events before it were hashed once, by this
-- migration, so the chain cannot prove anything about what happened to them earlier.
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
