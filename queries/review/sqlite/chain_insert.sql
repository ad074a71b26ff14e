-- Append one link of the hash chain; returns nothing.
-- Parameters: $seq, $prev_hash, $hash.
-- Bound by name: sqlite3 takes the $-names as written.
INSERT INTO event_hash (seq, prev_hash, hash) VALUES ($seq, $prev_hash, $hash)
