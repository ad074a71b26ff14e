-- Every work in scope with each of its capital lines (long form; the export pivots it into
-- one column per source, as the resolution screen shows them). A work with no capital line
-- has one row whose source_code is NULL.
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all years).
-- Returns: unit_code, unit_name, year, resolution_number, issue_date, project_id, name,
--          criterion_code, total_investment, source_code, amount, programme_share.
SELECT r.unit_code, coalesce(u.name, u0.name), r.year, r.number, r.issue_date, p.project_id, p.name,
       p.criterion_code, p.total_investment, a.source_code, a.amount, a.programme_share
FROM project AS p
JOIN resolution AS r USING (resolution_id)
-- The unit's name is the one in force on the resolution's date.
LEFT JOIN unit_period AS u ON u.code = r.unit_code AND period_covers(u.valid_from, u.valid_to, r.issue_date)
LEFT JOIN unit AS u0 ON u0.code = r.unit_code
LEFT JOIN capital_allocation AS a ON a.project_id = p.project_id
LEFT JOIN capital_source AS s ON s.code = a.source_code
WHERE (CAST($unit AS VARCHAR) IS NULL OR r.unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR r.year = $year)
ORDER BY r.unit_code, r.year, r.issue_date, r.number, p.seq, s.sort_order
