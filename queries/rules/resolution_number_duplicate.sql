-- Rule resolution_number_duplicate: the same resolution number used twice or more by one
-- council in one year.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
WITH numbered AS (
    SELECT r.*, upper(replace(r.number, ' ', '')) AS number_key FROM resolution AS r
), dupes AS (
    SELECT unit_code, year, number_key, count(*) AS times
    FROM numbered GROUP BY unit_code, year, number_key HAVING count(*) > 1
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    n.unit_code,
    'resolution' AS entity_kind,
    n.resolution_id AS entity_id,
    n.year,
    'Số nghị quyết ' || n.number || ' được dùng ' || d.times || ' lần trong năm ' || n.year
        || ' (nghị quyết ngày ' || vn_date(n.issue_date) || ').' AS message_vi,
    'Resolution number ' || n.number || ' is used ' || d.times || ' times in ' || n.year
        || ' (this one dated ' || vn_date(n.issue_date) || ').' AS message_en,
    n.issue_date AS period_date
FROM numbered AS n
JOIN dupes AS d USING (unit_code, year, number_key)
