-- Inserts one capital-source group from data/source_groups.csv.
-- Parameters: $code, $name_vi, $name_en, $sort_order.
INSERT INTO source_group VALUES ($code, $name_vi, $name_en, $sort_order)
