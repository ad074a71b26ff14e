-- Record that the file is at the latest store version, after the migrations ran (a
-- PRAGMA takes no bound parameter: the number is sqlite.STORE_VERSION, which a test checks
-- against this file). Returns nothing. No parameters.
PRAGMA user_version = 2
