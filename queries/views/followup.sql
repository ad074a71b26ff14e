-- Every finding of the current and of the previous build in scope, with its follow-up
-- state by finding_key: 'still_open' (in both builds), 'new' (only now), 'resolved' (only
-- in the previous build). With $compare false (no previous build) every current finding
-- is 'new'. A key repeated within one build counts once. The unit name comes from the
-- current unit table. Ordered by unit, year, state (still open, new, resolved), severity,
-- rule, key.
-- Parameters: $unit (a unit code, or NULL for all), $year (or NULL for all),
-- $compare (boolean: whether previous_finding holds a previous build).
-- Returns: finding_key, state, rule_id, severity, unit_code, unit_name, entity_kind, year,
--          message_vi, message_en.
WITH cur AS (
    SELECT finding_key, rule_id, severity, unit_code, entity_kind, year, message_vi, message_en
    FROM finding
    WHERE finding_key IS NOT NULL
      AND (CAST($unit AS VARCHAR) IS NULL OR unit_code = $unit)
      AND (CAST($year AS INTEGER) IS NULL OR year = $year)
    QUALIFY row_number() OVER (PARTITION BY finding_key ORDER BY rule_id, entity_id) = 1
), prev AS (
    SELECT finding_key, rule_id, severity, unit_code, entity_kind, year, message_vi, message_en
    FROM previous_finding
    WHERE $compare AND finding_key IS NOT NULL
      AND (CAST($unit AS VARCHAR) IS NULL OR unit_code = $unit)
      AND (CAST($year AS INTEGER) IS NULL OR year = $year)
    QUALIFY row_number() OVER (PARTITION BY finding_key ORDER BY rule_id, entity_id) = 1
), followed AS (
    SELECT c.finding_key,
           CASE WHEN EXISTS (SELECT 1 FROM prev AS p WHERE p.finding_key = c.finding_key)
                THEN 'still_open' ELSE 'new' END AS state,
           c.rule_id, c.severity, c.unit_code, c.entity_kind, c.year, c.message_vi, c.message_en
    FROM cur AS c
    UNION ALL
    SELECT p.finding_key, 'resolved', p.rule_id, p.severity, p.unit_code, p.entity_kind, p.year,
           p.message_vi, p.message_en
    FROM prev AS p
    WHERE NOT EXISTS (SELECT 1 FROM cur AS c WHERE c.finding_key = p.finding_key)
)
SELECT f.finding_key, f.state, f.rule_id, f.severity, f.unit_code, coalesce(u.name, u0.name, ''),
       f.entity_kind, f.year, f.message_vi, f.message_en
FROM followed AS f
LEFT JOIN unit AS u0 ON u0.code = f.unit_code
LEFT JOIN unit_year_summary AS u ON u.unit_code = f.unit_code AND u.year = f.year
ORDER BY f.unit_code, f.year NULLS FIRST,
         CASE f.state WHEN 'still_open' THEN 0 WHEN 'new' THEN 1 ELSE 2 END,
         CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         f.rule_id, f.finding_key
