-- Bulk-loads the staged CSV of table budget_surplus (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO budget_surplus
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'surplus_id': 'VARCHAR', 'unit_code': 'VARCHAR', 'year': 'INTEGER', 'fiscal_year': 'INTEGER', 'available': 'BIGINT', 'settlement_ref': 'VARCHAR', 'settlement_date': 'DATE', 'resolution_id': 'VARCHAR', 'natural_key': 'VARCHAR'}
)
