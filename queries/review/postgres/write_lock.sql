-- Take the store's write lock for the rest of the transaction (the lock the event_stamp
-- trigger takes), so a check made before an insert still holds when the row is stamped.
-- One row (a void value). No parameters.
SELECT pg_advisory_xact_lock(1314147666)
