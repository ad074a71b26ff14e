-- The natural key, unit and year of one entity: what a reviewer's note attaches to, so
-- that it survives a rebuild in which ids change.
-- Parameters: $kind (unit, resolution, basis_line, project, capital_allocation, surplus,
-- surplus_line), $id (the entity id). Returns: natural_key, unit_code, year.
SELECT natural_key, unit_code, year FROM (
    SELECT 'unit' AS kind, code AS id, code AS natural_key, code AS unit_code, NULL::INTEGER AS year
    FROM unit
    UNION ALL
    SELECT 'resolution', resolution_id, natural_key, unit_code, year FROM resolution
    UNION ALL
    SELECT 'basis_line', b.line_id, b.natural_key, r.unit_code, r.year
    FROM basis_line AS b JOIN resolution AS r USING (resolution_id)
    UNION ALL
    SELECT 'project', p.project_id, p.natural_key, r.unit_code, r.year
    FROM project AS p JOIN resolution AS r USING (resolution_id)
    UNION ALL
    SELECT 'capital_allocation', a.allocation_id, a.natural_key, r.unit_code, r.year
    FROM capital_allocation AS a JOIN project AS p USING (project_id) JOIN resolution AS r USING (resolution_id)
    UNION ALL
    SELECT 'surplus', surplus_id, natural_key, unit_code, year FROM budget_surplus
    UNION ALL
    SELECT 'surplus_line', l.line_id, l.natural_key, k.unit_code, k.year
    FROM surplus_allocation AS l JOIN budget_surplus AS k USING (surplus_id)
)
WHERE kind = $kind AND id = $id
