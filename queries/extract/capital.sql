-- Every capital line in order. Returns: project_id, source_code, amount, programme_share.
SELECT project_id, source_code, amount, programme_share FROM capital_allocation ORDER BY allocation_id
