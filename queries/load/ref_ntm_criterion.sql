-- Inserts every NTM criterion of every criteria set from data/ntm_criteria.csv. One
-- statement for the whole file: executemany took about 1.5 ms a row. Parameters: $rows, a
-- list of structs, one per row of the file, with the fields criteria_set, code, name_vi,
-- name_en. Returns nothing.
INSERT INTO ntm_criterion
SELECT r.criteria_set, r.code, r.name_vi, r.name_en
FROM (SELECT unnest($rows) AS r)
