-- Bulk-loads the staged CSV of table stated_total (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO stated_total
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'total_id': 'VARCHAR', 'resolution_id': 'VARCHAR', 'seq': 'INTEGER', 'label': 'VARCHAR', 'place': 'VARCHAR', 'measure': 'VARCHAR', 'stated': 'BIGINT', 'listed': 'BIGINT'}
)
