-- The file's application id (one row: application_id): 0 for a new file, APPLICATION_ID
-- ("NTMR") for a review store, anything else for another application's file. No parameters.
PRAGMA application_id
