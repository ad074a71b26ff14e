-- Rule surplus_works_over_available: the commune-budget capital lines that spend the
-- surplus (revenue_kind = 'ket_du') in a unit's resolutions of one year add up to more
-- than that year's surplus. Revenue-overrun (tăng thu) and other revenue lines do not count.
-- Keyed by the budget year that produced the surplus.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
WITH spent AS (
    SELECT r.unit_code, r.year, sum(a.amount) AS total
    FROM capital_allocation AS a
    JOIN project AS p ON p.project_id = a.project_id
    JOIN resolution AS r ON r.resolution_id = p.resolution_id
    WHERE a.revenue_kind = 'ket_du'
    GROUP BY r.unit_code, r.year
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    k.unit_code,
    'surplus' AS entity_kind,
    k.surplus_id AS entity_id,
    k.year,
    'Các công trình năm ' || k.year || ' dùng ' || vn_money(s.total) || ' đồng kết dư ngân sách năm '
        || k.fiscal_year || ', vượt số kết dư ' || vn_money(k.available) || ' đồng (vượt '
        || vn_money(s.total - k.available) || ').' AS message_vi,
    'The ' || k.year || ' works spend ' || vn_money(s.total) || ' đồng of the ' || k.fiscal_year
        || ' surplus, more than the ' || vn_money(k.available) || ' đồng available (over by '
        || vn_money(s.total - k.available) || ').' AS message_en,
    make_date(k.fiscal_year, 1, 1) AS period_date
FROM budget_surplus AS k
JOIN spent AS s ON s.unit_code = k.unit_code AND s.year = k.year
WHERE s.total > k.available
