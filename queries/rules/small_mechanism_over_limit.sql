-- Rule small_mechanism_over_limit: a work that claims the special mechanism for small,
-- simple projects while its total investment exceeds the cap in force on the resolution's
-- date (small_mechanism_cap), or while that period's cap is not known (max_dong NULL:
-- the 2026–2030 successor mechanism was not found; the reviewer must check it).
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    r.unit_code,
    'project' AS entity_kind,
    p.project_id AS entity_id,
    r.year,
    CASE WHEN c.max_dong IS NULL
        THEN 'Công trình "' || p.name || '" áp dụng cơ chế đặc thù (tổng mức đầu tư '
             || coalesce(vn_money(p.total_investment) || ' đồng', 'không ghi')
             || ') nhưng mức trần của cơ chế giai đoạn này chưa xác định được: ' || c.note_vi || '.'
        ELSE 'Công trình "' || p.name || '" áp dụng cơ chế đặc thù nhưng tổng mức đầu tư '
             || vn_money(p.total_investment) || ' đồng vượt ' || vn_money(c.max_dong) || ' đồng'
             || CASE WHEN c.confirmed THEN '' ELSE ' (mức trần chưa được xác nhận)' END || '.'
    END AS message_vi,
    CASE WHEN c.max_dong IS NULL
        THEN 'Work "' || p.name || '" uses the special small-project mechanism (total '
             || coalesce(vn_money(p.total_investment) || ' đồng', 'not stated')
             || '), but the cap of this period''s mechanism is not known: ' || c.note_en || '.'
        ELSE 'Work "' || p.name || '" uses the special small-project mechanism, but its total of '
             || vn_money(p.total_investment) || ' đồng exceeds ' || vn_money(c.max_dong) || ' đồng'
             || CASE WHEN c.confirmed THEN '' ELSE ' (cap not confirmed)' END || '.'
    END AS message_en,
    r.issue_date AS period_date
FROM project AS p
JOIN resolution AS r ON r.resolution_id = p.resolution_id
JOIN small_mechanism_cap AS c
  ON c.valid_from <= r.issue_date AND (c.valid_to IS NULL OR r.issue_date <= c.valid_to)
WHERE p.small_mechanism AND (c.max_dong IS NULL OR p.total_investment > c.max_dong)
