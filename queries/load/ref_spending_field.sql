-- Inserts one recurrent-spending field from data/spending_fields.csv.
-- Parameters: $code, $name_vi, $name_en, $sort_order.
INSERT INTO spending_field VALUES ($code, $name_vi, $name_en, $sort_order)
