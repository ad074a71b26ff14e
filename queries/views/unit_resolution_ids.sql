-- The ids of every resolution filed under a unit code, whatever its period, oldest first.
-- Parameters: $unit. Returns: resolution_id.
SELECT resolution_id FROM resolution WHERE unit_code = $unit ORDER BY issue_date, resolution_id
