-- The resolutions of a unit that a reviewer names by id or by number (a note target).
-- More than one row means the number is used twice: the reviewer must give the id.
-- Parameters: $unit (unit code), $resolution (a resolution_id or a number such as
-- 15/NQ-HĐND). Returns: resolution_id, number, year, natural_key.
SELECT resolution_id, number, year, natural_key
FROM resolution
WHERE unit_code = $unit AND (resolution_id = $resolution OR number = $resolution)
ORDER BY resolution_id = $resolution DESC, issue_date, resolution_id
