-- The whole old→new mapping of the database. No parameters.
-- Returns: effective, old_code, new_code, merge.
SELECT CAST(effective AS VARCHAR), old_code, new_code, merge
FROM unit_link ORDER BY effective, new_code, old_code
