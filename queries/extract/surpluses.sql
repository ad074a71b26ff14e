-- Every budget surplus. Returns: surplus_id, unit_code, year, fiscal_year, available,
--   settlement_ref, settlement_date, resolution_id. No parameters.
SELECT surplus_id, unit_code, year, fiscal_year, available, settlement_ref, settlement_date, resolution_id
FROM budget_surplus ORDER BY unit_code, year
