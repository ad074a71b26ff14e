-- Rule work_no_criterion: a work of an NTM resolution that serves no criterion of the
-- criteria set in force on the resolution's date (19 of QĐ 318/QĐ-TTg up to 14/02/2026,
-- 10 of QĐ 51/2025/QĐ-TTg from 15/02/2026), or names one that set does not have; under
-- QĐ 51/2025 a work must also say which commune group (1–3) its targets are for.
-- Returns the standard finding columns (period_date: the date that picks the rule period).
-- Parameters: $rule_id, $severity.
WITH judged AS (
    SELECT p.project_id, p.name, p.criterion_code, p.commune_group, r.unit_code, r.year,
           r.issue_date, s.code AS set_code, s.name_vi AS set_vi, s.name_en AS set_en,
           s.code = 'QD51' AS needs_group
    FROM project AS p
    JOIN resolution AS r ON r.resolution_id = p.resolution_id
    LEFT JOIN criteria_set AS s ON s.code = criteria_set_at(r.issue_date)
    WHERE r.kind = 'ntm'
)
SELECT
    $rule_id AS rule_id,
    $severity AS severity,
    j.unit_code,
    'project' AS entity_kind,
    j.project_id AS entity_id,
    j.year,
    CASE WHEN c.code IS NULL
        THEN 'Công trình "' || j.name || '" không gắn với tiêu chí nào của '
             || coalesce(j.set_vi, 'bộ tiêu chí nông thôn mới') || '.'
        ELSE 'Công trình "' || j.name || '" (tiêu chí ' || c.code || ' ' || c.name_vi
             || ') không ghi nhóm xã (1, 2 hoặc 3) theo ' || j.set_vi || '.'
    END AS message_vi,
    CASE WHEN c.code IS NULL
        THEN 'Work "' || j.name || '" serves no criterion of the '
             || coalesce(j.set_en, 'NTM criteria') || '.'
        ELSE 'Work "' || j.name || '" (criterion ' || c.code || ' ' || c.name_en
             || ') does not state its commune group (1, 2 or 3) under the ' || j.set_en || '.'
    END AS message_en,
    j.issue_date AS period_date
FROM judged AS j
LEFT JOIN ntm_criterion AS c ON c.criteria_set = j.set_code AND c.code = j.criterion_code
WHERE c.code IS NULL
   OR (j.needs_group AND coalesce(j.commune_group, 0) NOT IN (1, 2, 3))
