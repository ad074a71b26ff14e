-- The units whose review stands concluded for one year: their latest conclusion or
-- reopen event for that year is a conclusion (one row per unit: unit_code).
-- Parameters: $year.
-- Bound by name: sqlite3 takes the $-names as written; postgres.py hands them to psycopg
-- as %(…)s.
SELECT e.unit_code
FROM event AS e
WHERE e.kind = 'conclusion' AND e.year = $year
  AND e.seq = (
    SELECT max(l.seq) FROM event AS l
    WHERE l.kind IN ('conclusion', 'reopen') AND l.year = e.year AND l.unit_code = e.unit_code
  )
