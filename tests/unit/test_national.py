"""Province and national scale: the generator, what a build records, and the benchmark.

The generator is tested at province scale (Quảng Ninh, 171 real units before 01/07/2025 and
54 after, a few seconds to build): the same seed gives the same data, every rule fires and
passes somewhere, the model communes stay clean. The streamed writer must give exactly what the one-Dataset
writer gives. The benchmark runs once, small, and must write its JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from schema_history import undo_law_by_date

from tui.core.data.build import COUNTED_TABLES, build, build_demo_database
from tui.core.data.dataset import Dataset
from tui.core.data.demo import MODEL_UNIT, build_demo
from tui.core.data.national import (
    COMMUNE_PATTERNS,
    OLD_YEARS,
    REVIEW_YEARS,
    UNITS_CSV,
    WARD_PATTERNS,
    build_scale_database,
    generate,
    national_units,
    new_units,
    units_from_package,
)
from tui.core.data.national_2025 import MODEL_UNIT_NEW, NEW_YEARS
from tui.core.data.rebuild import migrate_database
from tui.core.data.store import Store, current_schema_version
from tui.core.rules.compare import compare_with_model, model_unit_for
from tui.core.rules.engine import load_rules

ROOT = Path(__file__).resolve().parents[2]
RULE_IDS = sorted(rule.rule_id for rule in load_rules())
RW_CONFIG = {"autoinstall_known_extensions": False}
TOTALS = """
SELECT
    (SELECT count(*) FROM resolution), (SELECT count(*) FROM project),
    (SELECT count(*) FROM capital_allocation), (SELECT count(*) FROM surplus_allocation),
    (SELECT sum(total_investment) FROM project), (SELECT sum(amount) FROM capital_allocation),
    (SELECT sum(available) FROM budget_surplus), (SELECT sum(amount) FROM surplus_allocation)
"""
# What the overview's capital-mix chart showed before unit_year_capital: every capital line.
MIX_FROM_LINES = """
SELECT a.source_code, coalesce(sum(a.amount), 0)
FROM capital_allocation AS a JOIN project AS p USING (project_id)
JOIN resolution AS r USING (resolution_id)
WHERE r.year = $year AND (CAST($unit AS VARCHAR) IS NULL OR r.unit_code = $unit)
GROUP BY 1 ORDER BY 1
"""


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> dict[str, Path]:
    """The province demo built twice with seed 2023, and once with seed 7."""
    folder = tmp_path_factory.mktemp("province")
    paths = {name: folder / f"{name}.duckdb" for name in ("first", "again", "other")}
    build_scale_database(paths["first"], "province", seed=2023)
    build_scale_database(paths["again"], "province", seed=2023)
    build_scale_database(paths["other"], "province", seed=7)
    return paths


@pytest.fixture(scope="module")
def findings(province, db_rows) -> list[tuple]:
    return db_rows(
        province["first"], "SELECT rule_id, unit_code, entity_kind, entity_id FROM finding"
    )


# -- the units -----------------------------------------------------------------------


def test_units_csv_holds_the_pre_2025_units():
    units = national_units("national")
    assert len(units) == 10_035
    assert len({u["code"] for u in units}) == len(units)
    assert Counter(u["kind"] for u in units) == {"xa": 7695, "phuong": 1724, "thi_tran": 616}
    assert len({u["province_code"] for u in units}) == 63
    assert all(len(u["code"]) == 5 and u["code"].isdigit() for u in units)
    by_code = {u["code"]: u for u in units}
    assert by_code[MODEL_UNIT]["name"] == "Hải Xuân"
    assert by_code[MODEL_UNIT]["parent_name"] == "Thành phố Móng Cái"


def test_province_scale_is_quang_ninh():
    units = national_units("province")
    assert len(units) == 171
    assert {u["province_name"] for u in units} == {"Tỉnh Quảng Ninh"}


def test_units_csv_matches_the_package():
    """data/units_national.csv is the package's list, refreshed by write_units_csv()."""
    pytest.importorskip("vietnamadminunits")
    assert units_from_package() == national_units("national")
    assert UNITS_CSV.with_suffix(".NOTICE").exists(), "the MIT notice travels with the data"


# -- the generator -------------------------------------------------------------------


def test_same_seed_same_database(province, db_rows):
    keys = "SELECT finding_key FROM finding ORDER BY 1"
    assert db_rows(province["first"], keys) == db_rows(province["again"], keys)
    assert db_rows(province["first"], TOTALS) == db_rows(province["again"], TOTALS)


def test_another_seed_other_amounts(province, db_rows):
    assert db_rows(province["first"], TOTALS) != db_rows(province["other"], TOTALS)


def test_generation_does_not_depend_on_the_consumer():
    """Two passes over the generator give the same chunks (no state leaks between runs)."""
    units = national_units("province")[:20]
    first = [(len(d.resolutions), d.surpluses[0].available) for d in generate(units, 5)]
    again = [(len(d.resolutions), d.surpluses[0].available) for d in generate(units, 5)]
    assert first == again


