-- Rule surplus_over_allocated: the allocation lines of a budget surplus add up to more
-- than the surplus available.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
WITH allocated AS (
    SELECT surplus_id, sum(amount) AS total FROM surplus_allocation GROUP BY surplus_id
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    k.unit_code,
    'surplus' AS entity_kind,
    k.surplus_id AS entity_id,
    k.year,
    'Phân bổ kết dư năm ' || k.fiscal_year || ' là ' || vn_money(a.total) || ' đồng, vượt số kết dư '
        || vn_money(k.available) || ' đồng (vượt ' || vn_money(a.total - k.available) || ').' AS message_vi,
    'The ' || k.fiscal_year || ' surplus allocation totals ' || vn_money(a.total) || ' đồng, more than the '
        || vn_money(k.available) || ' đồng available (over by ' || vn_money(a.total - k.available) || ').' AS message_en,
    make_date(k.fiscal_year, 1, 1) AS period_date
FROM budget_surplus AS k
JOIN allocated AS a ON a.surplus_id = k.surplus_id
WHERE a.total > k.available
