-- Open a write transaction that takes the store's write lock at once (every save and
-- the migration run in one), so what is read before an insert still holds at the insert.
-- No parameters, returns nothing.
BEGIN IMMEDIATE
