-- Computes unit_year_capital: each unit's capital by source and year, so that the
-- capital-mix chart of the overview (the whole scope) and of a unit reads a small table.
-- Returns nothing. No parameters. (Migration 0003 holds the same statement.)
INSERT INTO unit_year_capital
SELECT r.unit_code, r.year, a.source_code, coalesce(sum(a.amount), 0)
FROM capital_allocation AS a
JOIN project AS p USING (project_id)
JOIN resolution AS r USING (resolution_id)
GROUP BY r.unit_code, r.year, a.source_code
