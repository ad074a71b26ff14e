-- Migration 0001: the initial schema of an ntm-review database.
-- Returns nothing. Creates the reference tables (loaded from data/*.csv), the audited
-- entities, the derived tables computed at build time, and the display macros.
-- Money is integer đồng (BIGINT) everywhere; there is no floating-point money column.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL,
    note       VARCHAR
);

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Reference catalogues -----------------------------------------------------------

CREATE TABLE unit (
    code          VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    name_key      VARCHAR NOT NULL,          -- accent-folded name for search
    kind          VARCHAR NOT NULL CHECK (kind IN ('xa', 'phuong', 'thi_tran')),
    parent_code   VARCHAR,
    parent_name   VARCHAR,
    province_code VARCHAR,
    province_name VARCHAR,
    valid_from    DATE,
    valid_to      DATE
);

CREATE TABLE review_year (
    year INTEGER PRIMARY KEY
);

CREATE TABLE basis_category (
    code             VARCHAR PRIMARY KEY,
    name_vi          VARCHAR NOT NULL,
    name_en          VARCHAR NOT NULL,
    required_for_ntm BOOLEAN NOT NULL,
    keywords         VARCHAR NOT NULL,
    sort_order       INTEGER NOT NULL
);

CREATE TABLE source_group (
    code       VARCHAR PRIMARY KEY,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE capital_source (
    code                    VARCHAR PRIMARY KEY,
    name_vi                 VARCHAR NOT NULL,
    name_en                 VARCHAR NOT NULL,
    source_group            VARCHAR NOT NULL,
    requires_share          BOOLEAN NOT NULL,
    community_or_enterprise BOOLEAN NOT NULL,
    sort_order              INTEGER NOT NULL
);

CREATE TABLE surplus_category (
    code             VARCHAR PRIMARY KEY,
    name_vi          VARCHAR NOT NULL,
    name_en          VARCHAR NOT NULL,
    requires_project BOOLEAN NOT NULL,
    sort_order       INTEGER NOT NULL
);

CREATE TABLE spending_field (
    code       VARCHAR PRIMARY KEY,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE ntm_criterion (
    code    INTEGER PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
);

CREATE TABLE project_group_threshold (
    code           VARCHAR NOT NULL,
    field          VARCHAR NOT NULL,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    max_total_dong BIGINT NOT NULL,
    confirmed      BOOLEAN NOT NULL,
    PRIMARY KEY (code, field)
);

CREATE TABLE setting (
    key       VARCHAR PRIMARY KEY,
    value     VARCHAR NOT NULL,
    confirmed BOOLEAN NOT NULL,
    note      VARCHAR
);

CREATE TABLE document_kind (
    code    VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL
);

CREATE TABLE legal_document (
    doc_id         VARCHAR PRIMARY KEY,
    number         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,
    short_name_vi  VARCHAR,
    title_vi       VARCHAR NOT NULL,
    title_en       VARCHAR NOT NULL,
    issuer         VARCHAR,
    issue_date     DATE NOT NULL,
    effective_date DATE,
    repealed_date  DATE,
    replaced_by    VARCHAR,
    basis_category VARCHAR,
    scope          VARCHAR,
    confirmed      BOOLEAN NOT NULL
);

-- Audited entities ---------------------------------------------------------------
-- Every entity has a natural_key that survives a rebuild, so that reviewers'
-- decisions stay attached to the same finding when ids change.

CREATE TABLE resolution (
    resolution_id  VARCHAR PRIMARY KEY,
    unit_code      VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    number         VARCHAR NOT NULL,
    issue_date     DATE NOT NULL,
    session        VARCHAR,
    title          VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('ntm', 'surplus', 'plan', 'other')),
    status         VARCHAR NOT NULL CHECK (status IN ('in_force', 'amended', 'replaced', 'draft')),
    amends_id      VARCHAR,
    submission_ref VARCHAR,
    natural_key    VARCHAR NOT NULL,
    source         VARCHAR
);

CREATE TABLE basis_line (
    line_id       VARCHAR PRIMARY KEY,
    resolution_id VARCHAR NOT NULL,
    line_no       INTEGER NOT NULL,
    text          VARCHAR NOT NULL,          -- exactly as written
    doc_id        VARCHAR,                   -- recognised registry document
    category      VARCHAR,                   -- recognised basis category
    cited_number  VARCHAR,
    cited_date    DATE,
    method        VARCHAR,                   -- number | name_date | name | keyword | NULL
    natural_key   VARCHAR NOT NULL
);

CREATE TABLE project (
    project_id          VARCHAR PRIMARY KEY,
    resolution_id       VARCHAR NOT NULL,
    seq                 INTEGER NOT NULL,
    name                VARCHAR NOT NULL,
    location            VARCHAR,
    scale               VARCHAR,
    period              VARCHAR,
    criterion_code      INTEGER,
    group_code          VARCHAR,
    sector              VARCHAR,
    total_investment    BIGINT,
    policy_decision_ref VARCHAR,
    policy_delegated    BOOLEAN NOT NULL DEFAULT false,
    small_mechanism     BOOLEAN NOT NULL DEFAULT false,
    natural_key         VARCHAR NOT NULL
);

CREATE TABLE capital_allocation (
    allocation_id   VARCHAR PRIMARY KEY,
    project_id      VARCHAR NOT NULL,
    source_code     VARCHAR NOT NULL,
    amount          BIGINT,                  -- NULL: mobilised without saying how much
    programme_share VARCHAR,                 -- for integrated (lồng ghép) sources
    natural_key     VARCHAR NOT NULL
);

CREATE TABLE budget_surplus (
    surplus_id      VARCHAR PRIMARY KEY,
    unit_code       VARCHAR NOT NULL,
    year            INTEGER NOT NULL,        -- the year in which the surplus is allocated
    fiscal_year     INTEGER NOT NULL,        -- the budget year that produced it
    available       BIGINT NOT NULL,
    settlement_ref  VARCHAR,                 -- the HĐND's approval of the settlement
    settlement_date DATE,
    resolution_id   VARCHAR,                 -- the resolution that allocates it
    natural_key     VARCHAR NOT NULL
);

CREATE TABLE surplus_allocation (
    line_id       VARCHAR PRIMARY KEY,
    surplus_id    VARCHAR NOT NULL,
    line_no       INTEGER NOT NULL,
    category_code VARCHAR NOT NULL,
    field_code    VARCHAR,
    project_name  VARCHAR,
    item          VARCHAR,
    amount        BIGINT,
    natural_key   VARCHAR NOT NULL
);

CREATE INDEX resolution_unit_year ON resolution (unit_code, year);
CREATE INDEX basis_line_resolution ON basis_line (resolution_id);
CREATE INDEX project_resolution ON project (resolution_id);
CREATE INDEX allocation_project ON capital_allocation (project_id);
CREATE INDEX surplus_unit_year ON budget_surplus (unit_code, year);
CREATE INDEX surplus_line_surplus ON surplus_allocation (surplus_id);

-- Derived at build time ----------------------------------------------------------
-- Findings and summaries do not change between builds, so they are computed once.

CREATE TABLE finding (
    rule_id       VARCHAR NOT NULL,
    severity      VARCHAR NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    unit_code     VARCHAR NOT NULL,
    entity_kind   VARCHAR NOT NULL,
    entity_id     VARCHAR NOT NULL,
    year          INTEGER,
    message_vi    VARCHAR NOT NULL,
    message_en    VARCHAR NOT NULL,
    entity_key    VARCHAR,
    finding_key   VARCHAR,
    resolution_id VARCHAR                    -- the resolution a finding leads to, if any
);

CREATE TABLE unit_year_summary (
    unit_code          VARCHAR NOT NULL,
    year               INTEGER NOT NULL,
    name               VARCHAR NOT NULL,
    name_key           VARCHAR NOT NULL,
    kind               VARCHAR NOT NULL,
    resolutions        INTEGER NOT NULL,
    ntm_resolutions    INTEGER NOT NULL,
    projects           INTEGER NOT NULL,
    total_investment   BIGINT NOT NULL,
    capital_central    BIGINT NOT NULL,
    capital_local      BIGINT NOT NULL,
    capital_community  BIGINT NOT NULL,
    capital_other      BIGINT NOT NULL,
    surplus_available  BIGINT NOT NULL,
    surplus_allocated  BIGINT NOT NULL,
    findings_error     INTEGER NOT NULL,
    findings_warning   INTEGER NOT NULL,
    findings_info      INTEGER NOT NULL,
    PRIMARY KEY (unit_code, year)
);

-- Display helpers: Vietnamese money (1.234.567) and dates (dd/mm/yyyy) inside messages.
CREATE MACRO vn_money(x) AS replace(format('{:,}', x), ',', '.');
CREATE MACRO vn_date(d) AS strftime(d, '%d/%m/%Y');
