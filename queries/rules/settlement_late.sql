-- Rule settlement_late: the commune HĐND approved the year's settlement after 31 March of
-- the following year (Luật 89/2025/QH15 Điều 71 k3: "trước ngày 31 tháng 3 năm sau").
-- Keyed by the budget year settled (NĐ 73/2026/NĐ-CP Điều 50 k3: the 2025 settlement
-- onward follows Luật 89/2025).
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    k.unit_code,
    'surplus' AS entity_kind,
    k.surplus_id AS entity_id,
    k.year,
    'Quyết toán ngân sách năm ' || k.fiscal_year || ' được HĐND phê chuẩn ngày '
        || vn_date(k.settlement_date) || ', sau hạn 31/03/' || (k.fiscal_year + 1) || '.' AS message_vi,
    'The ' || k.fiscal_year || ' settlement was approved by the council on '
        || vn_date(k.settlement_date) || ', after the 31/03/' || (k.fiscal_year + 1) || ' deadline.' AS message_en,
    make_date(k.fiscal_year, 1, 1) AS period_date
FROM budget_surplus AS k
WHERE k.settlement_date IS NOT NULL
  AND k.settlement_date > make_date(k.fiscal_year + 1, 3, 31)
