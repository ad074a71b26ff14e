-- Empties previous_finding before a build copies the older file's findings into it.
-- Returns nothing. No parameters.
DELETE FROM previous_finding
