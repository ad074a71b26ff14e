-- Inserts one legal-document kind from data/document_kinds.csv.
-- Parameters: $code, $name_vi, $name_en.
INSERT INTO document_kind VALUES ($code, $name_vi, $name_en)
