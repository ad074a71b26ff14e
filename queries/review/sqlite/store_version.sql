-- The store version the file was migrated to (one row: user_version): 0 for a new file.
-- No parameters.
PRAGMA user_version
