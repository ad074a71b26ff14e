"""The headless command line: exit codes, output formats, languages and error sentences.

Most tests call tui.cli.main in-process (fast); the ones about the process as a whole
(exit status, stderr, the console script, terminal width) run it as a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.cli import main
from tui.core.data.dataset import CapitalLine, Dataset, Project, Resolution
from tui.core.data.demo import COMMUNES, ntm_grounds
from tui.core.data.reference import mong_cai_units
from tui.core.data.store import Store

PUBLIC_KEYS = {
    "id",
    "rule_id",
    "severity",
    "unit_code",
    "entity_kind",
    "entity_id",
    "year",
    "message",
    "legal_basis",  # the basis of the rule period the finding falls in
}
CSV_HEADER = "id,rule_id,severity,unit_code,entity_kind,entity_id,year,message,legal_basis"
BASIS_CATEGORIES = {"de_an", "quy_hoach", "quy_che", "luat_dtc"}


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "COLUMNS", "LINES")
    }
    env.update(extra)
    return env


def run(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=clean_env(**env),
    )


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch):
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def call(capsys, *args: str) -> tuple[int, str, str]:
    """Run main() in-process; argparse exits become return codes."""
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def demo_messages(demo_db, db_rows) -> dict[tuple[str, str], tuple[str, str]]:
    rows = db_rows(demo_db, "SELECT rule_id, entity_id, message_vi, message_en FROM finding")
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


# -- check ----------------------------------------------------------------------------


def test_check_demo_exits_1_as_a_process(demo_db):
    result = run("check", "--db", str(demo_db))
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert "basis_missing_de_an" in result.stdout


def test_console_script_is_installed(demo_db):
    script = Path(sys.executable).with_name("ntm-review")
    if not script.exists():
        script = shutil.which("ntm-review")
    if not script:
        pytest.skip("the ntm-review console script is not on this interpreter's path")
    result = subprocess.run(
        [str(script), "check", "--db", str(demo_db), "--unit", "06745"],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stderr


def test_check_model_commune_exits_0_and_prints_no_finding(capsys, demo_db):
    code, out, err = call(capsys, "check", "--db", str(demo_db), "--unit", "06745")
    assert code == 0 and err == ""
    assert "Không có phát hiện nào" in out
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--unit", "06745", "--lang", "en")
    assert code == 0 and "No findings" in out
    code, out, _ = call(
        capsys, "check", "--db", str(demo_db), "--unit", "06745", "--format", "json"
    )
    assert code == 0 and json.loads(out) == []


def test_check_warnings_only_exits_0(capsys, make_db):
    """Exit 1 is for error-severity findings only: warnings and info still exit 0."""
    commune = COMMUNES["06745"]
    work = Project(
        name="Đường trục xã",
        total_investment=1_000_000_000,
        criterion_code=2,
        policy_decision_ref="QĐ số 215/QĐ-UBND",
        capital=[CapitalLine("NS_XA", 1_000_000_000)],
    )
    resolution = Resolution(
        resolution_id="NQ-06745-2023-01",
        unit_code="06745",
        year=2023,
        number="15/NQ-HĐ",  # malformed: a warning
        issue_date=date(2023, 7, 20),
        title="Nghị quyết về xây dựng nông thôn mới năm 2023",
        basis=ntm_grounds(commune, extra=("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/02/2023;",)),
        projects=[work],
    )
    units = [u for u in mong_cai_units() if u["code"] == "06745"]
    path = make_db(Dataset(resolutions=[resolution]), units=units)
    code, out, _ = call(capsys, "check", "--db", str(path), "--format", "json")
    severities = sorted(i["severity"] for i in json.loads(out))
    assert severities == ["info", "warning"]
    assert code == 0


def test_check_unit_with_an_error_exits_1(capsys, demo_db):
    code, _, _ = call(capsys, "check", "--db", str(demo_db), "--unit", "06754")
    assert code == 1


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_check_json(capsys, demo_db, demo_messages, lang):
    code, out, err = call(capsys, "check", "--db", str(demo_db), "--format", "json", "--lang", lang)
    assert code == 1 and err == ""
    items = json.loads(out)
    assert isinstance(items, list) and len(items) == len(demo_messages)
    for item in items:
        assert set(item) == PUBLIC_KEYS
        assert item["severity"] in ("error", "warning", "info")
        assert isinstance(item["year"], int)
        vi, en = demo_messages[(item["rule_id"], item["entity_id"])]
        assert item["message"] == (en if lang == "en" else vi)
    messages = " ".join(i["message"] for i in items)
    if lang == "en":
        assert "Resolution" in messages and "Nghị quyết" not in messages
    else:
        assert "Nghị quyết" in messages and "Resolution " not in messages


def test_check_lang_from_environment(capsys, demo_db, monkeypatch):
    monkeypatch.setenv("NTM_REVIEW_LANG", "en")
    monkeypatch.setenv("NTM_REVIEW_DB", str(demo_db))
    code, out, _ = call(capsys, "check", "--unit", "06754", "--format", "json")
    assert code == 1
    assert all(i["unit_code"] == "06754" for i in json.loads(out))
    assert "Commune" in out


def test_check_csv(capsys, demo_db, demo_messages):
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--format", "csv")
    # UTF-8 with a byte-order mark and CRLF, as export writes it.
    assert out.startswith("\ufeff") and "\r\n" in out
    out = out.removeprefix("\ufeff")
    assert code == 1
    assert out.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(demo_messages)
    assert all(r["message"] == demo_messages[(r["rule_id"], r["entity_id"])][0] for r in rows)


def test_check_csv_without_findings_still_has_the_header(capsys, demo_db):
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--unit", "06745", "--format", "csv")
    out = out.removeprefix("\ufeff")
    assert code == 0
    assert out.splitlines() == [CSV_HEADER]


def test_check_year_filter(capsys, demo_db):
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--year", "2023", "--format", "json")
    assert code == 1 and {i["year"] for i in json.loads(out)} == {2023}
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--year", "2022", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_check_unit_filter(capsys, demo_db):
    code, out, _ = call(
        capsys, "check", "--db", str(demo_db), "--unit", "06730", "--format", "json"
    )
    items = json.loads(out)
    assert items and {i["unit_code"] for i in items} == {"06730"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["check", "compare"])
def test_table_fits_80_columns(demo_db, command, lang):
    result = run(command, "--db", str(demo_db), "--lang", lang, COLUMNS="80")
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) > 5
    too_wide = [line for line in lines if cell_len(line) > 80]
    assert too_wide == []
    assert "\x1b[" not in result.stdout, "colour codes written to a pipe"


def test_table_groups_by_unit_with_counts(capsys, demo_db):
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--lang", "en")
    assert code == 1
    assert "06754 Vĩnh Trung" in out
    assert out.rstrip().splitlines()[-1].endswith("info.")  # the closing totals line


def test_table_counts_read_as_english(capsys, demo_db):
    code, out, _ = call(capsys, "check", "--db", str(demo_db), "--unit", "06721", "--lang", "en")
    assert code == 1
    assert "1 finding: 1 error, 0 warnings, 0 info." in out
    assert "1 findings" not in out and "1 errors" not in out


def test_unknown_unit_is_one_clear_sentence(demo_db):
    result = run("check", "--db", str(demo_db), "--unit", "99999")
    assert result.returncode == 2
    assert "99999" in one_line(result.stderr)
    assert result.stdout == ""
    english = run("check", "--db", str(demo_db), "--unit", "99999", "--lang", "en")
    assert english.returncode == 2
    assert one_line(english.stderr) != one_line(result.stderr)


@pytest.mark.parametrize("year", ["abc", "23", "20233", "0"])
def test_bad_year_exits_2(demo_db, year):
    result = run("check", "--db", str(demo_db), "--year", year)
    assert result.returncode == 2
    assert year in one_line(result.stderr)


def test_bad_year_message_follows_lang(capsys, demo_db):
    code, _, err_en = call(capsys, "check", "--db", str(demo_db), "--year", "abc", "--lang", "en")
    assert code == 2
    line = one_line(err_en)
    assert "Invalid arguments" in line and "four-digit" in line
    assert "Tham số" not in line and ".." not in line
    code, _, err_vi = call(capsys, "check", "--db", str(demo_db), "--year", "abc")
    assert code == 2 and "Tham số không hợp lệ" in one_line(err_vi)


def test_unknown_format_exits_2(capsys, demo_db):
    code, _, err = call(capsys, "check", "--db", str(demo_db), "--format", "xml")
    assert code == 2 and "xml" in one_line(err)


# -- compare --------------------------------------------------------------------------


def test_compare_default_model_lists_missing_basis(capsys, demo_db):
    code, out, err = call(capsys, "compare", "--db", str(demo_db))
    assert code == 0 and err == ""
    assert "06745" in out.splitlines()[0]  # the model named in the heading
    block = out.split("06754 Vĩnh Trung", 1)[1].split("\n0", 1)[0]
    for name in ("Đề án", "Quy hoạch", "Quy chế", "Luật Đầu tư công"):
        assert name in block


def test_compare_json(capsys, demo_db):
    code, out, _ = call(capsys, "compare", "--db", str(demo_db), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["model"] == "06745" and data["year"] == 2023
    units = {u["unit_code"]: u for u in data["units"]}
    assert "06745" not in units  # the model is not compared with itself
    assert set(units) <= {"06724", "06727", "06730", "06733", "06739", "06748", "06754", "06757"}
    basis = {m["code"] for m in units["06754"]["missing"] if m["dimension"] == "basis_category"}
    assert basis == BASIS_CATEGORIES
    # A commune that cites all four categories lacks none of them.
    assert not [m for m in units["06757"]["missing"] if m["dimension"] == "basis_category"]
    for unit in data["units"]:
        for missing in unit["missing"]:
            assert set(missing) == {"dimension", "code", "name"}


def test_compare_single_unit_csv(capsys, demo_db):
    code, out, _ = call(
        capsys,
        "compare",
        "--db",
        str(demo_db),
        "--unit",
        "06727",
        "--format",
        "csv",
        "--lang",
        "en",
    )
    assert code == 0
    out = out.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["unit_code"] for r in rows} == {"06727"}
    assert {"quy_hoach"} <= {r["code"] for r in rows if r["dimension"] == "basis_category"}
    assert out.splitlines()[0] == "unit_code,unit_name,dimension,code,missing"


def test_compare_with_a_ward_as_model_is_refused(demo_db):
    result = run("compare", "--db", str(demo_db), "--model", "06709")
    assert result.returncode == 2
    assert "06709" in one_line(result.stderr)
    english = run("compare", "--db", str(demo_db), "--model", "06709", "--lang", "en")
    assert "not a commune" in one_line(english.stderr)


def test_compare_with_unknown_model_is_refused(capsys, demo_db):
    code, out, err = call(capsys, "compare", "--db", str(demo_db), "--model", "99999")
    assert code == 2 and out == ""
    assert "99999" in one_line(err)


# -- demo and migrate ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_demo_builds_a_database(capsys, tmp_path, lang):
    path = tmp_path / "sub dir" / "demo.duckdb"
    code, out, err = call(capsys, "demo", "--db", str(path), "--lang", lang)
    assert code == 0 and err == ""
    assert path.is_file()
    summary = one_line(out)  # one line, like the error sentences
    # 23 unit periods: the 17 units before 01/07/2025 and the 6 from it.
    assert str(path) in summary and "23" in summary
    assert ("Built" in summary) == (lang == "en")
    with Store.open(path) as store:
        assert store.meta()["dataset_kind"] == "demo"


def test_demo_over_a_directory_is_refused(capsys, tmp_path):
    code, _, err = call(capsys, "demo", "--db", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in one_line(err)


def test_demo_as_a_process_then_check(tmp_path):
    path = tmp_path / "demo.duckdb"
    built = run("demo", "--db", str(path), "--seed", "11")
    assert built.returncode == 0, built.stderr
    checked = run("check", "--db", str(path), "--format", "json")
    assert checked.returncode == 1
    assert json.loads(checked.stdout)


@pytest.mark.parametrize(("lang", "words"), [("vi", "phiên bản mới nhất"), ("en", "latest")])
def test_migrate_current_file(capsys, demo_db, lang, words):
    before = demo_db.stat().st_mtime_ns
    code, out, err = call(capsys, "migrate", "--db", str(demo_db), "--lang", lang)
    assert code == 0 and err == ""
    assert words in out and str(demo_db) in out
    assert demo_db.stat().st_mtime_ns == before  # nothing was rewritten


def test_migrate_missing_file(capsys, tmp_path):
    missing = tmp_path / "nope.duckdb"
    code, _, err = call(capsys, "migrate", "--db", str(missing))
    assert code == 2 and str(missing) in one_line(err)
    assert not missing.exists()


# -- help -------------------------------------------------------------------------------

HELP_WORDS = {"vi": "tệp cơ sở dữ liệu", "en": "database file"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", [None, "demo", "check", "compare", "migrate"])
def test_help(capsys, command, lang):
    args = ([command] if command else []) + ["--help", "--lang", lang]
    code, out, err = call(capsys, *args)
    assert code == 0 and err == ""
    assert HELP_WORDS[lang] in out
    other = HELP_WORDS["en" if lang == "vi" else "vi"]
    assert other not in out


def test_help_as_a_process():
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "check", "compare", "migrate"):
        assert command in result.stdout
