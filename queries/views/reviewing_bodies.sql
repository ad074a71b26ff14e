-- Who reviews, for many (unit, day) pairs at once: for each pair the most specific
-- reviewing_body row valid that day (the unit itself, then its district, then its
-- province, then '*'; as views/reviewing_body). A day after the unit's period ended (the
-- last day of a year a unit of the old map did not finish) is read on the period's last
-- day, so an abolished unit keeps the body that reviewed it then.
-- Parameters: $codes (VARCHAR[]), $days (DATE[]), the same length, pair by pair.
-- Returns: code, asked (the day as given), name_vi, name_en, confirmed, kind, name,
-- parent_name (no row for a pair whose code is no unit by that day, or with no body).
WITH q AS (
    SELECT DISTINCT unnest(CAST($codes AS VARCHAR[])) AS code,
                    unnest(CAST($days AS DATE[])) AS asked
), u AS (
    SELECT q.code, q.asked, least(q.asked, coalesce(p.valid_to, q.asked)) AS day,
           p.kind, p.name, p.parent_code, p.parent_name, p.province_code
    FROM q
    JOIN unit_period AS p ON p.code = q.code AND (p.valid_from IS NULL OR p.valid_from <= q.asked)
    QUALIFY row_number() OVER (PARTITION BY q.code, q.asked ORDER BY p.valid_from DESC NULLS LAST) = 1
)
SELECT u.code, u.asked, b.name_vi, b.name_en, b.confirmed, u.kind, u.name, u.parent_name
FROM u
JOIN reviewing_body AS b
  ON b.scope_code IN (u.code, 'district:' || u.parent_code, 'province:' || u.province_code, '*')
 AND period_covers(b.valid_from, b.valid_to, u.day)
QUALIFY row_number() OVER (
    PARTITION BY u.code, u.asked
    ORDER BY CASE WHEN b.scope_code = u.code THEN 0
                  WHEN b.scope_code LIKE 'district:%' THEN 1
                  WHEN b.scope_code LIKE 'province:%' THEN 2 ELSE 3 END
) = 1
