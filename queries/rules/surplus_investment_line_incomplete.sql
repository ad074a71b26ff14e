-- Rule surplus_investment_line_incomplete: a surplus line in a category that requires a
-- project (development investment) that names no project or gives no amount. Keyed by
-- the allocating resolution's date (investment law), else 1 January of the allocation year.
-- Returns the standard finding columns (period_date: the date that picks the rule period). Parameters: $rule_id, $severity.
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    k.unit_code,
    'surplus_line' AS entity_kind,
    l.line_id AS entity_id,
    k.year,
    'Kết dư năm ' || k.fiscal_year || ', dòng ' || l.line_no || ' (' || c.name_vi || '): '
        || CASE WHEN coalesce(trim(l.project_name), '') = '' AND l.amount IS NULL THEN 'không ghi tên dự án và số tiền'
                WHEN coalesce(trim(l.project_name), '') = '' THEN 'không ghi tên dự án'
                ELSE 'không ghi số tiền' END || '.' AS message_vi,
    'Surplus ' || k.fiscal_year || ', line ' || l.line_no || ' (' || c.name_en || '): '
        || CASE WHEN coalesce(trim(l.project_name), '') = '' AND l.amount IS NULL THEN 'names no project and gives no amount'
                WHEN coalesce(trim(l.project_name), '') = '' THEN 'names no project'
                ELSE 'gives no amount' END || '.' AS message_en,
    coalesce(r.issue_date, make_date(k.year, 1, 1)) AS period_date
FROM surplus_allocation AS l
JOIN budget_surplus AS k ON k.surplus_id = l.surplus_id
JOIN surplus_category AS c ON c.code = l.category_code
LEFT JOIN resolution AS r ON r.resolution_id = k.resolution_id
WHERE c.requires_project
  AND (coalesce(trim(l.project_name), '') = '' OR l.amount IS NULL)
