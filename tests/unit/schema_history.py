"""Turning a current database file back into an older schema, for migration tests.

A test that needs "a file built before migration N" builds a demo file and undoes the
later migrations here, newest first, so that migrating it again replays them.
"""

from __future__ import annotations

import duckdb

# Undo of migration 0004 (the law by date). Columns of indexed tables are dropped with the
# index out of the way, as DuckDB requires.
UNDO_0004 = (
    "ALTER TABLE finding DROP COLUMN period_date",
    "ALTER TABLE legal_document DROP COLUMN grace_until",
    "ALTER TABLE legal_document DROP COLUMN demo_only",
    "ALTER TABLE capital_source DROP COLUMN valid_from",
    "ALTER TABLE capital_source DROP COLUMN valid_to",
    "DROP INDEX allocation_project",
    "ALTER TABLE capital_allocation DROP COLUMN revenue_kind",
    "CREATE INDEX allocation_project ON capital_allocation (project_id)",
    "DROP INDEX project_resolution",
    "ALTER TABLE project DROP COLUMN commune_group",
    "CREATE INDEX project_resolution ON project (resolution_id)",
    "DROP MACRO criteria_set_at",
    "DROP TABLE criteria_set",
    "DROP TABLE small_mechanism_cap",
    "CREATE TABLE ntm_criterion_old (code INTEGER PRIMARY KEY, name_vi VARCHAR NOT NULL, "
    "name_en VARCHAR NOT NULL)",
    "INSERT INTO ntm_criterion_old SELECT code, name_vi, name_en FROM ntm_criterion "
    "WHERE criteria_set = 'QD318'",
    "DROP TABLE ntm_criterion",
    "ALTER TABLE ntm_criterion_old RENAME TO ntm_criterion",
    "CREATE TABLE project_group_threshold_old (code VARCHAR NOT NULL, field VARCHAR NOT NULL, "
    "name_vi VARCHAR NOT NULL, name_en VARCHAR NOT NULL, max_total_dong BIGINT NOT NULL, "
    "confirmed BOOLEAN NOT NULL, PRIMARY KEY (code, field))",
    "INSERT INTO project_group_threshold_old SELECT code, field, name_vi, name_en, "
    "max_total_dong, confirmed FROM project_group_threshold WHERE valid_to = DATE '2024-12-31'",
    "DROP TABLE project_group_threshold",
    "ALTER TABLE project_group_threshold_old RENAME TO project_group_threshold",
    "DELETE FROM schema_version WHERE version >= 4",
)


# Undo of migration 0006 (units across time, issue 10): `unit` is a table again, holding
# each code's latest period (what the view showed).
UNDO_0006 = (
    "CREATE TABLE unit_before_0006 AS SELECT * FROM unit",
    "DROP VIEW unit",
    "DROP TABLE unit_period",
    "DROP TABLE unit_link",
    "DROP TABLE reviewing_body",
    "DROP MACRO period_covers",
    "DROP MACRO period_in_year",
    "ALTER TABLE unit_before_0006 RENAME TO unit",
    "DELETE FROM schema_version WHERE version >= 6",
)


# Undo of migration 0005 (clerks' notes, work phases and stated totals, issue 11).
UNDO_0005 = (
    "DROP TABLE entity_note",
    "DROP TABLE stated_total",
    "DROP INDEX project_resolution",
    "ALTER TABLE project DROP COLUMN phase",
    "CREATE INDEX project_resolution ON project (resolution_id)",
    "DELETE FROM schema_version WHERE version >= 5",
)


# Undo of migration 0007 (registry documents with an unknown issue date): such rows could
# not exist before it.
UNDO_0007 = (
    "DELETE FROM legal_document WHERE issue_date IS NULL",
    "ALTER TABLE legal_document ALTER COLUMN issue_date SET NOT NULL",
    "DELETE FROM schema_version WHERE version >= 7",
)


def undo_unknown_issue_date(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a current file back to schema 6 (before 0007_unknown_issue_date)."""
    for statement in UNDO_0007:
        con.execute(statement)


def undo_units_across_time(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a current file back to schema 5 (before 0006_units_across_time), newest first."""
    undo_unknown_issue_date(con)
    for statement in UNDO_0006:
        con.execute(statement)


def undo_clerk_notes(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a current file back to schema 4 (before 0005_clerk_notes_totals), newest first."""
    undo_units_across_time(con)
    for statement in UNDO_0005:
        con.execute(statement)


def undo_law_by_date(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a current file back to schema 3 (before 0004_law_by_date), newest first."""
    undo_clerk_notes(con)
    for statement in UNDO_0004:
        con.execute(statement)
