-- Append one event unless its event_id is already stored (a retried save); returns
-- nothing: read the stored row back with event_by_id.
-- Parameters: $event_id, $kind, $finding_key, $entity_kind, $entity_key, $unit_code,
-- $year, $decision, $previous_decision, $reason, $reviewer, $created_at.
-- Bound by name: sqlite3 takes the $-names as written.
INSERT INTO event (
    event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
    decision, previous_decision, reason, reviewer, created_at
) VALUES (
    $event_id, $kind, $finding_key, $entity_kind, $entity_key, $unit_code, $year,
    $decision, $previous_decision, $reason, $reviewer, $created_at
)
ON CONFLICT (event_id) DO NOTHING
