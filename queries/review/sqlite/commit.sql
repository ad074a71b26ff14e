-- Commit the open transaction (begin_immediate); returns nothing. No parameters.
COMMIT
