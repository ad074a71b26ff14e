-- Inserts every period of the small-works special mechanism from
-- data/small_mechanism_caps.csv. One statement for the whole file: executemany took about 2
-- ms a row. Parameters: $rows, a list of structs, one per row of the file, with the fields
-- programme, valid_from, valid_to, max_dong (NULL: not known), confirmed, note_vi, note_en.
-- Returns nothing.
INSERT INTO small_mechanism_cap
SELECT r.programme, r.valid_from, r.valid_to, r.max_dong, r.confirmed, r.note_vi, r.note_en
FROM (SELECT unnest($rows) AS r)
