-- The hash of the last event in the chain (zero or one row: hash). No parameters.
SELECT hash FROM event_hash ORDER BY seq DESC LIMIT 1
