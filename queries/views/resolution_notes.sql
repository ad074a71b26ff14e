-- The communes' notes ("Ghi chú" in the imported file) on one resolution, its works and
-- their capital lines, in the order the screen lists them.
-- Parameters: $resolution_id.
-- Returns: entity_kind, label (the work's name, or NULL for the resolution itself),
--          source_code (for a capital line, else NULL), note.
SELECT n.entity_kind, p.name, a.source_code, n.note
FROM entity_note AS n
LEFT JOIN project AS p
       ON (n.entity_kind = 'project' AND p.project_id = n.entity_id)
LEFT JOIN capital_allocation AS a
       ON (n.entity_kind = 'capital_allocation' AND a.allocation_id = n.entity_id)
LEFT JOIN project AS ap ON ap.project_id = a.project_id
WHERE (n.entity_kind = 'resolution' AND n.entity_id = $resolution_id)
   OR (n.entity_kind = 'project' AND p.resolution_id = $resolution_id)
   OR (n.entity_kind = 'capital_allocation' AND ap.resolution_id = $resolution_id)
ORDER BY n.entity_kind <> 'resolution', coalesce(p.seq, ap.seq), n.entity_id
