-- The follow-up events (issue 17: notice issued, deadline set, evidence of a correction,
-- end date of an acceptance) in seq order, columns in Event's order. No parameters.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE kind IN ('notice_issued', 'deadline_set', 'evidence', 'decision_until')
ORDER BY seq
