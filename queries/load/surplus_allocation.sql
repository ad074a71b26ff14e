-- Bulk-loads the staged CSV of table surplus_allocation (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO surplus_allocation
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'line_id': 'VARCHAR', 'surplus_id': 'VARCHAR', 'line_no': 'INTEGER', 'category_code': 'VARCHAR', 'field_code': 'VARCHAR', 'project_name': 'VARCHAR', 'item': 'VARCHAR', 'amount': 'BIGINT', 'natural_key': 'VARCHAR'}
)
