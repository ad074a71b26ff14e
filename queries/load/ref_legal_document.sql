-- Inserts every legal document from data/legal_documents.csv. One statement for the whole
-- file: executemany took about 1.5 ms a row. Parameters: $rows, a list of structs, one per
-- row of the file, with the fields doc_id, number, kind, short_name_vi, title_vi, title_en,
-- issuer, issue_date, effective_date, repealed_date, replaced_by, basis_category, scope,
-- confirmed, grace_until, demo_only. Returns nothing.
INSERT INTO legal_document
SELECT r.doc_id, r.number, r.kind, r.short_name_vi, r.title_vi, r.title_en, r.issuer,
       r.issue_date, r.effective_date, r.repealed_date, r.replaced_by, r.basis_category,
       r.scope, r.confirmed, r.grace_until, r.demo_only
FROM (SELECT unnest($rows) AS r)
