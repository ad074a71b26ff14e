-- The works of one resolution with each capital line (long form; the screen pivots it).
-- Criterion names come from the criteria set in force on the resolution's date.
-- Parameters: $resolution_id.
-- Returns: project_id, seq, name, criterion_code, criterion_vi, criterion_en, total_investment,
--          policy_decision_ref, policy_delegated, small_mechanism, source_code, amount, programme_share.
SELECT p.project_id, p.seq, p.name, p.criterion_code, c.name_vi, c.name_en, p.total_investment,
       p.policy_decision_ref, p.policy_delegated, p.small_mechanism,
       a.source_code, a.amount, a.programme_share
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
LEFT JOIN ntm_criterion AS c
       ON c.code = p.criterion_code AND c.criteria_set = criteria_set_at(r.issue_date)
LEFT JOIN capital_allocation AS a ON a.project_id = p.project_id
WHERE p.resolution_id = $resolution_id
ORDER BY p.seq, a.source_code
