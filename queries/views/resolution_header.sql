-- The header of one resolution.
-- Parameters: $resolution_id.
-- Returns: resolution_id, unit_code, unit_name, year, number, issue_date, session, title, kind,
--          status, submission_ref, amends_number.
SELECT r.resolution_id, r.unit_code, coalesce(u.name, u0.name), r.year, r.number, r.issue_date, r.session, r.title,
       r.kind, r.status, r.submission_ref, a.number
FROM resolution AS r
-- The unit's name is the one in force on the resolution's date.
LEFT JOIN unit_period AS u ON u.code = r.unit_code AND period_covers(u.valid_from, u.valid_to, r.issue_date)
LEFT JOIN unit AS u0 ON u0.code = r.unit_code
LEFT JOIN resolution AS a ON a.resolution_id = r.amends_id
WHERE r.resolution_id = $resolution_id
