-- Which of the given finding keys have at least one decision (one row per key:
-- finding_key). Parameters: $keys, a list of finding keys (a text array).
SELECT DISTINCT finding_key
FROM event
WHERE kind = 'decision'
  AND finding_key = ANY($keys)
