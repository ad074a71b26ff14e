-- What each unit's resolutions of a year contain, as (dimension, code) pairs: the basis
-- categories, capital-source kinds, surplus categories and document kinds it uses. The
-- model-commune comparison lists what the model has and another unit lacks.
-- Parameters: $year; $units, a list of unit codes to profile, or NULL for every unit
-- (one commune's comparison reads two units, not the whole country).
-- Returns: unit_code, dimension, code, name_vi, name_en, sort_order.
SELECT DISTINCT r.unit_code, 'basis_category' AS dimension, c.code, c.name_vi, c.name_en, c.sort_order
FROM basis_line AS b
JOIN resolution AS r USING (resolution_id)
JOIN basis_category AS c ON c.code = b.category
WHERE r.year = $year AND (CAST($units AS VARCHAR[]) IS NULL OR list_contains($units, r.unit_code))
UNION
SELECT DISTINCT r.unit_code, 'capital_source', s.code, s.name_vi, s.name_en, s.sort_order
FROM capital_allocation AS a
JOIN project AS p USING (project_id)
JOIN resolution AS r USING (resolution_id)
JOIN capital_source AS s ON s.code = a.source_code
WHERE r.year = $year AND (CAST($units AS VARCHAR[]) IS NULL OR list_contains($units, r.unit_code))
UNION
SELECT DISTINCT k.unit_code, 'surplus_category', c.code, c.name_vi, c.name_en, c.sort_order
FROM surplus_allocation AS l
JOIN budget_surplus AS k USING (surplus_id)
JOIN surplus_category AS c ON c.code = l.category_code
WHERE k.year = $year AND (CAST($units AS VARCHAR[]) IS NULL OR list_contains($units, k.unit_code))
UNION
SELECT DISTINCT r.unit_code, 'document_kind', d.kind, dk.name_vi, dk.name_en, 0
FROM basis_line AS b
JOIN resolution AS r USING (resolution_id)
JOIN legal_document AS d ON d.doc_id = b.doc_id
JOIN document_kind AS dk ON dk.code = d.kind
WHERE r.year = $year AND (CAST($units AS VARCHAR[]) IS NULL OR list_contains($units, r.unit_code))
