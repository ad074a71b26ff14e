-- Rule basis_document_not_in_force: a ground cites a registry document that was repealed,
-- or not yet in force, on the date of the resolution.
-- Returns the standard finding columns. Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'basis_line' AS entity_kind,
    b.line_id AS entity_id,
    r.year,
    CASE WHEN d.effective_date IS NOT NULL AND r.issue_date < d.effective_date
        THEN 'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') căn cứ ' || d.number
             || ' khi văn bản này chưa có hiệu lực (hiệu lực từ ' || vn_date(d.effective_date) || ').'
        ELSE 'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') căn cứ ' || d.number
             || ' đã hết hiệu lực từ ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
             || coalesce(' (thay thế bởi ' || n.number || ')', '') || '.'
    END AS message_vi,
    CASE WHEN d.effective_date IS NOT NULL AND r.issue_date < d.effective_date
        THEN 'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
             || ' before it took effect (in force from ' || vn_date(d.effective_date) || ').'
        ELSE 'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
             || ', repealed since ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
             || coalesce(' (replaced by ' || n.number || ')', '') || '.'
    END AS message_en
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
JOIN legal_document AS d ON d.doc_id = b.doc_id
LEFT JOIN legal_document AS n ON n.doc_id = d.replaced_by
WHERE (d.effective_date IS NOT NULL AND r.issue_date < d.effective_date)
   OR (d.repealed_date IS NOT NULL AND r.issue_date > d.repealed_date)
