-- Gives a rule's staged findings whose period_date falls in one of its periods that
-- period's severity. Rows are staged with a NULL severity, so a row still NULL has not
-- matched an earlier period. Returns nothing.
-- Parameters: $rule_id; $severity; $first_day and $last_day (inclusive, NULL for an open end).
UPDATE finding_stage
SET severity = $severity
WHERE rule_id = $rule_id
  AND severity IS NULL
  AND (CAST($first_day AS DATE) IS NULL OR period_date >= $first_day)
  AND (CAST($last_day AS DATE) IS NULL OR period_date <= $last_day)
