-- The per-unit summary rows of the export (one per unit and year), from the precomputed
-- unit_year_summary.
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all years).
-- Returns: unit_code, name, kind, year, resolutions, ntm_resolutions, projects,
--          total_investment, capital_central, capital_local, capital_community, capital_other,
--          surplus_available, surplus_allocated, findings_error, findings_warning, findings_info.
SELECT unit_code, name, kind, year, resolutions, ntm_resolutions, projects, total_investment,
       capital_central, capital_local, capital_community, capital_other,
       surplus_available, surplus_allocated, findings_error, findings_warning, findings_info
FROM unit_year_summary
WHERE (CAST($unit AS VARCHAR) IS NULL OR unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR year = $year)
ORDER BY unit_code, year
