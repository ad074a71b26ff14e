-- The capital-source mix of one unit (or of the whole scope when $unit is NULL) in a year.
-- Reads the precomputed unit_year_capital (a few rows per unit), not the capital lines.
-- Parameters: $unit (or NULL), $year.
-- Returns: source_code, name_vi, name_en, source_group, amount (integer đồng), sort_order.
SELECT s.code, s.name_vi, s.name_en, s.source_group, coalesce(sum(c.amount), 0) AS amount, s.sort_order
FROM unit_year_capital AS c
JOIN capital_source AS s ON s.code = c.source_code
WHERE c.year = $year AND (CAST($unit AS VARCHAR) IS NULL OR c.unit_code = $unit)
GROUP BY s.code, s.name_vi, s.name_en, s.source_group, s.sort_order
ORDER BY s.sort_order
