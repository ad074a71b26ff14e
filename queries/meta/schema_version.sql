-- The schema version the database was built or migrated to.
-- Returns: one row, one column (NULL when no migration was recorded). No parameters.
SELECT max(version) FROM schema_version
