-- Number of findings copied from the build this file replaced.
-- Returns one row, one column. No parameters.
SELECT count(*) FROM previous_finding
