-- The decision in force on each of the given findings: its latest decision event that
-- no undo event withdrew (an undo's reason holds the withdrawn event's id), columns in
-- Event's order. Parameters: $keys, a list of finding keys (a text array).
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq IN (
    SELECT max(seq) FROM event
    WHERE kind = 'decision' AND finding_key = ANY($keys)
      AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
    GROUP BY finding_key
)
