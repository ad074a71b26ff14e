-- The header of one resolution.
-- Parameters: $resolution_id.
-- Returns: resolution_id, unit_code, unit_name, year, number, issue_date, session, title, kind,
--          status, submission_ref, amends_number.
SELECT r.resolution_id, r.unit_code, u.name, r.year, r.number, r.issue_date, r.session, r.title,
       r.kind, r.status, r.submission_ref, a.number
FROM resolution AS r
JOIN unit AS u ON u.code = r.unit_code
LEFT JOIN resolution AS a ON a.resolution_id = r.amends_id
WHERE r.resolution_id = $resolution_id
