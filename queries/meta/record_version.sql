-- Records that a migration was applied.
-- Parameters: $version (integer), $note (the migration's file name).
INSERT INTO schema_version (version, applied_at, note) VALUES ($version, current_timestamp, $note)
