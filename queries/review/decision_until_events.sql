-- The end dates of accepted / not-applicable decisions ('decision_until' events) in seq
-- order, columns in Event's order. No parameters.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE kind = 'decision_until'
ORDER BY seq
