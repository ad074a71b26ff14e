-- Rule basis_unrecognised: a ground that matches no registry document and no basis
-- category. It stays visible so that a reviewer reads it, and it may show a gap in the registry.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'basis_line' AS entity_kind,
    b.line_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ': chưa nhận dạng được căn cứ "' || b.text || '".' AS message_vi,
    'Resolution ' || r.number || ': ground not recognised: "' || b.text || '".' AS message_en,
    r.issue_date AS period_date
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
WHERE b.method IS NULL
