-- Every imported note. Returns: entity_kind, entity_id, note. No parameters.
SELECT entity_kind, entity_id, note FROM entity_note ORDER BY entity_kind, entity_id
