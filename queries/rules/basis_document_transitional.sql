-- Rule basis_document_transitional: a ground cites a repealed registry document while a
-- transition clause still allows it for some matters (legal_document.grace_until), e.g.
-- Luật NSNN 83/2015 and NĐ 163/2016 for the 2024 settlement and the 2026 estimate
-- procedure (NĐ 73/2026/NĐ-CP Điều 50 k1).
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
        || ', hết hiệu lực từ ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
        || coalesce(' (thay thế bởi ' || n.number || ')', '')
        || '; chỉ còn được dẫn cho các việc chuyển tiếp đến ' || vn_date(d.grace_until) || '.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
        || ', repealed since ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
        || coalesce(' (replaced by ' || n.number || ')', '')
        || '; it may still be cited only for transitional matters until ' || vn_date(d.grace_until) || '.' AS message_en,
    r.issue_date AS period_date
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
JOIN legal_document AS d ON d.doc_id = b.doc_id
LEFT JOIN legal_document AS n ON n.doc_id = d.replaced_by
WHERE d.repealed_date IS NOT NULL
  AND d.grace_until IS NOT NULL
  AND r.issue_date > d.repealed_date
  AND r.issue_date <= d.grace_until
