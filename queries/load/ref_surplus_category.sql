-- Inserts one surplus spending category from data/surplus_categories.csv.
-- Parameters: $code, $name_vi, $name_en, $requires_project, $sort_order.
INSERT INTO surplus_category VALUES ($code, $name_vi, $name_en, $requires_project, $sort_order)
