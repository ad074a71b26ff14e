-- Every capital line in order. Returns: project_id, source_code, amount, programme_share,
-- revenue_kind, allocation_id. No parameters.
SELECT project_id, source_code, amount, programme_share, revenue_kind, allocation_id
FROM capital_allocation ORDER BY allocation_id
