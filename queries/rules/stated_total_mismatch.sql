-- Rule stated_total_mismatch: a total the commune wrote in its file ("Cộng", "Tổng cộng",
-- or the amounts on a group row) differs from the sum of the rows it covers (beyond the
-- tolerance in setting allocation_tolerance_dong). The importer stores both numbers in
-- stated_total; the rows themselves are what was loaded. The message leaves out where
-- the row was in the file (stated_total.place): the same data re-exported and imported
-- again sits elsewhere, and must give the same finding.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
WITH tolerance AS (
    SELECT CAST(value AS BIGINT) AS dong FROM setting WHERE key = 'allocation_tolerance_dong'
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'resolution' AS entity_kind,
    r.resolution_id AS entity_id,
    r.year,
    'Dòng "' || t.label || '" của danh mục (cột ' || t.measure || ') ghi '
        || vn_money(t.stated) || ' đồng, nhưng các dòng nó tổng hợp cộng được '
        || vn_money(t.listed) || ' đồng (chênh ' || vn_money(t.stated - t.listed) || ').'
        AS message_vi,
    'The row "' || t.label || '" of the list (column ' || t.measure || ') states '
        || vn_money(t.stated) || ' đồng, but the rows it sums add up to '
        || vn_money(t.listed) || ' đồng (off by ' || vn_money(t.stated - t.listed) || ').'
        AS message_en,
    r.issue_date AS period_date
FROM stated_total AS t
JOIN resolution AS r ON r.resolution_id = t.resolution_id
WHERE abs(t.stated - t.listed) > coalesce((SELECT dong FROM tolerance), 0)
