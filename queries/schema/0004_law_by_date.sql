-- Migration 0004: the law by the resolution's date (issue 9).
-- Returns nothing. No parameters.
-- * finding.period_date: the date that chose the rule's period (the resolution's issue
--   date, or the budget year for budget matters), so that every reader cites the legal
--   basis of that period.
-- * legal_document.grace_until: a repealed document that a transition clause still lets a
--   resolution cite until that date (a warning, not an error); demo_only: an invented
--   demo document, recognised only in demo resolutions.
-- * capital_source validity (NS_HUYEN ended with the district level on 30/06/2025).
-- * capital_allocation.revenue_kind: what a commune-budget line spends (ket_du, tang_thu,
--   khac), so that surplus over-allocation counts kết dư only.
-- * project.commune_group: the QĐ 51/2025 commune group (1–3) the work's targets use.
-- * criteria sets by period (QĐ 318: 19 criteria; QĐ 51/2025: 10), group-C thresholds by
--   period (Luật 39/2019, then Luật 58/2024), and the small-works cap by period.

ALTER TABLE finding ADD COLUMN period_date DATE;

ALTER TABLE legal_document ADD COLUMN grace_until DATE;
ALTER TABLE legal_document ADD COLUMN demo_only BOOLEAN DEFAULT false;

ALTER TABLE capital_source ADD COLUMN valid_from DATE;
ALTER TABLE capital_source ADD COLUMN valid_to DATE;
UPDATE capital_source SET valid_to = DATE '2025-06-30' WHERE code = 'NS_HUYEN';

ALTER TABLE capital_allocation ADD COLUMN revenue_kind VARCHAR;
ALTER TABLE project ADD COLUMN commune_group INTEGER;

CREATE TABLE criteria_set (
    code       VARCHAR PRIMARY KEY,
    doc_id     VARCHAR,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    criteria   INTEGER NOT NULL,
    valid_from DATE,
    valid_to   DATE,
    confirmed  BOOLEAN NOT NULL,
    label_vi   VARCHAR,                     -- short label for code lists
    label_en   VARCHAR
);

CREATE TABLE ntm_criterion_by_set (
    criteria_set VARCHAR NOT NULL,
    code         INTEGER NOT NULL,
    name_vi      VARCHAR NOT NULL,
    name_en      VARCHAR NOT NULL,
    PRIMARY KEY (criteria_set, code)
);
INSERT INTO ntm_criterion_by_set SELECT 'QD318', code, name_vi, name_en FROM ntm_criterion;
-- A file built before this migration knew only the 19 criteria of QĐ 318.
INSERT INTO criteria_set
SELECT 'QD318', 'QD318-2022', 'Bộ tiêu chí quốc gia về xã nông thôn mới 2021–2025 (19 tiêu chí)',
       'National NTM commune criteria 2021–2025 (19 criteria)', 19, NULL, DATE '2026-02-14', true,
       'QĐ 318/QĐ-TTg, đến 14/02/2026', 'Decision 318, to 14/02/2026'
WHERE EXISTS (SELECT 1 FROM ntm_criterion);

DROP TABLE ntm_criterion;
ALTER TABLE ntm_criterion_by_set RENAME TO ntm_criterion;
CREATE TABLE project_group_threshold_by_period (
    code           VARCHAR NOT NULL,
    field          VARCHAR NOT NULL,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    max_total_dong BIGINT NOT NULL,
    confirmed      BOOLEAN NOT NULL,
    valid_from     DATE NOT NULL,
    valid_to       DATE,
    doc_id         VARCHAR,
    PRIMARY KEY (code, field, valid_from)
);
INSERT INTO project_group_threshold_by_period
SELECT code, field, name_vi, name_en, max_total_dong, confirmed, DATE '2020-01-01',
       DATE '2024-12-31', 'LDTC-2019'
FROM project_group_threshold;
DROP TABLE project_group_threshold;
ALTER TABLE project_group_threshold_by_period RENAME TO project_group_threshold;

CREATE TABLE small_mechanism_cap (
    programme  VARCHAR PRIMARY KEY,
    valid_from DATE NOT NULL,
    valid_to   DATE,
    max_dong   BIGINT,                      -- NULL: the cap is not known
    confirmed  BOOLEAN NOT NULL,
    note_vi    VARCHAR NOT NULL,
    note_en    VARCHAR NOT NULL
);

-- The criteria set in force on a date (QĐ 318 up to 14/02/2026, QĐ 51/2025 from
-- 15/02/2026); NULL when none is.
CREATE MACRO criteria_set_at(d) AS (
    SELECT s.code FROM criteria_set AS s
    WHERE (s.valid_from IS NULL OR s.valid_from <= d) AND (s.valid_to IS NULL OR d <= s.valid_to)
    ORDER BY s.valid_from DESC NULLS LAST
    LIMIT 1
);
