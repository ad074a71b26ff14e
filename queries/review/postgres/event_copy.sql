-- Copy one event with its original seq, reviewer and time (owner only: ntm-review
-- store copy). Returns nothing; an event_id already there is skipped, so a copy can be
-- run again. Parameters: $seq, $event_id, $kind, $finding_key, $entity_kind,
-- $entity_key, $unit_code, $year, $decision, $previous_decision, $reason, $reviewer,
-- $created_at.
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
INSERT INTO event (
    seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
    decision, previous_decision, reason, reviewer, created_at
) VALUES (
    $seq, $event_id, $kind, $finding_key, $entity_kind, $entity_key, $unit_code, $year,
    $decision, $previous_decision, $reason, $reviewer, CAST($created_at AS timestamptz)
)
ON CONFLICT (event_id) DO NOTHING
