-- Rule basis_document_not_in_force: a ground cites a registry document that was repealed
-- on the date of the resolution (past any transition its grace_until allows), or that
-- was not even issued yet. A document issued but not yet in force is rule
-- basis_document_not_yet_in_force; one within a transition is basis_document_transitional.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'basis_line' AS entity_kind,
    b.line_id AS entity_id,
    r.year,
    CASE WHEN d.issue_date IS NOT NULL AND r.issue_date < d.issue_date
        THEN 'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') căn cứ ' || d.number
             || ' khi văn bản này chưa được ban hành (ban hành ngày ' || vn_date(d.issue_date) || ').'
        ELSE 'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') căn cứ ' || d.number
             || ' đã hết hiệu lực từ ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
             || coalesce(' (thay thế bởi ' || n.number || ')', '')
             || CASE WHEN d.confirmed THEN '' ELSE ' (ngày hết hiệu lực chưa được xác nhận)' END || '.'
    END AS message_vi,
    CASE WHEN d.issue_date IS NOT NULL AND r.issue_date < d.issue_date
        THEN 'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
             || ' before it was issued (issued on ' || vn_date(d.issue_date) || ').'
        ELSE 'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') cites ' || d.number
             || ', repealed since ' || vn_date(d.repealed_date + INTERVAL 1 DAY)
             || coalesce(' (replaced by ' || n.number || ')', '')
             || CASE WHEN d.confirmed THEN '' ELSE ' (the end date is not confirmed)' END || '.'
    END AS message_en,
    r.issue_date AS period_date
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
JOIN legal_document AS d ON d.doc_id = b.doc_id
LEFT JOIN legal_document AS n ON n.doc_id = d.replaced_by
-- An unknown issue date (an unconfirmed row) never makes a citation premature.
WHERE (d.issue_date IS NOT NULL AND r.issue_date < d.issue_date)
   OR (d.repealed_date IS NOT NULL AND r.issue_date > coalesce(d.grace_until, d.repealed_date))
