-- How many tables, indexes, views and triggers the file holds (one row: count): a file
-- at version 0 that holds any is some other application's. No parameters.
SELECT count(*) FROM sqlite_master
