-- Rule mobilised_amount_missing: a capital line that mobilises community or enterprise
-- money without saying how much.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'capital_allocation' AS entity_kind,
    a.allocation_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ', công trình "' || p.name || '": huy động ' || lower(s.name_vi)
        || ' nhưng không ghi số tiền.' AS message_vi,
    'Resolution ' || r.number || ', work "' || p.name || '": mobilises ' || lower(s.name_en)
        || ' without saying how much.' AS message_en,
    r.issue_date AS period_date
FROM capital_allocation AS a
JOIN capital_source AS s ON s.code = a.source_code
JOIN project AS p ON p.project_id = a.project_id
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE s.community_or_enterprise AND a.amount IS NULL
