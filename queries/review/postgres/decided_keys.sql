-- Which of the given finding keys have a decision in force, one that no undo event
-- withdrew (one row per key: finding_key). Parameters: $keys, a list of finding keys
-- (a text array).
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
SELECT DISTINCT finding_key
FROM event
WHERE kind = 'decision'
  AND finding_key = ANY($keys)
  AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
