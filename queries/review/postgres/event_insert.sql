-- Append one event as a reviewer, naming only its content: the server sets seq,
-- reviewer (session_user), created_at (now()) and previous_decision. Returns nothing;
-- a retried event_id is skipped. Parameters: $event_id, $kind, $finding_key,
-- $entity_kind, $entity_key, $unit_code, $year, $decision, $reason.
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
INSERT INTO event (
    event_id, kind, finding_key, entity_kind, entity_key, unit_code, year, decision, reason
) VALUES (
    $event_id, $kind, $finding_key, $entity_kind, $entity_key, $unit_code, $year,
    $decision, $reason
)
ON CONFLICT (event_id) DO NOTHING
