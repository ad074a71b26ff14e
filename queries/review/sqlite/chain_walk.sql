-- Every event with its chain link, in seq order: the event's columns in Event's order,
-- then prev_hash and hash (NULL when the event has no link). No parameters.
SELECT e.seq, e.event_id, e.kind, e.finding_key, e.entity_kind, e.entity_key, e.unit_code,
       e.year, e.decision, e.previous_decision, e.reason, e.reviewer, e.created_at,
       h.prev_hash, h.hash
FROM event AS e
LEFT JOIN event_hash AS h ON h.seq = e.seq
ORDER BY e.seq
