-- Append one link of the hash chain; returns nothing.
-- Parameters: $seq, $prev_hash, $hash.
INSERT INTO event_hash (seq, prev_hash, hash) VALUES ($seq, $prev_hash, $hash)
