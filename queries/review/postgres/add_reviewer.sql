-- Create or update one reviewer (owner only): login role, ntm_reviewer membership and
-- scope. One row, no useful value. Parameters: $reviewer, $units (a text array; '*'
-- for every unit).
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
SELECT ntm_add_reviewer($reviewer, $units)
