-- Moves the staged rule output into finding, adding each entity's natural key, the
-- stable finding key (rule | year | natural key) that decisions attach to, and the
-- resolution the finding leads to, and the date that chose the rule's period. Returns nothing. No parameters.
INSERT INTO finding
WITH entity AS (
    SELECT 'unit' AS entity_kind, code AS entity_id, code AS natural_key,
           NULL::VARCHAR AS resolution_id
    FROM unit
    UNION ALL
    SELECT 'resolution', resolution_id, natural_key, resolution_id FROM resolution
    UNION ALL
    SELECT 'basis_line', line_id, natural_key, resolution_id FROM basis_line
    UNION ALL
    SELECT 'project', project_id, natural_key, resolution_id FROM project
    UNION ALL
    SELECT 'capital_allocation', a.allocation_id, a.natural_key, p.resolution_id
    FROM capital_allocation AS a JOIN project AS p USING (project_id)
    UNION ALL
    SELECT 'surplus', surplus_id, natural_key, resolution_id FROM budget_surplus
    UNION ALL
    SELECT 'surplus_line', l.line_id, l.natural_key, k.resolution_id
    FROM surplus_allocation AS l JOIN budget_surplus AS k USING (surplus_id)
)
SELECT
    s.rule_id, s.severity, s.unit_code, s.entity_kind, s.entity_id, s.year,
    s.message_vi, s.message_en,
    e.natural_key,
    s.rule_id || '|' || coalesce(CAST(s.year AS VARCHAR), '') || '|' || coalesce(e.natural_key, s.entity_id),
    e.resolution_id,
    s.period_date
FROM finding_stage AS s
LEFT JOIN entity AS e USING (entity_kind, entity_id)
