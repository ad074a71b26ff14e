-- Current findings by their stable keys (those the follow-up screen's page lists), so
-- that a decision, a note or Enter on a listed finding reads nothing on the UI thread.
-- Parameters: $finding_keys (a list). Returns the same columns as views/findings_page.
-- The unit's name is the one in force in the finding's year (unit_year_summary).
SELECT f.rule_id, f.severity, f.unit_code, coalesce(u.name, u0.name), f.entity_kind, f.entity_id, f.year,
       f.message_vi, f.message_en, f.finding_key, f.resolution_id, f.period_date
FROM finding AS f
JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
WHERE list_contains($finding_keys, f.finding_key)
