-- Every work. Returns: project_id, resolution_id, seq, name, total_investment, criterion_code,
--   location, scale, period, group_code, sector, policy_decision_ref, policy_delegated,
--   small_mechanism, commune_group, phase. No parameters.
SELECT project_id, resolution_id, seq, name, total_investment, criterion_code, location, scale,
       period, group_code, sector, policy_decision_ref, policy_delegated, small_mechanism,
       commune_group, phase
FROM project ORDER BY resolution_id, seq
