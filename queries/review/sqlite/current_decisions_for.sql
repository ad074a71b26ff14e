-- The decision in force on each of the given findings: its latest decision event that
-- no undo event withdrew (an undo's reason holds the withdrawn event's id), columns in
-- Event's order. Parameters: $keys, a JSON array of finding keys.
-- Bound by name: sqlite3 takes the $-names as written.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq IN (
    SELECT max(seq) FROM event
    WHERE kind = 'decision' AND finding_key IN (SELECT value FROM json_each($keys))
      AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
    GROUP BY finding_key
)
