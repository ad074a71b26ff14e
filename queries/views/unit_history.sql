-- The history of one unit across a merger: for the period of $code in force during $year
-- (the later one when the code was reused that year), each predecessor ('from') or
-- successor ('to') period and every resolution filed under it in its period, so that a
-- 2026 commune shows its predecessors' 2023–2025 resolutions grouped by predecessor.
-- Parameters: $code, $year.
-- Returns: direction, code, name, kind, valid_from, valid_to, merge, finding_keys (every
-- finding of the other unit in its period), resolution_id, number, issue_date, title,
-- findings (of that resolution); resolution columns are NULL for a unit without any.
WITH me AS (
    SELECT code, valid_from, valid_to FROM unit_period
    WHERE code = $code AND period_in_year(valid_from, valid_to, $year)
    ORDER BY valid_from DESC NULLS LAST LIMIT 1
), other AS (
    SELECT 'from' AS direction, l.old_code AS code, l.effective - INTERVAL 1 DAY AS day, l.merge
    FROM unit_link AS l JOIN me ON l.new_code = me.code AND l.effective = me.valid_from
    UNION ALL
    SELECT 'to', l.new_code, l.effective, l.merge
    FROM unit_link AS l JOIN me ON l.old_code = me.code AND l.effective = me.valid_to + INTERVAL 1 DAY
), periods AS (
    SELECT o.direction, p.code, p.name, p.kind, p.valid_from, p.valid_to, o.merge
    FROM other AS o
    JOIN unit_period AS p
      ON p.code = o.code AND period_covers(p.valid_from, p.valid_to, CAST(o.day AS DATE))
)
SELECT p.direction, p.code, p.name, p.kind, p.valid_from, p.valid_to, p.merge,
       (SELECT list(f.finding_key ORDER BY f.finding_key) FROM finding AS f
        WHERE f.unit_code = p.code AND period_in_year(p.valid_from, p.valid_to, f.year)
          AND f.finding_key IS NOT NULL),
       r.resolution_id, r.number, r.issue_date, r.title,
       (SELECT count(*) FROM finding AS f WHERE f.resolution_id = r.resolution_id)
FROM periods AS p
LEFT JOIN resolution AS r
  ON r.unit_code = p.code AND period_covers(p.valid_from, p.valid_to, r.issue_date)
ORDER BY p.direction, p.code, r.issue_date NULLS FIRST, r.number
