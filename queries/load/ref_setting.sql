-- Inserts one setting from data/settings.csv (thresholds kept as data, not code).
-- Parameters: $key, $value, $confirmed, $note.
INSERT INTO setting VALUES ($key, $value, $confirmed, $note)
