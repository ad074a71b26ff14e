-- Rule integrated_share_missing: an integrated (lồng ghép) capital line that does not state
-- which programme it comes from and in what share.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'capital_allocation' AS entity_kind,
    a.allocation_id AS entity_id,
    r.year,
    'Công trình "' || p.name || '": nguồn ' || s.name_vi || ' không ghi rõ chương trình và tỷ lệ lồng ghép.' AS message_vi,
    'Work "' || p.name || '": the ' || s.name_en || ' line does not state its programme and share.' AS message_en,
    r.issue_date AS period_date
FROM capital_allocation AS a
JOIN capital_source AS s ON s.code = a.source_code
JOIN project AS p ON p.project_id = a.project_id
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE s.requires_share AND coalesce(trim(a.programme_share), '') = ''
