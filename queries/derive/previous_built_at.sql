-- When the attached older file (previous_build) was built, from its meta table.
-- Returns: zero or one row, one column (the ISO timestamp text). No parameters.
SELECT value FROM previous_build.meta WHERE key = 'built_at'
