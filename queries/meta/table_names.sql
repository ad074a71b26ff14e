-- Names of the tables in the main schema of the open database.
-- Returns: table_name. No parameters.
SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'
