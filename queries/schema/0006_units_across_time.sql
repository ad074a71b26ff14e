-- Migration 0006: units across time, the old→new mapping and the reviewing body.
-- Returns nothing. No parameters.
-- A unit is one period of one official code: key (code, valid_from). The units of
-- 01/07/2025 kept the code of one unit they absorbed (06712 was phường Trần Phú until
-- 30/06/2025, phường Móng Cái 1 since), so the periods live in unit_period and `unit`
-- becomes a view holding each code's latest period (what a code means today), so that
-- a join on the code alone still gives one row. Whatever depends on a date (a
-- resolution's unit name, a rule over a year) reads unit_period. Provinces are units
-- too (kind tinh / thanh_pho): they carry provincial resolutions.

CREATE TABLE unit_period (
    code          VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    name_key      VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL
                  CHECK (kind IN ('xa', 'phuong', 'thi_tran', 'dac_khu', 'tinh', 'thanh_pho')),
    parent_code   VARCHAR,
    parent_name   VARCHAR,
    province_code VARCHAR,
    province_name VARCHAR,
    valid_from    DATE,                      -- NULL: since before the catalogue begins
    valid_to      DATE,                      -- NULL: still in force
    UNIQUE (code, valid_from)
);

INSERT INTO unit_period
SELECT code, name, name_key, kind, parent_code, parent_name, province_code, province_name,
       valid_from, valid_to
FROM unit;

DROP TABLE unit;

CREATE VIEW unit AS
SELECT code, name, name_key, kind, parent_code, parent_name, province_code, province_name,
       valid_from, valid_to
FROM unit_period
QUALIFY row_number() OVER (PARTITION BY code ORDER BY valid_from DESC NULLS LAST) = 1;

-- Which unit became which: one row per (old, new) pair on the day the change took effect.
-- The old unit is the period of old_code ending the day before `effective`, the new one
-- the period of new_code starting on it. merge: whole (the old unit went entirely into the
-- new one) or partial (part of it did; "Nhập một phần"), so the mapping is many-to-many.
CREATE TABLE unit_link (
    effective DATE NOT NULL,
    old_code  VARCHAR NOT NULL,
    new_code  VARCHAR NOT NULL,
    merge     VARCHAR NOT NULL CHECK (merge IN ('whole', 'partial')),
    PRIMARY KEY (effective, old_code, new_code)
);

-- Who reviews a unit's resolutions, by period (data/reviewing_bodies.csv). scope_code is
-- a unit code, a district code ("district:194") or a province code ("province:22"),
-- or '*' for every unit; the most specific row valid on a day wins. name_vi / name_en may
-- hold {unit} (the unit's own name, e.g. "xã Hải Sơn"), for the commune's own council.
CREATE TABLE reviewing_body (
    scope_code VARCHAR NOT NULL,
    valid_from DATE,
    valid_to   DATE,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    confirmed  BOOLEAN NOT NULL,
    note       VARCHAR,
    UNIQUE (scope_code, valid_from)
);

-- Whether a unit period [vf, vt] covers day d, and overlaps year y.
CREATE MACRO period_covers(vf, vt, d) AS (vf IS NULL OR vf <= d) AND (vt IS NULL OR vt >= d);
CREATE MACRO period_in_year(vf, vt, y) AS
    (vf IS NULL OR vf <= make_date(y, 12, 31)) AND (vt IS NULL OR vt >= make_date(y, 1, 1));
