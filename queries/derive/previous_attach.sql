-- Attaches the older database file that a build is about to replace, read-only, under
-- the name previous_build, so that its findings can be copied in one bulk statement.
-- Parameters: $path (the older file). Returns nothing.
ATTACH $path AS previous_build (READ_ONLY)
