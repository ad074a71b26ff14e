"""Statements that take a current file back to before migration 0006 (units across time).

Tests that fabricate an older file (drop what later migrations made, delete their
schema_version rows) run these first, so that the migration can be applied again.
"""

UNDO_0006 = (
    "CREATE TABLE unit_before_0006 AS SELECT * FROM unit",
    "DROP VIEW unit",
    "DROP TABLE unit_period",
    "DROP TABLE unit_link",
    "DROP TABLE reviewing_body",
    "DROP MACRO period_covers",
    "DROP MACRO period_in_year",
    "ALTER TABLE unit_before_0006 RENAME TO unit",
)


def undo_0006(con) -> None:
    for statement in UNDO_0006:
        con.execute(statement)
