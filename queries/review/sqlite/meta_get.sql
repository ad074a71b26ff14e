-- One value of the store's own metadata (zero or one row: value). Parameters: $key.
-- Bound by name: sqlite3 takes the $-names as written.
SELECT value FROM store_meta WHERE key = $key
