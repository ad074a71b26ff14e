-- Which of the given finding keys have a decision in force, one that no undo event
-- withdrew (one row per key: finding_key). Parameters: $keys, a JSON array of finding keys.
-- Bound by name: sqlite3 takes the $-names as written.
SELECT DISTINCT finding_key
FROM event
WHERE kind = 'decision'
  AND finding_key IN (SELECT value FROM json_each($keys))
  AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
