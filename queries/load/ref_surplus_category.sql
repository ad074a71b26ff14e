-- Inserts every surplus spending category from data/surplus_categories.csv. One statement
-- for the whole file: executemany took about 1.5 ms a row. Parameters: $rows, a list of
-- structs, one per row of the file, with the fields code, name_vi, name_en,
-- requires_project, sort_order. Returns nothing.
INSERT INTO surplus_category
SELECT r.code, r.name_vi, r.name_en, r.requires_project, r.sort_order
FROM (SELECT unnest($rows) AS r)
