-- Withdraw the scope of every reviewer not in $keep (owner only; they keep reading):
-- a reviewers file applied again is the whole truth about who may record. Returns
-- nothing. Parameters: $keep, a text array of reviewer names.
-- Bound by name: postgres.py hands the $-names to psycopg as %(…)s.
DELETE FROM reviewer_unit WHERE NOT (reviewer = ANY($keep))
