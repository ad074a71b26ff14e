-- Empties the finding table before it is computed again. Returns nothing.
DELETE FROM finding
