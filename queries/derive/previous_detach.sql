-- Detaches the older database file attached by derive/previous_attach. Returns nothing.
-- No parameters.
DETACH DATABASE IF EXISTS previous_build
