-- The highest seq in the store, 0 when it is empty (one row: last_seq). No parameters.
SELECT coalesce(max(seq), 0) AS last_seq FROM event
