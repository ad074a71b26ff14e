-- Rule work_no_policy_decision: a work with no investment-policy decision (chủ trương đầu tư)
-- whose decision the HĐND has not delegated to the People's Committee either.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '" chưa có quyết định chủ trương đầu tư và HĐND không giao UBND quyết định.' AS message_vi,
    'Work "' || p.name || '" has no investment-policy decision, and the HĐND did not delegate it to the People''s Committee.' AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE coalesce(trim(p.policy_decision_ref), '') = ''
  AND NOT p.policy_delegated
