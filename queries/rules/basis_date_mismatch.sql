-- Rule basis_date_mismatch: a ground gives a date for a registry document that differs
-- from the document's real date of issue.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'basis_line' AS entity_kind,
    b.line_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' dẫn ' || d.number || ' ngày ' || vn_date(b.cited_date)
        || ', nhưng văn bản này ban hành ngày ' || vn_date(d.issue_date) || '.' AS message_vi,
    'Resolution ' || r.number || ' cites ' || d.number || ' as dated ' || vn_date(b.cited_date)
        || ', but it was issued on ' || vn_date(d.issue_date) || '.' AS message_en,
    r.issue_date AS period_date
FROM basis_line AS b
JOIN resolution AS r ON r.resolution_id = b.resolution_id
JOIN legal_document AS d ON d.doc_id = b.doc_id
WHERE b.cited_date IS NOT NULL
  AND d.issue_date IS NOT NULL  -- an unknown issue date (unconfirmed row) proves nothing
  AND b.cited_date <> d.issue_date
