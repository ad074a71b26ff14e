-- Inserts administrative unit periods (data/units*.csv, data/provinces.csv) in one
-- statement. Parameters: one list per column, all of the same length, element i of each
-- list describing unit period i: $code, $name, $name_key, $kind, $parent_code,
-- $parent_name, $province_code, $province_name (text lists), $valid_from, $valid_to (date
-- lists). Returns nothing. One statement for 13,000 units instead of 13,000 inserts.
INSERT INTO unit_period
SELECT unnest(CAST($code AS VARCHAR[])), unnest(CAST($name AS VARCHAR[])),
       unnest(CAST($name_key AS VARCHAR[])), unnest(CAST($kind AS VARCHAR[])),
       unnest(CAST($parent_code AS VARCHAR[])), unnest(CAST($parent_name AS VARCHAR[])),
       unnest(CAST($province_code AS VARCHAR[])), unnest(CAST($province_name AS VARCHAR[])),
       unnest(CAST($valid_from AS DATE[])), unnest(CAST($valid_to AS DATE[]))
