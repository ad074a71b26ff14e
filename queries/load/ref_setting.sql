-- Inserts every setting from data/settings.csv (thresholds kept as data, not code). One
-- statement for the whole file: executemany took about 1.5 ms a row. Parameters: $rows, a
-- list of structs, one per row of the file, with the fields key, value, confirmed, note.
-- Returns nothing.
INSERT INTO setting
SELECT r.key, r.value, r.confirmed, r.note
FROM (SELECT unnest($rows) AS r)
