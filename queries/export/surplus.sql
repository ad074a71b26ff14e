-- Every budget surplus in scope with its allocation lines (a surplus with no line has one
-- row whose line_no is NULL).
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all years).
-- Returns: unit_code, unit_name, year, fiscal_year, available, settlement_ref,
--          settlement_date, resolution_number, resolution_date, line_no, category_vi,
--          category_en, field_vi, field_en, project_name, item, amount.
SELECT k.unit_code, coalesce(u.name, u0.name), k.year, k.fiscal_year, k.available, k.settlement_ref,
       k.settlement_date, r.number, r.issue_date, l.line_no, c.name_vi, c.name_en,
       fd.name_vi, fd.name_en, l.project_name, l.item, l.amount
FROM budget_surplus AS k
LEFT JOIN resolution AS r ON r.resolution_id = k.resolution_id
-- The unit's name is the one in force on the allocating resolution's date (else the year's end).
LEFT JOIN unit_period AS u ON u.code = k.unit_code
    AND period_covers(u.valid_from, u.valid_to, coalesce(r.issue_date, make_date(k.year, 12, 31)))
LEFT JOIN unit AS u0 ON u0.code = k.unit_code
LEFT JOIN surplus_allocation AS l ON l.surplus_id = k.surplus_id
LEFT JOIN surplus_category AS c ON c.code = l.category_code
LEFT JOIN spending_field AS fd ON fd.code = l.field_code
WHERE (CAST($unit AS VARCHAR) IS NULL OR k.unit_code = $unit)
  AND (CAST($year AS INTEGER) IS NULL OR k.year = $year)
ORDER BY k.unit_code, k.year, l.line_no
