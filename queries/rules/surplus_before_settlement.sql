-- Rule surplus_before_settlement: a budget surplus allocated by a resolution dated before
-- the HĐND approved the year's settlement (or with no approval at all).
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    k.unit_code,
    'surplus' AS entity_kind,
    k.surplus_id AS entity_id,
    k.year,
    CASE WHEN k.settlement_date IS NULL
        THEN 'Kết dư ngân sách năm ' || k.fiscal_year || ' được phân bổ (nghị quyết ' || r.number
             || ', ' || vn_date(r.issue_date) || ') khi chưa có phê chuẩn quyết toán.'
        ELSE 'Kết dư ngân sách năm ' || k.fiscal_year || ' được phân bổ ngày ' || vn_date(r.issue_date)
             || ' (nghị quyết ' || r.number || '), trước khi phê chuẩn quyết toán ngày '
             || vn_date(k.settlement_date) || '.'
    END AS message_vi,
    CASE WHEN k.settlement_date IS NULL
        THEN 'The ' || k.fiscal_year || ' budget surplus was allocated (resolution ' || r.number
             || ', ' || vn_date(r.issue_date) || ') with no approved settlement.'
        ELSE 'The ' || k.fiscal_year || ' budget surplus was allocated on ' || vn_date(r.issue_date)
             || ' (resolution ' || r.number || '), before the settlement was approved on '
             || vn_date(k.settlement_date) || '.'
    END AS message_en,
    make_date(k.fiscal_year, 1, 1) AS period_date
FROM budget_surplus AS k
JOIN resolution AS r ON r.resolution_id = k.resolution_id
WHERE k.settlement_date IS NULL OR r.issue_date < k.settlement_date
