-- The schema version of the attached older file (previous_build).
-- Returns: one row, one column (NULL when no migration was recorded). No parameters.
SELECT max(version) FROM previous_build.schema_version
