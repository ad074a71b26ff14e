-- The predecessors and successors of one unit period: the period of $code in force during
-- $year (the latest one that year), the units it came from and the units it went into.
-- Parameters: $code, $year. Returns: direction ('from' | 'to'), code, name, kind,
-- valid_from, valid_to, merge, resolutions (how many resolutions the other unit has in
-- its period), findings (how many findings in its period's years).
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
)
SELECT o.direction, p.code, p.name, p.kind, p.valid_from, p.valid_to, o.merge,
       (SELECT count(*) FROM resolution AS r
        WHERE r.unit_code = p.code AND period_covers(p.valid_from, p.valid_to, r.issue_date)),
       (SELECT count(*) FROM finding AS f
        WHERE f.unit_code = p.code AND period_in_year(p.valid_from, p.valid_to, f.year))
FROM other AS o
JOIN unit_period AS p ON p.code = o.code AND period_covers(p.valid_from, p.valid_to, CAST(o.day AS DATE))
ORDER BY o.direction, p.code
