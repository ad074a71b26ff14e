-- SQLite's own check of the review store file: one row 'ok' when the file is sound,
-- otherwise one row per problem found. No parameters.
PRAGMA integrity_check
