-- The decision in force on one finding, the latest no undo event withdrew (zero or one
-- row: decision). Parameters: $finding_key.
-- Bound by name: sqlite3 takes the $-names as written; postgres.py hands them to psycopg
-- as %(…)s.
SELECT decision
FROM event
WHERE kind = 'decision' AND finding_key = $finding_key
  AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
ORDER BY seq DESC
LIMIT 1
