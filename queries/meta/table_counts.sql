-- Row counts of the audited and derived tables, recorded in meta at build time
-- (count_<table>) so that a session knows the size of its data without counting.
-- Returns one row: unit, resolution, basis_line, project, capital_allocation,
-- budget_surplus, surplus_allocation, finding, unit_year_summary. No parameters.
SELECT
    (SELECT count(*) FROM unit),
    (SELECT count(*) FROM resolution),
    (SELECT count(*) FROM basis_line),
    (SELECT count(*) FROM project),
    (SELECT count(*) FROM capital_allocation),
    (SELECT count(*) FROM budget_surplus),
    (SELECT count(*) FROM surplus_allocation),
    (SELECT count(*) FROM finding),
    (SELECT count(*) FROM unit_year_summary)
