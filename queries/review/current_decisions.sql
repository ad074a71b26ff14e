-- The latest decision event of every finding, columns in Event's order. No parameters.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq IN (
    SELECT max(seq) FROM event WHERE kind = 'decision' GROUP BY finding_key
)
