-- Inserts one of the 19 NTM criteria from data/ntm_criteria.csv.
-- Parameters: $code, $name_vi, $name_en.
INSERT INTO ntm_criterion VALUES ($code, $name_vi, $name_en)
