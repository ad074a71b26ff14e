-- Inserts one project-group threshold from data/project_groups.csv.
-- Parameters: $code, $field, $name_vi, $name_en, $max_total_dong, $confirmed, $valid_from,
-- $valid_to, $doc_id (the law that sets it).
INSERT INTO project_group_threshold VALUES ($code, $field, $name_vi, $name_en, $max_total_dong,
    $confirmed, $valid_from, $valid_to, $doc_id)
