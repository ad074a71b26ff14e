-- Chain links whose event is gone (one row per link: seq), in seq order: an event was
-- deleted behind the store's back. No parameters.
SELECT h.seq FROM event_hash AS h
WHERE NOT EXISTS (SELECT 1 FROM event AS e WHERE e.seq = h.seq)
ORDER BY h.seq
