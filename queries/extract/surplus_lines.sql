-- Every surplus allocation line in order. Returns: surplus_id, category_code, amount, item,
--   project_name, field_code, line_id. No parameters.
SELECT surplus_id, category_code, amount, item, project_name, field_code, line_id
FROM surplus_allocation ORDER BY surplus_id, line_no
