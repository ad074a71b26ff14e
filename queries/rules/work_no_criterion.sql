-- Rule work_no_criterion: a work of an NTM resolution that serves none of the 19 NTM
-- criteria (QĐ 318/QĐ-TTg), or names a criterion that does not exist.
-- Returns the standard finding columns. Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '" không gắn với tiêu chí nông thôn mới nào.' AS message_vi,
    'Work "' || p.name || '" serves no NTM criterion.' AS message_en
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
LEFT JOIN ntm_criterion AS c ON c.code = p.criterion_code
WHERE r.kind = 'ntm' AND c.code IS NULL
