-- Totals of what the overview shows for a year and filter (the summary line).
-- The filter is matched literally (contains / starts_with): % and _ are never wildcards.
-- Parameters: $year; $filter (folded text, '' for all).
-- Returns one row: units, ntm_resolutions, projects, total_investment, capital_central,
--   capital_local, capital_community, capital_other, surplus_available, surplus_allocated,
--   findings_error, findings_warning, findings_info.
SELECT count(*) AS units, coalesce(sum(ntm_resolutions), 0), coalesce(sum(projects), 0),
       coalesce(sum(total_investment), 0), coalesce(sum(capital_central), 0),
       coalesce(sum(capital_local), 0), coalesce(sum(capital_community), 0),
       coalesce(sum(capital_other), 0), coalesce(sum(surplus_available), 0),
       coalesce(sum(surplus_allocated), 0), coalesce(sum(findings_error), 0),
       coalesce(sum(findings_warning), 0), coalesce(sum(findings_info), 0)
FROM unit_year_summary
WHERE year = $year
  AND ($filter = '' OR contains(name_key, $filter) OR starts_with(unit_code, $filter))
