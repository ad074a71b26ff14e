-- Inserts the old→new mapping (data/unit_succession.csv) in one statement, keeping only
-- the rows whose old unit (ending the day before `effective`) and new unit (starting on
-- it) are both in unit_period: a city or province database holds its own part.
-- Parameters: $effective (date list), $old_code, $new_code, $merge (text lists), all of
-- the same length. Returns nothing.
INSERT INTO unit_link
SELECT l.effective, l.old_code, l.new_code, l.merge
FROM (
    SELECT unnest(CAST($effective AS DATE[])) AS effective,
           unnest(CAST($old_code AS VARCHAR[])) AS old_code,
           unnest(CAST($new_code AS VARCHAR[])) AS new_code,
           unnest(CAST($merge AS VARCHAR[])) AS merge
) AS l
WHERE EXISTS (SELECT 1 FROM unit_period AS o
              WHERE o.code = l.old_code AND o.valid_to = l.effective - INTERVAL 1 DAY)
  AND EXISTS (SELECT 1 FROM unit_period AS n
              WHERE n.code = l.new_code AND n.valid_from = l.effective)
