-- The latest decision recorded on one finding (zero or one row: decision).
-- Parameters: $finding_key.
SELECT decision
FROM event
WHERE kind = 'decision' AND finding_key = $finding_key
ORDER BY seq DESC
LIMIT 1
