-- Bulk-loads the staged CSV of table entity_note (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO entity_note
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'entity_kind': 'VARCHAR', 'entity_id': 'VARCHAR', 'note': 'VARCHAR'}
)
