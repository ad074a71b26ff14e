-- Sets one metadata entry (builders only; sessions are read-only).
-- Parameters: $key, $value.
INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $value)
