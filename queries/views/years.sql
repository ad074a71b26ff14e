-- The years that have data or are under review, newest first.
-- Returns: year, reviewed (boolean). No parameters.
SELECT year, bool_or(reviewed) AS reviewed FROM (
    SELECT year, true AS reviewed FROM review_year
    UNION ALL SELECT DISTINCT year, false FROM resolution
    UNION ALL SELECT DISTINCT year, false FROM budget_surplus
) GROUP BY year ORDER BY year DESC
