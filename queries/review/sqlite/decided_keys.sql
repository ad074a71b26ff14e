-- Which of the given finding keys have at least one decision (one row per key:
-- finding_key). Parameters: $keys, a JSON array of finding keys.
SELECT DISTINCT finding_key
FROM event
WHERE kind = 'decision'
  AND finding_key IN (SELECT value FROM json_each($keys))
