-- Inserts every reviewing body from data/reviewing_bodies.csv (who reviews a unit's
-- resolutions in a period). One statement for the whole file: executemany took about 1.5 ms a
-- row. Parameters: $rows, a list of structs, one per row of the file, with the fields
-- scope_code, valid_from, valid_to, name_vi, name_en, confirmed, note. Returns nothing.
INSERT INTO reviewing_body
SELECT r.scope_code, CAST(r.valid_from AS DATE), CAST(r.valid_to AS DATE), r.name_vi,
       r.name_en, r.confirmed, r.note
FROM (SELECT unnest($rows) AS r)
