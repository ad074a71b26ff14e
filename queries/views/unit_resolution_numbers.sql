-- Every resolution of a unit with its number and date, to match the amending resolution
-- a reviewer names as the proof of a correction (issue 17).
-- Parameters: $unit (unit code). Returns: resolution_id, number, issue_date.
SELECT resolution_id, number, issue_date
FROM resolution
WHERE unit_code = $unit
ORDER BY issue_date, resolution_id
