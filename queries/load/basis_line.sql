-- Bulk-loads the staged CSV of table basis_line (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO basis_line
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'line_id': 'VARCHAR', 'resolution_id': 'VARCHAR', 'line_no': 'INTEGER', 'text': 'VARCHAR', 'doc_id': 'VARCHAR', 'category': 'VARCHAR', 'cited_number': 'VARCHAR', 'cited_date': 'DATE', 'method': 'VARCHAR', 'natural_key': 'VARCHAR'}
)
