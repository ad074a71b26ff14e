-- Mark the file as an ntm-review store: application id "NTMR" as a big-endian 32-bit
-- integer (0x4E544D52, sqlite.APPLICATION_ID; a PRAGMA takes no bound parameter, so the
-- value is written here and a test checks it). Returns nothing. No parameters.
PRAGMA application_id = 1314147666
