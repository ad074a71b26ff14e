-- The audit trail in seq order, columns in Event's order, optionally narrowed.
-- Parameters: $unit_code, $entity_key, $finding_key (each NULL for "any").
-- Bound by name: sqlite3 takes the $-names as written; postgres.py hands them to psycopg
-- as %(…)s.
SELECT seq, event_id, kind, finding_key, entity_kind, entity_key, unit_code, year,
       decision, previous_decision, reason, reviewer, created_at
FROM event
WHERE (CAST($unit_code AS TEXT) IS NULL OR unit_code = $unit_code)
  AND (CAST($entity_key AS TEXT) IS NULL OR entity_key = $entity_key)
  AND (CAST($finding_key AS TEXT) IS NULL OR finding_key = $finding_key)
ORDER BY seq
