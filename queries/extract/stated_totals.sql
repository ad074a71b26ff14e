-- Every stated total. Returns: resolution_id, label, place, measure, stated, listed.
-- No parameters.
SELECT resolution_id, label, place, measure, stated, listed
FROM stated_total ORDER BY resolution_id, seq
