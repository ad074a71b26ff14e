-- Marks a year as under review: every commune in force that year needs an NTM resolution.
-- Parameters: $year.
INSERT OR IGNORE INTO review_year VALUES ($year)
