-- The required basis categories and whether a resolution cites each.
-- Parameters: $resolution_id. Returns: code, name_vi, name_en, present.
SELECT c.code, c.name_vi, c.name_en,
       EXISTS (SELECT 1 FROM basis_line AS b
               WHERE b.resolution_id = $resolution_id AND b.category = c.code) AS present
FROM basis_category AS c
WHERE c.required_for_ntm
ORDER BY c.sort_order
