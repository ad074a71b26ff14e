-- One value of the store's own metadata (zero or one row: value). Parameters: $key.
SELECT value FROM store_meta WHERE key = $key
