-- Whether the review store's tables exist in this database (one row: present).
-- No parameters.
SELECT to_regclass('store_meta') IS NOT NULL AS present
