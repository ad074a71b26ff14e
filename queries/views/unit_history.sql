-- The history of one unit across a merger: for the period of $code in force during $year
-- (the later one when the code was reused that year), each predecessor ('from', with the
-- predecessors' own predecessors of earlier rounds) or successor ('to') period and every
-- resolution filed under it in its period, so that a 2026 commune shows its predecessors'
-- 2023–2025 resolutions grouped by predecessor period (one code may have two: 09742 was
-- xã Thọ Lộc, then xã Tích Lộc).
-- Parameters: $code, $year.
-- Returns: direction, code, name, kind, valid_from, valid_to, merge, finding_keys (every
-- finding of the other unit in its period), resolution_id, number, issue_date, title,
-- findings (of that resolution); resolution columns are NULL for a unit without any.
WITH RECURSIVE me AS (
    SELECT code, valid_from, valid_to FROM unit_period
    WHERE code = $code AND period_in_year(valid_from, valid_to, $year)
    ORDER BY valid_from DESC NULLS LAST LIMIT 1
),
-- Predecessors of predecessors too: a 2026 commune formed from xã Tích Lộc (01/01/2025)
-- shows xã Thọ Lộc and xã Tích Giang, which formed Tích Lộc, and their resolutions.
back(code, start, day, merge) AS (
    SELECT l.old_code, o.valid_from, l.effective - INTERVAL 1 DAY, l.merge
    FROM unit_link AS l JOIN me ON l.new_code = me.code AND l.effective = me.valid_from
    JOIN unit_period AS o ON o.code = l.old_code AND o.valid_to = l.effective - INTERVAL 1 DAY
    UNION
    SELECT l.old_code, o.valid_from, l.effective - INTERVAL 1 DAY, l.merge
    FROM back AS b
    JOIN unit_link AS l ON l.new_code = b.code AND l.effective = b.start
    JOIN unit_period AS o ON o.code = l.old_code AND o.valid_to = l.effective - INTERVAL 1 DAY
), other AS (
    SELECT 'from' AS direction, code, day, merge FROM back
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
ORDER BY p.direction, p.code, p.valid_from NULLS FIRST, r.issue_date NULLS FIRST, r.number
