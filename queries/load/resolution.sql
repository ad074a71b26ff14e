-- Bulk-loads the staged CSV of table resolution (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO resolution
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'resolution_id': 'VARCHAR', 'unit_code': 'VARCHAR', 'year': 'INTEGER', 'number': 'VARCHAR', 'issue_date': 'DATE', 'session': 'VARCHAR', 'title': 'VARCHAR', 'kind': 'VARCHAR', 'status': 'VARCHAR', 'amends_id': 'VARCHAR', 'submission_ref': 'VARCHAR', 'natural_key': 'VARCHAR', 'source': 'VARCHAR'}
)
