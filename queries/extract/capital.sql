-- Every capital line in order. Returns: project_id, source_code, amount, programme_share,
-- revenue_kind.
SELECT project_id, source_code, amount, programme_share, revenue_kind
FROM capital_allocation ORDER BY allocation_id
