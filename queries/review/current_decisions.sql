-- The decision in force on every finding: its latest decision event that no undo event
-- withdrew (an undo event's reason holds the id of the decision it withdraws), columns
-- in Event's order. No parameters.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq IN (
    SELECT max(seq) FROM event
    WHERE kind = 'decision'
      AND event_id NOT IN (SELECT reason FROM event WHERE kind = 'undo')
    GROUP BY finding_key
)
