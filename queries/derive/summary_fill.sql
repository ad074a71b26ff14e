-- Computes unit_year_summary: one row per unit and year (reviewed years and years with
-- data) with everything the overview screen shows, so that opening it reads one small
-- table instead of aggregating millions of capital lines. Returns nothing. No parameters.
INSERT INTO unit_year_summary
WITH years AS (
    SELECT year FROM review_year
    UNION SELECT DISTINCT year FROM resolution
    UNION SELECT DISTINCT year FROM budget_surplus
), scope AS (
    SELECT u.code AS unit_code, y.year, u.name, u.name_key, u.kind
    FROM unit_period AS u CROSS JOIN years AS y
    WHERE period_in_year(u.valid_from, u.valid_to, y.year)
    -- A code reused on 01/07/2025 has two periods in 2025: the later one names the year.
    QUALIFY row_number() OVER (PARTITION BY u.code, y.year ORDER BY u.valid_from DESC NULLS LAST) = 1
), res AS (
    SELECT unit_code, year, count(*) AS resolutions, count(*) FILTER (WHERE kind = 'ntm') AS ntm
    FROM resolution GROUP BY unit_code, year
), proj AS (
    SELECT r.unit_code, r.year, count(*) AS projects, sum(p.total_investment) AS total
    FROM project AS p JOIN resolution AS r USING (resolution_id)
    GROUP BY r.unit_code, r.year
), cap AS (
    SELECT r.unit_code, r.year,
           sum(a.amount) FILTER (WHERE s.source_group = 'central') AS central,
           sum(a.amount) FILTER (WHERE s.source_group = 'local') AS local,
           sum(a.amount) FILTER (WHERE s.source_group = 'community') AS community,
           sum(a.amount) FILTER (WHERE s.source_group = 'other') AS other
    FROM capital_allocation AS a
    JOIN capital_source AS s ON s.code = a.source_code
    JOIN project AS p USING (project_id)
    JOIN resolution AS r USING (resolution_id)
    GROUP BY r.unit_code, r.year
), sur AS (
    SELECT k.unit_code, k.year, sum(k.available) AS available,
           sum((SELECT sum(l.amount) FROM surplus_allocation AS l WHERE l.surplus_id = k.surplus_id)) AS allocated
    FROM budget_surplus AS k GROUP BY k.unit_code, k.year
), fnd AS (
    SELECT unit_code, year,
           count(*) FILTER (WHERE severity = 'error') AS errors,
           count(*) FILTER (WHERE severity = 'warning') AS warnings,
           count(*) FILTER (WHERE severity = 'info') AS infos
    FROM finding GROUP BY unit_code, year
)
SELECT
    s.unit_code, s.year, s.name, s.name_key, s.kind,
    coalesce(res.resolutions, 0), coalesce(res.ntm, 0),
    coalesce(proj.projects, 0), coalesce(proj.total, 0),
    coalesce(cap.central, 0), coalesce(cap.local, 0), coalesce(cap.community, 0), coalesce(cap.other, 0),
    coalesce(sur.available, 0), coalesce(sur.allocated, 0),
    coalesce(fnd.errors, 0), coalesce(fnd.warnings, 0), coalesce(fnd.infos, 0)
FROM scope AS s
LEFT JOIN res USING (unit_code, year)
LEFT JOIN proj USING (unit_code, year)
LEFT JOIN cap USING (unit_code, year)
LEFT JOIN sur USING (unit_code, year)
LEFT JOIN fnd USING (unit_code, year)
