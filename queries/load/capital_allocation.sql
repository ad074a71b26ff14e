-- Bulk-loads the staged CSV of table capital_allocation (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO capital_allocation
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'allocation_id': 'VARCHAR', 'project_id': 'VARCHAR', 'source_code': 'VARCHAR', 'amount': 'BIGINT', 'programme_share': 'VARCHAR', 'natural_key': 'VARCHAR', 'revenue_kind': 'VARCHAR'}
)
