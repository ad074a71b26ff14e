-- Inserts one NTM criterion of one criteria set from data/ntm_criteria.csv.
-- Parameters: $criteria_set, $code, $name_vi, $name_en.
INSERT INTO ntm_criterion VALUES ($criteria_set, $code, $name_vi, $name_en)
