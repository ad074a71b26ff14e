-- One administrative unit by code.
-- Parameters: $code. Returns: code, name, kind, parent_name, province_name, valid_from, valid_to.
SELECT code, name, kind, parent_name, province_name, valid_from, valid_to
FROM unit WHERE code = $code
