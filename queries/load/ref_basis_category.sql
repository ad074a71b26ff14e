-- Inserts one basis category from data/basis_categories.csv.
-- Parameters: $code, $name_vi, $name_en, $required_for_ntm, $keywords, $sort_order.
INSERT INTO basis_category VALUES ($code, $name_vi, $name_en, $required_for_ntm, $keywords, $sort_order)
