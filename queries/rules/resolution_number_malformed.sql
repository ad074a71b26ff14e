-- Rule resolution_number_malformed: a resolution number that is neither "12/NQ-HĐND"
-- (ordinary) nor "07/2023/NQ-HĐND" (normative).
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'resolution' AS entity_kind,
    r.resolution_id AS entity_id,
    r.year,
    'Số nghị quyết "' || r.number || '" (' || vn_date(r.issue_date) || ') sai thể thức; đúng là "12/NQ-HĐND" hoặc "07/2023/NQ-HĐND".' AS message_vi,
    'Resolution number "' || r.number || '" (' || vn_date(r.issue_date) || ') is malformed; expected "12/NQ-HĐND" or "07/2023/NQ-HĐND".' AS message_en,
    r.issue_date AS period_date
FROM resolution AS r
WHERE NOT regexp_full_match(r.number, '[0-9]{1,4}/([0-9]{4}/)?NQ-HĐND')
