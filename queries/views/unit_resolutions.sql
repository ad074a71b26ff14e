-- The resolutions of one unit in one year, with counts for the unit screen.
-- Parameters: $unit, $year.
-- Returns: resolution_id, number, issue_date, kind, status, title, works, total_investment, findings.
SELECT r.resolution_id, r.number, r.issue_date, r.kind, r.status, r.title,
       (SELECT count(*) FROM project AS p WHERE p.resolution_id = r.resolution_id) AS works,
       (SELECT coalesce(sum(p.total_investment), 0) FROM project AS p WHERE p.resolution_id = r.resolution_id) AS total_investment,
       (SELECT count(*) FROM finding AS f WHERE f.resolution_id = r.resolution_id) AS findings
FROM resolution AS r
WHERE r.unit_code = $unit AND r.year = $year
ORDER BY r.issue_date, r.number
