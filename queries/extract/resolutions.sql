-- Every resolution, to rebuild or export the audited data.
-- Returns: resolution_id, unit_code, year, number, issue_date, title, kind, status, session,
--          amends_id, submission_ref, source. No parameters.
SELECT resolution_id, unit_code, year, number, issue_date, title, kind, status, session,
       amends_id, submission_ref, source
FROM resolution ORDER BY unit_code, year, issue_date, resolution_id
