-- The latest decision event of each of the given findings, columns in Event's order.
-- Parameters: $keys, a list of finding keys (a text array).
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE seq IN (
    SELECT max(seq) FROM event
    WHERE kind = 'decision' AND finding_key = ANY($keys)
    GROUP BY finding_key
)
