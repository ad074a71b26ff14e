-- Sync to disk at every commit, so an acknowledged save survives a power cut. Returns
-- nothing. No parameters.
PRAGMA synchronous = FULL
