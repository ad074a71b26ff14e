-- Drops a rule's findings for years outside the legal regime the rule applies to.
-- Parameters: $rule_id; $first_year and $last_year (NULL for an open end). Returns nothing.
DELETE FROM finding_stage
WHERE rule_id = $rule_id
  AND ((CAST($first_year AS INTEGER) IS NOT NULL AND year < $first_year)
    OR (CAST($last_year AS INTEGER) IS NOT NULL AND year > $last_year))
