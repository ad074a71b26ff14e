-- Set one value of the store's own metadata, once (a key already set keeps its value);
-- returns nothing. Parameters: $key, $value.
-- Bound by name: sqlite3 takes the $-names as written.
INSERT INTO store_meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO NOTHING
