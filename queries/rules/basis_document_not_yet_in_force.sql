-- Rule basis_document_not_yet_in_force: a ground cites a registry document already issued
-- but not yet in force on the resolution's date (the law on legal documents allows citing
-- a promulgated text that takes effect no later than the resolution itself).
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'basis_line' AS entity_kind,
    b.line_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') căn cứ ' || d.number
        || ' đã ban hành nhưng chưa có hiệu lực (hiệu lực từ ' || vn_date(d.effective_date)
        || '): nghị quyết chỉ được có hiệu lực từ ngày đó trở đi.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
        || ', issued but not yet in force (in force from ' || vn_date(d.effective_date)
        || '): the resolution may take effect no earlier than that.' AS message_en,
    r.issue_date AS period_date
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
JOIN legal_document AS d ON d.doc_id = b.doc_id
WHERE d.effective_date IS NOT NULL
  AND d.issue_date IS NOT NULL  -- unknown: issued or not, nothing can be said
  AND r.issue_date >= d.issue_date
  AND r.issue_date < d.effective_date