def test_the_demo_years_reach_every_rule_period():
    """2022–2024 in the old units, 2025–2026 in the new: every rule's law has a year."""
    assert REVIEW_YEARS == (*OLD_YEARS, *NEW_YEARS) == (2022, 2023, 2024, 2025, 2026)
    later = [r.rule_id for r in load_rules() if r.regime_from and r.regime_from.year > 2026]
    assert later == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_fires_at_province_scale(rule_id, findings):
    assert any(f[0] == rule_id for f in findings), f"{rule_id} never fires at province scale"


def test_most_units_are_clean_and_every_rule_passes_somewhere(findings, db_rows, province):
    units = {row[0] for row in db_rows(province["first"], "SELECT code FROM unit")}
    flagged = {f[1] for f in findings}
    assert len(flagged) < len(units) / 2
    for rule_id in RULE_IDS:
        assert units - {f[1] for f in findings if f[0] == rule_id}, f"{rule_id} fires everywhere"


def test_patterns_cycle_through_failing_unit_years(findings):
    """Each failure pattern is used, so each of the demo's gaps appears."""
    assert len(COMMUNE_PATTERNS) == 8 and len(WARD_PATTERNS) == 2
    assert Counter(f[0] for f in findings)["commune_no_ntm_resolution"] >= 2


def test_model_commune_is_clean_every_year(province):
    with Store.open(province["first"]) as store:
        meta = store.meta()
        assert meta["model_unit"] == MODEL_UNIT
        assert store.rows("views/findings", unit=MODEL_UNIT, year=None) == []
        assert store.rows("views/findings", unit=MODEL_UNIT_NEW, year=None) == []
        for year in REVIEW_YEARS:
            model = model_unit_for(meta, year)
            assert model == (MODEL_UNIT if year in OLD_YEARS else MODEL_UNIT_NEW)
            resolutions = store.rows("views/unit_resolutions", unit=model, year=year)
            assert any(r[3] == "ntm" and r[6] >= 8 for r in resolutions), year


def test_new_units_cover_2025_and_2026_with_their_predecessors(province, db_rows):
    """Quảng Ninh's 54 units of 01/07/2025 hold the 2025–2026 data; the old 171 hold
    2022–2024, and the official mapping links them (06712 Móng Cái 1 ← Trần Phú & co)."""
    assert len(new_units("province")) == 54
    years = db_rows(
        province["first"],
        "SELECT p.valid_from IS NULL, min(r.year), max(r.year), count(DISTINCT r.unit_code) "
        "FROM resolution AS r JOIN unit_period AS p ON p.code = r.unit_code "
        "AND period_covers(p.valid_from, p.valid_to, r.issue_date) GROUP BY 1 ORDER BY 1",
    )
    assert years == [(False, 2025, 2026, 54), (True, 2022, 2024, 171)]
    with Store.open(province["first"]) as store:
        history = store.rows("views/unit_history", code="06712", year=2026)
    predecessors = {(row[0], row[1], row[2]) for row in history}
    assert predecessors == {
        ("from", code, name)
        for code, name in [
            ("06712", "Trần Phú"),
            ("06721", "Trà Cổ"),
            ("06742", "Hải Hòa"),  # the national list's spelling
            ("06745", "Hải Xuân"),
            ("06751", "Bình Ngọc"),
        ]
    }
    # Their 2022–2024 resolutions show through the mapping, under the old names.
    assert {row[10].year for row in history if row[8]} == set(OLD_YEARS)


def test_old_communes_are_not_judged_by_a_reused_code_in_2025(findings):
    """06712 files 2025 resolutions as Móng Cái 1: the old Móng Cái communes (Hải Xuân)
    are not flagged for having no NTM resolution in 2025."""
    assert not [f for f in findings if f[0] == "commune_no_ntm_resolution" and f[1] == "06745"]


def test_meta_records_scale_freshness_and_counts(province, db_rows):
    with Store.open(province["first"]) as store:
        meta = store.meta()
    assert meta["dataset_kind"] == "demo" and meta["scale"] == "province"
    assert meta["seed"] == "2023" and meta["default_year"] == str(max(OLD_YEARS))
    assert meta["built_at"] and meta["findings_at"]
    for table in COUNTED_TABLES:
        (count,) = db_rows(province["first"], f"SELECT count(*) FROM {table}")[0]
        assert meta[f"count_{table}"] == str(count)


def test_money_is_integer_dong(province, db_rows):
    types = db_rows(
        province["first"],
        "SELECT DISTINCT data_type FROM information_schema.columns "
        "WHERE column_name IN ('amount', 'available', 'total_investment')",
    )
    assert {t[0] for t in types} == {"BIGINT"}
    (odd,) = db_rows(
        province["first"], "SELECT count(*) FROM capital_allocation WHERE amount % 1000000 <> 0"
    )[0]
    assert odd == 0


# -- streaming --------------------------------------------------------------------------


