-- Every unit period, oldest first within a code (the unit catalogue for date checks).
-- No parameters. Returns: code, name, kind, valid_from, valid_to.
SELECT code, name, kind, valid_from, valid_to
FROM unit_period ORDER BY code, valid_from NULLS FIRST
