-- Rule revenue_overrun_by_council: an HĐND resolution allocates a commune's revenue
-- overrun (tăng thu): from budget year 2026 the UBND decides its use and reports to the
-- Thường trực HĐND (Luật 89/2025/QH15 Điều 61 k2). Keyed by the resolution's budget year.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'capital_allocation' AS entity_kind,
    a.allocation_id AS entity_id,
    r.year,
    'Nghị quyết ' || r.number || ' (' || vn_date(r.issue_date) || ') bố trí '
        || coalesce(vn_money(a.amount) || ' đồng ', '') || 'tăng thu ngân sách xã cho công trình "'
        || p.name || '": việc sử dụng tăng thu do UBND quyết định và báo cáo Thường trực HĐND.' AS message_vi,
    'Resolution ' || r.number || ' (' || vn_date(r.issue_date) || ') allocates '
        || coalesce(vn_money(a.amount) || ' đồng of ', '') || 'commune revenue overrun to work "'
        || p.name || '": the People''s Committee decides its use and reports to the council''s standing committee.' AS message_en,
    make_date(r.year, 1, 1) AS period_date
FROM capital_allocation AS a
JOIN project AS p ON p.project_id = a.project_id
JOIN resolution AS r ON r.resolution_id = p.resolution_id
WHERE a.revenue_kind = 'tang_thu'
