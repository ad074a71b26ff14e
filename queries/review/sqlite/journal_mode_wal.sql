-- Write-ahead logging, so readers never block the writer and a commit is not lost when
-- processes take turns (one row: journal_mode, 'wal' when it took). No parameters.
PRAGMA journal_mode = WAL
