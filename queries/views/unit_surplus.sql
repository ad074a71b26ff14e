-- The budget surplus of one unit in one year and how it was allocated, a row per line.
-- Parameters: $unit, $year.
-- Returns: surplus_id, fiscal_year, available, settlement_date, resolution_id, resolution_number,
--          allocation_date, line_id, line_no, category_vi, category_en, field_vi, field_en,
--          label, amount, findings.
SELECT k.surplus_id, k.fiscal_year, k.available, k.settlement_date, k.resolution_id, r.number,
       r.issue_date, l.line_id, l.line_no, c.name_vi, c.name_en, fd.name_vi, fd.name_en,
       coalesce(l.project_name, l.item), l.amount,
       (SELECT count(*) FROM finding AS f
         WHERE (f.entity_kind = 'surplus_line' AND f.entity_id = l.line_id))
FROM budget_surplus AS k
LEFT JOIN resolution AS r ON r.resolution_id = k.resolution_id
LEFT JOIN surplus_allocation AS l ON l.surplus_id = k.surplus_id
LEFT JOIN surplus_category AS c ON c.code = l.category_code
LEFT JOIN spending_field AS fd ON fd.code = l.field_code
WHERE k.unit_code = $unit AND k.year = $year
ORDER BY k.surplus_id, l.line_no
