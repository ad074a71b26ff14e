"""The demo database: every rule fires and passes somewhere, the model commune is clean,
the build is reproducible, and money is stored as integers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.build import build_demo_database
from tui.core.demo import DEMO_NOTICE_EN, DEMO_NOTICE_VI, MODEL_UNIT
from tui.core.findings import load_findings
from tui.core.rules import load_rules
from tui.core.store import Store

# entity_kind -> the table and id column it points at
ENTITY_TABLES = {
    "unit": ("unit", "code"),
    "resolution": ("resolution", "resolution_id"),
    "basis_line": ("basis_line", "line_id"),
    "project": ("project", "project_id"),
    "capital_allocation": ("capital_allocation", "allocation_id"),
    "surplus": ("budget_surplus", "surplus_id"),
    "surplus_line": ("surplus_allocation", "line_id"),
}
MONEY_TOTALS = """
SELECT
    (SELECT sum(total_investment) FROM project),
    (SELECT sum(amount) FROM capital_allocation),
    (SELECT sum(available) FROM budget_surplus),
    (SELECT sum(amount) FROM surplus_allocation)
"""
RULE_IDS = sorted(rule.rule_id for rule in load_rules())


@pytest.fixture(scope="module")
def demo_findings(demo_db, db_rows) -> list[tuple]:
    return db_rows(
        demo_db,
        "SELECT rule_id, severity, unit_code, entity_kind, entity_id, year, finding_key "
        "FROM finding",
    )


@pytest.fixture(scope="module")
def other_builds(tmp_path_factory) -> dict[str, Path]:
    """The demo built again with the default seed, and once with another seed."""
    folder = tmp_path_factory.mktemp("demo-again")
    same, other = folder / "same.duckdb", folder / "other.duckdb"
    build_demo_database(same, seed=2023)
    build_demo_database(other, seed=7)
    return {"same": same, "other": other}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_fires_somewhere(rule_id, demo_findings):
    assert any(f[0] == rule_id for f in demo_findings), f"{rule_id} never fires in the demo"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_passes_somewhere(rule_id, demo_db, demo_findings, db_rows):
    """Some entity of the kind the rule judges carries no finding of that rule."""
    kinds = {f[3] for f in demo_findings if f[0] == rule_id}
    assert len(kinds) == 1, f"{rule_id} points at several kinds of entity: {kinds}"
    kind = kinds.pop()
    table, column = ENTITY_TABLES[kind]
    flagged = {f[4] for f in demo_findings if f[0] == rule_id}
    everything = {row[0] for row in db_rows(demo_db, f"SELECT {column} FROM {table}")}
    assert flagged <= everything, f"{rule_id} points at entities that do not exist"
    assert everything - flagged, f"{rule_id} flags every {kind} in the demo"
    units_flagged = {f[2] for f in demo_findings if f[0] == rule_id}
    assert len(units_flagged) < 17, f"{rule_id} fires in every unit"


def test_model_commune_has_no_findings(demo_db):
    with Store.open(demo_db) as store:
        assert store.meta()["model_unit"] == MODEL_UNIT == "06745"
        assert load_findings(store, unit=MODEL_UNIT) == []
        unit = store.dicts("views/unit", code=MODEL_UNIT)
    assert unit and unit[0]["kind"] == "xa"


def test_model_commune_has_real_content(demo_db, db_rows):
    """A model with nothing in it would be trivially clean."""
    ntm, works, lines, surplus = db_rows(
        demo_db,
        """
        SELECT
            (SELECT count(*) FROM resolution WHERE unit_code = '06745' AND kind = 'ntm'),
            (SELECT count(*) FROM project JOIN resolution USING (resolution_id)
             WHERE unit_code = '06745'),
            (SELECT count(*) FROM basis_line JOIN resolution USING (resolution_id)
             WHERE unit_code = '06745'),
            (SELECT count(*) FROM budget_surplus WHERE unit_code = '06745')
        """,
    )[0]
    assert ntm >= 1 and works >= 2 and lines >= 4 and surplus >= 1


def test_demo_covers_the_whole_city(demo_db, db_rows):
    (units,) = db_rows(demo_db, "SELECT count(*) FROM unit")[0]
    assert units == 17
    findings = db_rows(demo_db, "SELECT count(*), count(DISTINCT unit_code) FROM finding")[0]
    assert findings[0] > 0 and findings[1] > 1


def test_meta_says_demo(demo_db):
    with Store.open(demo_db) as store:
        meta = store.meta()
    assert meta["dataset_kind"] == "demo"
    assert meta["notice_vi"] == DEMO_NOTICE_VI and "DỮ LIỆU MẪU" in meta["notice_vi"]
    assert meta["notice_en"] == DEMO_NOTICE_EN and "DEMO" in meta["notice_en"]
    assert meta["seed"] == "2023"
    assert meta["model_unit"] == MODEL_UNIT


def test_same_seed_same_database(demo_db, other_builds, db_rows):
    keys = "SELECT finding_key FROM finding ORDER BY 1"
    first = db_rows(demo_db, keys)
    again = db_rows(other_builds["same"], keys)
    assert first and first == again
    assert len({k for (k,) in first}) == len(first), "finding keys are not unique"
    assert db_rows(demo_db, MONEY_TOTALS) == db_rows(other_builds["same"], MONEY_TOTALS)


def test_other_seed_other_amounts_same_findings(demo_db, other_builds, db_rows):
    pairs = "SELECT DISTINCT rule_id, unit_code FROM finding ORDER BY ALL"
    assert db_rows(demo_db, pairs) == db_rows(other_builds["other"], pairs)
    assert db_rows(demo_db, MONEY_TOTALS) != db_rows(other_builds["other"], MONEY_TOTALS)


FLOATING_TYPES = ("FLOAT", "REAL", "DOUBLE", "DECIMAL", "NUMERIC")


def test_no_floating_point_column_anywhere(demo_db, db_rows):
    columns = db_rows(
        demo_db,
        "SELECT table_name, column_name, data_type FROM information_schema.columns",
    )
    assert columns
    bad = [c for c in columns if c[2].upper().startswith(FLOATING_TYPES)]
    assert bad == []


MONEY_COLUMNS = [
    ("project", "total_investment"),
    ("capital_allocation", "amount"),
    ("budget_surplus", "available"),
    ("surplus_allocation", "amount"),
    ("project_group_threshold", "max_total_dong"),
    ("unit_year_summary", "total_investment"),
    ("unit_year_summary", "capital_central"),
    ("unit_year_summary", "capital_local"),
    ("unit_year_summary", "capital_community"),
    ("unit_year_summary", "capital_other"),
    ("unit_year_summary", "surplus_available"),
    ("unit_year_summary", "surplus_allocated"),
]


@pytest.mark.parametrize(("table", "column"), MONEY_COLUMNS)
def test_money_columns_are_bigint(table, column, demo_db, db_rows):
    found = db_rows(
        demo_db,
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = $table AND column_name = $column",
        {"table": table, "column": column},
    )
    assert found == [("BIGINT",)]


def test_summary_matches_the_detail(demo_db, db_rows):
    """unit_year_summary (what the overview reads) agrees with the rows it sums up."""
    detail = db_rows(
        demo_db,
        "SELECT coalesce(sum(total_investment), 0) FROM project "
        "JOIN resolution USING (resolution_id) WHERE year = 2023",
    )[0][0]
    summary = db_rows(
        demo_db, "SELECT sum(total_investment) FROM unit_year_summary WHERE year = 2023"
    )[0][0]
    assert detail == summary
    errors = db_rows(
        demo_db,
        "SELECT (SELECT count(*) FROM finding WHERE severity = 'error' AND year = 2023), "
        "(SELECT sum(findings_error) FROM unit_year_summary WHERE year = 2023)",
    )[0]
    assert errors[0] == errors[1] > 0
