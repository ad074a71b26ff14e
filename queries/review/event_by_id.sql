-- The event with this client-made id (zero or one row), columns in Event's order.
-- Parameters: $event_id.
-- Bound by name: sqlite3 takes the $-names as written; postgres.py hands them to psycopg
-- as %(…)s.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE event_id = $event_id
