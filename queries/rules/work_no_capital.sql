-- Rule work_no_capital: a work listed in a resolution with no capital source at all.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '" (nghị quyết ' || r.number || ') không ghi nguồn vốn nào.' AS message_vi,
    'Work "' || p.name || '" (resolution ' || r.number || ') has no capital source.' AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE NOT EXISTS (SELECT 1 FROM capital_allocation AS a WHERE a.project_id = p.project_id)
