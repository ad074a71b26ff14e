-- After a copy with explicit seqs: the next seq drawn follows the highest one stored
-- (one row: setval). No parameters.
SELECT setval('event_seq', (SELECT coalesce(max(seq), 1) FROM event))
