-- The capital-source catalogue in display order.
-- Returns: code, name_vi, name_en, source_group, sort_order. No parameters.
SELECT code, name_vi, name_en, source_group, sort_order FROM capital_source ORDER BY sort_order
