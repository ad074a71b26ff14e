-- Drops a rule's staged findings whose period_date falls in none of its periods (their
-- severity is still NULL): the rule did not apply on that date.
-- Parameters: $rule_id. Returns nothing.
DELETE FROM finding_stage
WHERE rule_id = $rule_id AND severity IS NULL
