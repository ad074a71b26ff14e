-- Reads a little of every large table so that a corrupt block is found at open time,
-- not in the middle of a reviewer's work.
-- Returns: one row of counts. No parameters.
SELECT
    (SELECT count(*) FROM unit),
    (SELECT sum(hash(resolution_id)) FROM resolution),
    (SELECT sum(hash(text)) FROM basis_line),
    (SELECT sum(total_investment) FROM project),
    (SELECT sum(amount) FROM capital_allocation),
    (SELECT sum(available) FROM budget_surplus),
    (SELECT sum(amount) FROM surplus_allocation),
    (SELECT count(*) FROM finding),
    (SELECT count(*) FROM previous_finding)
