-- Migration 0007: a registry document may have an unknown issue date.
-- Returns nothing. No parameters.
-- REGIME-2026.md names documents whose number is known but whose date is not (QĐ
-- 16/2026/QĐ-TTg, TT 60/2026/TT-BTC). They are registered unconfirmed with a NULL
-- issue_date; the loader refuses a NULL date on a confirmed row, and every rule that
-- compares the issue date stays silent when it is NULL.

ALTER TABLE legal_document ALTER COLUMN issue_date DROP NOT NULL;
