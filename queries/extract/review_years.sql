-- The years under review. Returns: year. No parameters.
SELECT year FROM review_year ORDER BY year
