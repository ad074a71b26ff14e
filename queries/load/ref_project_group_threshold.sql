-- Inserts every project-group threshold from data/project_groups.csv. One statement for the
-- whole file: executemany took about 1.5 ms a row. Parameters: $rows, a list of structs, one
-- per row of the file, with the fields code, field, name_vi, name_en, max_total_dong,
-- confirmed, valid_from, valid_to, doc_id (the law that sets it). Returns nothing.
INSERT INTO project_group_threshold
SELECT r.code, r.field, r.name_vi, r.name_en, r.max_total_dong, r.confirmed, r.valid_from,
       r.valid_to, r.doc_id
FROM (SELECT unnest($rows) AS r)
