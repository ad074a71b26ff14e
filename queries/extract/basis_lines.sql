-- Every ground as written, in order. Returns: resolution_id, line_no, text. No parameters.
SELECT resolution_id, line_no, text FROM basis_line ORDER BY resolution_id, line_no
