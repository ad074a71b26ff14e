-- Inserts every NTM criteria set (QĐ 318: 19 criteria; QĐ 51/2025: 10) from
-- data/criteria_sets.csv. One statement for the whole file: executemany took about 1.5 ms a
-- row. Parameters: $rows, a list of structs, one per row of the file, with the fields code,
-- doc_id, name_vi, name_en, criteria, valid_from, valid_to, confirmed, label_vi, label_en.
-- Returns nothing.
INSERT INTO criteria_set
SELECT r.code, r.doc_id, r.name_vi, r.name_en, r.criteria, r.valid_from, r.valid_to,
       r.confirmed, r.label_vi, r.label_en
FROM (SELECT unnest($rows) AS r)
