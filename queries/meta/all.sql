-- Every metadata entry: dataset kind, build time, model commune, freshness.
-- Returns: key, value. No parameters.
SELECT key, value FROM meta ORDER BY key
