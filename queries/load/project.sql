-- Bulk-loads the staged CSV of table project (written by tui/core/data/dataset.py).
-- Parameters: $path, the CSV file. Returns nothing. \N in the file means NULL.
INSERT INTO project
SELECT * FROM read_csv(
    $path,
    header = false,
    auto_detect = false,
    nullstr = '\N',
    quote = '"',
    escape = '"',
    columns = {'project_id': 'VARCHAR', 'resolution_id': 'VARCHAR', 'seq': 'INTEGER', 'name': 'VARCHAR', 'location': 'VARCHAR', 'scale': 'VARCHAR', 'period': 'VARCHAR', 'criterion_code': 'INTEGER', 'group_code': 'VARCHAR', 'sector': 'VARCHAR', 'total_investment': 'BIGINT', 'policy_decision_ref': 'VARCHAR', 'policy_delegated': 'BOOLEAN', 'small_mechanism': 'BOOLEAN', 'natural_key': 'VARCHAR', 'commune_group': 'INTEGER', 'phase': 'VARCHAR'}
)
