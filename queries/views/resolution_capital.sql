-- The works of one resolution with each capital line (long form; the screen pivots it).
-- Criterion names come from the criteria set in force on the resolution's date, looked up
-- once for the resolution: criteria_set_at() joined per work is a correlated subquery
-- that DuckDB plans over every resolution (80 ms at national scale instead of 3).
-- Parameters: $resolution_id.
-- Returns: project_id, seq, name, criterion_code, criterion_vi, criterion_en, total_investment,
--          policy_decision_ref, policy_delegated, small_mechanism, source_code, amount, programme_share.
WITH in_force AS (
    SELECT criteria_set_at(r.issue_date) AS criteria_set
    FROM resolution AS r
    WHERE r.resolution_id = $resolution_id
)
SELECT p.project_id, p.seq, p.name, p.criterion_code, c.name_vi, c.name_en, p.total_investment,
       p.policy_decision_ref, p.policy_delegated, p.small_mechanism,
       a.source_code, a.amount, a.programme_share
FROM project AS p
CROSS JOIN in_force AS f
LEFT JOIN ntm_criterion AS c
       ON c.code = p.criterion_code AND c.criteria_set = f.criteria_set
LEFT JOIN capital_allocation AS a ON a.project_id = p.project_id
WHERE p.resolution_id = $resolution_id
ORDER BY p.seq, a.source_code
