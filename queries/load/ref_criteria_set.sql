-- Inserts one NTM criteria set (QĐ 318: 19 criteria; QĐ 51/2025: 10) from data/criteria_sets.csv.
-- Parameters: $code, $doc_id, $name_vi, $name_en, $criteria, $valid_from, $valid_to, $confirmed,
-- $label_vi, $label_en.
INSERT INTO criteria_set VALUES ($code, $doc_id, $name_vi, $name_en, $criteria, $valid_from,
    $valid_to, $confirmed, $label_vi, $label_en)
