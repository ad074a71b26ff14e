-- One page of the overview: a row per unit for a year, filtered by accent-folded name or
-- The filter is matched literally (contains / starts_with): % and _ are never wildcards.
-- code, sorted by any column. Reads the precomputed unit_year_summary only.
-- Parameters: $year; $filter (folded text, '' for all); $sort (code, name, kind,
-- resolutions, projects, total_investment, capital_central, capital_local,
-- capital_community, capital_other, surplus_available, surplus_allocated, findings,
-- findings_error); $descending (boolean); $limit; $offset.
-- Returns: unit_code, name, kind, ntm_resolutions, resolutions, projects, total_investment,
--          capital_central, capital_local, capital_community, capital_other,
--          surplus_available, surplus_allocated, findings_error, findings_warning, findings_info.
WITH scoped AS (
    SELECT *,
        CASE $sort
            WHEN 'resolutions' THEN ntm_resolutions
            WHEN 'projects' THEN projects
            WHEN 'total_investment' THEN total_investment
            WHEN 'capital_central' THEN capital_central
            WHEN 'capital_local' THEN capital_local
            WHEN 'capital_community' THEN capital_community
            WHEN 'capital_other' THEN capital_other
            WHEN 'surplus_available' THEN surplus_available
            WHEN 'surplus_allocated' THEN surplus_allocated
            WHEN 'findings' THEN findings_error + findings_warning + findings_info
            WHEN 'findings_error' THEN findings_error
        END AS sort_number,
        CASE $sort WHEN 'name' THEN name_key WHEN 'kind' THEN kind ELSE NULL END AS sort_text
    FROM unit_year_summary
    WHERE year = $year
      AND ($filter = '' OR contains(name_key, $filter) OR starts_with(unit_code, $filter))
)
SELECT unit_code, name, kind, ntm_resolutions, resolutions, projects, total_investment,
       capital_central, capital_local, capital_community, capital_other,
       surplus_available, surplus_allocated, findings_error, findings_warning, findings_info
FROM scoped
ORDER BY
    CASE WHEN $descending THEN sort_number END DESC NULLS LAST,
    CASE WHEN NOT $descending THEN sort_number END ASC NULLS LAST,
    CASE WHEN $descending THEN sort_text END DESC NULLS LAST,
    CASE WHEN NOT $descending THEN sort_text END ASC NULLS LAST,
    CASE WHEN $descending AND $sort = 'code' THEN unit_code END DESC,
    unit_code ASC
LIMIT $limit OFFSET $offset
