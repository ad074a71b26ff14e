-- The units the connected reviewer may record on (one row per unit: unit_code; '*'
-- means all). No parameters.
SELECT unit_code FROM reviewer_unit WHERE reviewer = session_user
