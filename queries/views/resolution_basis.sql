-- The grounds ("Căn cứ …") of one resolution as written, with what was recognised.
-- Parameters: $resolution_id.
-- Returns: line_id, line_no, text, doc_number, doc_title_vi, doc_title_en, category_vi,
--          category_en, method, in_force (NULL when no document), findings,
--          doc_issue_date (NULL when unknown), doc_confirmed.
SELECT b.line_id, b.line_no, b.text, d.number, d.title_vi, d.title_en, c.name_vi, c.name_en, b.method,
       CASE WHEN d.doc_id IS NULL THEN NULL
            ELSE (d.effective_date IS NULL OR r.issue_date >= d.effective_date)
             AND (d.repealed_date IS NULL OR r.issue_date <= d.repealed_date) END,
       (SELECT count(*) FROM finding AS f WHERE f.entity_kind = 'basis_line' AND f.entity_id = b.line_id),
       d.issue_date, d.confirmed
FROM basis_line AS b
JOIN resolution AS r USING (resolution_id)
LEFT JOIN legal_document AS d ON d.doc_id = b.doc_id
LEFT JOIN basis_category AS c ON c.code = b.category
WHERE b.resolution_id = $resolution_id
ORDER BY b.line_no
