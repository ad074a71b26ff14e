-- The provincial resolutions that a resolution's grounds cite: a ground whose cited
-- number is the number of a resolution of the commune's province (either era), adopted
-- on or before the citing resolution's date. Parameters: $resolution_id.
-- Returns: line_id, resolution_id (the provincial one), number, issue_date, province name.
SELECT b.line_id, p.resolution_id, p.number, p.issue_date, pu.name
FROM basis_line AS b
JOIN resolution AS r USING (resolution_id)
JOIN unit_period AS u
  ON u.code = r.unit_code AND period_covers(u.valid_from, u.valid_to, r.issue_date)
JOIN resolution AS p ON p.number = b.cited_number AND p.issue_date <= r.issue_date
JOIN unit_period AS pu
  ON pu.code = p.unit_code AND pu.kind IN ('tinh', 'thanh_pho')
 AND period_covers(pu.valid_from, pu.valid_to, p.issue_date)
WHERE b.resolution_id = $resolution_id
  AND (pu.code = u.province_code
       OR pu.code IN (SELECT l.new_code FROM unit_link AS l WHERE l.old_code = u.province_code)
       OR pu.code IN (SELECT l.old_code FROM unit_link AS l WHERE l.new_code = u.province_code))
ORDER BY b.line_no
