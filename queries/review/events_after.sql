-- Events with a seq above $seq, in seq order, at most $limit of them; columns in
-- Event's order. Parameters: $seq, $limit.
-- Bound by name: sqlite3 takes the $-names as written; postgres.py hands them to psycopg
-- as %(…)s.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq > $seq
ORDER BY seq
LIMIT $limit
