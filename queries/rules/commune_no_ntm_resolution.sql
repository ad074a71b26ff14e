-- Rule commune_no_ntm_resolution: a commune (xã) in force during a reviewed year that
-- adopted no NTM resolution that year. Only the communes under review are judged, so that
-- a database holding the national catalogue does not flag every commune of the country:
-- those whose parent district has any resolution or surplus that year (before
-- 01/07/2025), and, since a commune's parent is then its province, those that succeeded
-- a unit of a district whose successors have any resolution or surplus that year.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
WITH data AS (
    SELECT unit_code, year, issue_date AS day FROM resolution
    UNION
    SELECT s.unit_code, s.year, coalesce(r.issue_date, make_date(s.year, 12, 31)) AS day
    FROM budget_surplus AS s
    LEFT JOIN resolution AS r ON r.resolution_id = s.resolution_id
),
-- Districts with data (3-digit codes): the district of the unit period the data are dated
-- in, so that a 2025 resolution of phường Móng Cái 1 (code 06712, phường Trần Phú until
-- 30/06/2025) does not put Móng Cái's old communes under review for 2025. A province
-- (2 digits) is no scope: since 01/07/2025 each commune reviews its own resolutions, so
-- one commune's data does not put every commune of its province under review.
scope_parent AS (
    SELECT DISTINCT p.parent_code, d.year
    FROM data AS d
    JOIN unit_period AS p ON p.code = d.unit_code AND period_covers(p.valid_from, p.valid_to, d.day)
    WHERE length(p.parent_code) > 2
),
-- The old units (ending the day before the change) and who took them over.
link_old AS (
    SELECT l.effective, l.new_code, o.parent_code AS old_parent
    FROM unit_link AS l
    JOIN unit_period AS o ON o.code = l.old_code AND o.valid_to = l.effective - 1
),
scope_unit AS (
    SELECT DISTINCT sibling.new_code AS code, d.year
    FROM data AS d
    JOIN link_old AS mine ON mine.new_code = d.unit_code AND d.year >= year(mine.effective)
    JOIN link_old AS sibling
      ON sibling.old_parent = mine.old_parent AND sibling.effective = mine.effective
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    u.code AS unit_code,
    'unit' AS entity_kind,
    u.code AS entity_id,
    y.year,
    'Xã ' || u.name || ' không có nghị quyết nào về xây dựng nông thôn mới trong năm ' || y.year || '.' AS message_vi,
    'Commune ' || u.name || ' adopted no NTM resolution in ' || y.year || '.' AS message_en,
    make_date(y.year, 12, 31) AS period_date
FROM unit_period AS u
CROSS JOIN review_year AS y
WHERE u.kind = 'xa'
  AND period_in_year(u.valid_from, u.valid_to, y.year)
  AND (
      EXISTS (SELECT 1 FROM scope_parent AS s WHERE s.parent_code = u.parent_code AND s.year = y.year)
      OR EXISTS (SELECT 1 FROM scope_unit AS s WHERE s.code = u.code AND s.year = y.year)
  )
  -- A unit that ended on 30/06 of the year, or began on 01/07, is judged over its part.
  AND NOT EXISTS (
      SELECT 1 FROM resolution AS r
      WHERE r.unit_code = u.code AND r.year = y.year AND r.kind = 'ntm'
  )
-- One finding per code and year, named as the later unit when a code was reused in 2025.
QUALIFY row_number() OVER (PARTITION BY u.code, y.year ORDER BY u.valid_from DESC NULLS LAST) = 1
