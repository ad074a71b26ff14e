-- The works of one unit in one year with their capital by source group.
-- Parameters: $unit, $year.
-- Returns: project_id, resolution_id, resolution_number, name, criterion_code, total_investment,
--          capital_central, capital_local, capital_community, capital_other, unstated_lines, findings.
SELECT p.project_id, r.resolution_id, r.number, p.name, p.criterion_code, p.total_investment,
       coalesce(sum(a.amount) FILTER (WHERE s.source_group = 'central'), 0),
       coalesce(sum(a.amount) FILTER (WHERE s.source_group = 'local'), 0),
       coalesce(sum(a.amount) FILTER (WHERE s.source_group = 'community'), 0),
       coalesce(sum(a.amount) FILTER (WHERE s.source_group = 'other'), 0),
       count(a.allocation_id) - count(a.amount),
       (SELECT count(*) FROM finding AS f
         WHERE (f.entity_kind = 'project' AND f.entity_id = p.project_id)
            OR (f.entity_kind = 'capital_allocation' AND starts_with(f.entity_id, p.project_id || '#')))
FROM project AS p
JOIN resolution AS r USING (resolution_id)
LEFT JOIN capital_allocation AS a ON a.project_id = p.project_id
LEFT JOIN capital_source AS s ON s.code = a.source_code
WHERE r.unit_code = $unit AND r.year = $year
GROUP BY p.project_id, r.resolution_id, r.number, p.name, p.criterion_code, p.total_investment, p.seq, r.issue_date
ORDER BY r.issue_date, r.number, p.seq
