-- Migration 0005: what clerks write around the import template (issue 11).
-- Returns nothing. No parameters.
-- project.phase: 'ongoing' (công trình chuyển tiếp) or 'new' (khởi công mới), from the
--   group row the work was listed under; NULL when the file did not say.
-- entity_note: the "Ghi chú" of an imported row, on the entity the row made
--   (entity_kind: resolution, project, capital_allocation, budget_surplus,
--   surplus_allocation; entity_id: that table's id).
-- stated_total: each total the commune wrote ("Cộng", "Tổng cộng", a group row's
--   amounts) beside the sum of the rows it covers, checked by rule stated_total_mismatch.

ALTER TABLE project ADD COLUMN phase VARCHAR;

CREATE TABLE entity_note (
    entity_kind VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    note        VARCHAR NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);

CREATE TABLE stated_total (
    total_id      VARCHAR PRIMARY KEY,
    resolution_id VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    label         VARCHAR NOT NULL,          -- as written: "Tổng cộng", "Cộng I", "A. Giao thông"
    place         VARCHAR NOT NULL,          -- where: sheet, row and column in the file
    measure       VARCHAR NOT NULL,          -- the column: "Tổng mức đầu tư", "NSTW", …
    stated        BIGINT NOT NULL,           -- integer đồng, as written
    listed        BIGINT NOT NULL            -- integer đồng, the sum of the rows it covers
);