def test_streamed_chunks_write_what_one_dataset_writes(make_db, db_rows):
    """The city demo written as one Dataset and as one chunk per unit: the same rows."""
    whole = make_db(build_demo(), name="whole.duckdb")
    by_unit: dict[str, Dataset] = {}
    data = build_demo()
    for res in data.resolutions:
        by_unit.setdefault(res.unit_code, Dataset()).resolutions.append(res)
    for sur in data.surpluses:
        by_unit.setdefault(sur.unit_code, Dataset()).surpluses.append(sur)
    streamed = make_db(iter(by_unit.values()), name="streamed.duckdb")
    for table in ("resolution", "basis_line", "project", "capital_allocation", "finding"):
        query = f"SELECT * FROM {table} ORDER BY ALL"
        assert db_rows(whole, query) == db_rows(streamed, query), table


def test_build_reports_streamed_counts(tmp_path):
    units = national_units("province")[:12]
    report = build(tmp_path / "few.duckdb", units, generate(units, 3), REVIEW_YEARS, {})
    assert report.units == 12 and report.resolutions > 12 * len(OLD_YEARS)


# -- precomputed summaries the screens read ------------------------------------------------


def test_capital_mix_reads_the_summary_and_matches_the_lines(province, db_rows):
    with Store.open(province["first"]) as store:
        for unit in (None, MODEL_UNIT, "06724"):
            shown = store.rows("views/capital_mix", unit=unit, year=2024)
            lines = db_rows(province["first"], MIX_FROM_LINES, {"unit": unit, "year": 2024})
            assert sorted((r[0], r[4]) for r in shown) == lines


def test_one_commune_comparison_equals_the_whole_comparison(province):
    with Store.open(province["first"]) as store:
        everyone = {c.unit_code: c for c in compare_with_model(store, MODEL_UNIT, 2024)}
        for code in ("06724", "06727", "06754"):
            assert compare_with_model(store, MODEL_UNIT, 2024, unit_code=code) == [everyone[code]]


def test_migration_0003_fills_the_capital_summary(tmp_path, db_rows):
    path = tmp_path / "older.duckdb"
    build_demo_database(path)
    expected = db_rows(path, "SELECT * FROM unit_year_capital ORDER BY ALL")
    assert expected
    con = duckdb.connect(str(path), config=RW_CONFIG)
    try:
        undo_law_by_date(con)  # migrations 0006, 0005 and 0004
        con.execute("DROP TABLE unit_year_capital")
        con.execute("DELETE FROM schema_version WHERE version >= 3")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    assert migrate_database(path) == (2, current_schema_version())
    assert db_rows(path, "SELECT * FROM unit_year_capital ORDER BY ALL") == expected


# -- the CLI and the benchmark ----------------------------------------------------------


def test_demo_command_accepts_the_scales(tmp_path):
    path = tmp_path / "p.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "tui", "demo", "--scale", "province", "--db", str(path)]
        + ["--lang", "en", "--seed", "11"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "province" in done.stdout and "225 units" in done.stdout
    assert done.stderr == "", "no progress bar when stderr is not a terminal"
    with Store.open(path) as store:
        assert store.meta()["seed"] == "11"


def _require_tmux() -> None:
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required for the benchmark test in CI, and it is not installed")
        pytest.skip("tmux is not installed")


@pytest.mark.e2e
def test_benchmark_runs_small_and_writes_its_json(tmp_path):
    """bench/national.py at province scale, one launch each: about 20 s."""
    _require_tmux()
    out_json, out_md = tmp_path / "bench.json", tmp_path / "bench.md"
    env = {k: v for k, v in os.environ.items() if k not in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "national.py"), "--scale", "province"]
        + ["--db", str(tmp_path / "province.duckdb"), "--runs", "1", "--units", "2"]
        + ["--word", "ha", "--import-rows", "300"]
        + ["--json", str(out_json), "--md", str(out_md)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out_json.read_text())
    assert {
        "scale",
        "data",
        "first_paint",
        "filter",
        "drill_down",
        "check",
        "memory",
        "import",
        "targets",
    } <= set(result)
    # 171 codes: Quảng Ninh's 54 units of 01/07/2025 kept codes of the units they absorbed.
    assert result["scale"] == "province" and result["data"]["units"] == 171
    fp = result["first_paint"]
    assert fp["floor_s"] > 0 and fp["demo_s"] > 0 and fp["scale_s"] > 0
    assert fp["scale_ratio"] == pytest.approx(fp["scale_s"] / fp["floor_s"], rel=0.05)
    assert len(result["filter"]["samples_ms"]) == len(result["filter"]["floor_samples_ms"]) == 4
    assert result["filter"]["worst_ms"] >= result["filter"]["median_ms"] > 0
    assert result["filter"]["floor_median_ms"] > 0
    assert len(result["drill_down"]["samples"]) == len(result["drill_down"]["floor_samples_ms"])
    assert len(result["drill_down"]["samples"]) == 2 and result["drill_down"]["ratio"] > 0
    assert result["check"]["app_s"] > 0 and result["check"]["floor_s"] > 0
    assert result["memory"]["tui_peak_rss_mb"] > 0
    assert "available" in result["import"]
    assert {t["measure"] for t in result["targets"]} >= {"filter_median_ms", "check_ratio"}
    table = out_md.read_text()
    assert "| first paint, province" in table and "| peak RSS of the TUI" in table
