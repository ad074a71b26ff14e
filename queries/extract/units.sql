-- Every unit period, as data/units.csv spells it, to carry it into a rebuilt database.
-- Returns: code, name, kind, parent_code, parent_name, province_code, province_name,
--          valid_from, valid_to. No parameters.
SELECT code, name, kind, parent_code, parent_name, province_code, province_name,
       CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR)
FROM unit_period ORDER BY code, valid_from NULLS FIRST
