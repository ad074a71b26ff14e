-- Inserts one administrative unit from data/units.csv.
-- Parameters: $code, $name, $name_key, $kind, $parent_code, $parent_name, $province_code,
-- $province_name, $valid_from, $valid_to. Returns nothing.
INSERT INTO unit VALUES ($code, $name, $name_key, $kind, $parent_code, $parent_name,
    $province_code, $province_name, $valid_from, $valid_to)
