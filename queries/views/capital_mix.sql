-- The capital-source mix of one unit (or of the whole scope when $unit is NULL) in a year.
-- Parameters: $unit (or NULL), $year.
-- Returns: source_code, name_vi, name_en, source_group, amount (integer đồng), sort_order.
SELECT s.code, s.name_vi, s.name_en, s.source_group, coalesce(sum(a.amount), 0) AS amount, s.sort_order
FROM capital_allocation AS a
JOIN capital_source AS s ON s.code = a.source_code
JOIN project AS p USING (project_id)
JOIN resolution AS r USING (resolution_id)
WHERE r.year = $year AND (CAST($unit AS VARCHAR) IS NULL OR r.unit_code = $unit)
GROUP BY s.code, s.name_vi, s.name_en, s.source_group, s.sort_order
ORDER BY s.sort_order
