-- Who this connection is, as the server says (one row: reviewer, is_owner, version):
-- session_user, whether it may act as the event table's owner, and the schema version.
-- No parameters.
SELECT session_user AS reviewer,
       pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'event'::regclass), 'MEMBER') AS is_owner,
       (SELECT value FROM store_meta WHERE key = 'schema_version') AS version
