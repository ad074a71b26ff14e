"""ntm-review template and import: the template's contents, good imports into a new and
into the demo database, re-import semantics (replace a unit-year, keep the rest, same
file twice changes nothing, finding keys survive), running sessions, and the CLI."""

from __future__ import annotations

import csv
import os
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from importkit import dataset_rows, small_dataset, write_csv_dir, write_xlsx

from tui.cli import main
from tui.core.data.dataset import CapitalLine, Project
from tui.core.data.extract import extract
from tui.core.data.store import Store
from tui.core.data.unitmap import national_catalogue
from tui.core.io.importing.assemble import resolution_id
from tui.core.io.importing.choices import choice_lists
from tui.core.io.importing.load import import_files, merge
from tui.core.io.importing.read import group_sources
from tui.core.io.layout import README_SHEET_VI, SHEETS


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def keys(db_rows, db: Path, where: str = "true") -> list[str]:
    return sorted(k for (k,) in db_rows(db, f"SELECT finding_key FROM finding WHERE {where}"))


@pytest.fixture
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.duckdb"
    shutil.copyfile(demo_db, path)
    return path


# -- template -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("tpl") / "mau.xlsx"
    assert main(["template", str(path)]) == 0
    return openpyxl.load_workbook(path)


def test_template_sheets_and_headers(template):
    assert template.sheetnames == [README_SHEET_VI] + [s.title_vi for s in SHEETS]
    for sheet in SHEETS:
        ws = template[sheet.title_vi]
        assert [c.value for c in ws[1]] == [f.header_vi for f in sheet.fields]
        assert all(c.font.bold for c in ws[1])
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width >= 8
        assert ws.max_row == 1  # blank below the headers


def test_template_column_widths(template):
    ws = template["Nghị quyết"]
    assert ws.column_dimensions["G"].width >= 40  # Trích yếu: the long text
    assert ws.column_dimensions["A"].width < ws.column_dimensions["G"].width


def test_template_validations(template):
    lists = choice_lists()
    for sheet in SHEETS:
        ws = template[sheet.title_vi]
        by_column = {}
        for dv in ws.data_validations.dataValidation:
            assert dv.type == "list"
            (rng,) = str(dv.sqref).split()
            by_column[rng.split(":")[0].rstrip("0123456789")] = dv.formula1.strip('"').split(",")
        for i, f in enumerate(sheet.fields):
            letter = openpyxl.utils.get_column_letter(i + 1)
            if f.kind == "choice":
                assert by_column.pop(letter) == [str(c.code) for c in lists[f.choices]], f.key
            elif f.kind == "bool":
                assert by_column.pop(letter) == ["có", "không"]
        assert by_column == {}, f"validations on other columns: {by_column}"
    works = template["Công trình"]
    criteria = next(dv for dv in works.data_validations.dataValidation if "G2" in str(dv.sqref))
    assert criteria.formula1 == '"' + ",".join(str(n) for n in range(1, 20)) + '"'
    capital = template["Nguồn vốn"].data_validations.dataValidation[0]
    assert "NSTW" in capital.formula1 and "LONG_GHEP" in capital.formula1


def test_template_guide_explains_every_column_in_both_languages(template):
    guide = template[README_SHEET_VI]
    text = "\n".join(str(c.value) for row in guide.iter_rows() for c in row if c.value is not None)
    for sheet in SHEETS:
        for f in sheet.fields:
            assert f"{f.header_vi} ({f.header_en})" in text
            assert f.help_vi in text and f.help_en in text
    for name, choices in choice_lists().items():
        for choice in choices:
            assert choice.name_vi in text, (name, choice)
    assert "ĐVT: triệu đồng" in text and "TCVN3" in text


def test_template_round_trips_into_the_importer(tmp_path, capsys):
    """The template filled in with the small file loads (headers as written by template)."""
    path = tmp_path / "mau.xlsx"
    assert main(["template", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    for sheet in SHEETS:
        ws = wb[sheet.title_vi]
        for record in dataset_rows(small_dataset())[sheet.key]:
            ws.append([record.get(f.key) for f in sheet.fields])
    wb.save(path)
    code, out, err = run(capsys, "import", "--db", str(tmp_path / "new.duckdb"), str(path))
    assert code == 0, err
    assert "06745/2024" in out


def test_template_errors(tmp_path, capsys):
    code, _out, err = run(capsys, "template", str(tmp_path))
    assert code == 2 and "là một thư mục" in err and "Traceback" not in err
    code, _out, err = run(capsys, "template", "--lang", "en", str(tmp_path / "mau.csv"))
    assert code == 2 and "must end in .xlsx" in err
    code, _out, err = run(
        capsys, "template", "--lang", "en", str(tmp_path / "no" / "such" / "m.xlsx")
    )
    assert code == 2 and "Could not write" in err and len(err.splitlines()) == 1
    assert not list(tmp_path.glob(".*tmp*"))


# -- importing --------------------------------------------------------------------------------


def test_import_into_a_new_database(tmp_path, capsys, db_rows):
    db = tmp_path / "new" / "review.duckdb"
    path = write_xlsx(tmp_path / "xa.xlsx", dataset_rows(small_dataset()))
    code, out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, err
    assert "1 đơn vị-năm mới, 0 đơn vị-năm thay thế: 06745/2024" in out
    with Store.open(db) as store:
        ex = extract(store)
        meta = store.meta()
    assert ex.review_years == [2024]
    # A new database holds the national catalogue (every unit period and province).
    assert len(ex.units) == len(national_catalogue())
    assert meta["dataset_kind"] == "imported" and meta["default_year"] == "2024"
    assert "last_import_at" in meta
    ids = sorted(r.resolution_id for r in ex.data.resolutions)
    assert ids == sorted(
        resolution_id("06745", 2024, n, d)
        for n, d in (("15/NQ-HĐND", date(2024, 7, 5)), ("16/NQ-HĐND", date(2024, 7, 20)))
    )
    surplus = ex.data.surpluses[0]
    assert surplus.resolution_id == resolution_id("06745", 2024, "16/NQ-HĐND", date(2024, 7, 20))
    works = [p for r in ex.data.resolutions for p in r.projects]
    assert [p.capital for p in works][0] == [
        CapitalLine("NSTW", 1_500_000_000),
        CapitalLine("NS_XA", 800_000_000),
        CapitalLine("CONG_DONG", 200_000_000),
    ]
    assert works[1].policy_delegated and works[1].small_mechanism
    assert db_rows(db, "SELECT count(*) FROM finding")[0][0] > 0


def two_year_rows() -> dict:
    """One commune's 2023 and 2024 resolutions in one file (refs kept apart)."""
    older, newer = dataset_rows(small_dataset("06745", 2023)), dataset_rows(small_dataset())
    for rows in older.values():
        for row in rows:
            for field in ("res_ref", "work_ref", "surplus_ref", "amends_ref"):
                if row.get(field):
                    row[field] = "A" + row[field]
    return {key: older[key] + newer[key] for key in older}


def test_a_new_database_reviews_every_year_of_the_file(tmp_path, capsys, db_rows):
    db = tmp_path / "review.duckdb"
    path = write_xlsx(tmp_path / "xa.xlsx", two_year_rows())
    code, out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, err
    assert "06745/2023" in out and "06745/2024" in out
    with Store.open(db) as store:
        assert extract(store).review_years == [2023, 2024]
        assert store.meta()["default_year"] == "2024"
    # Reviewed means judged as a year: the communes beside Hải Xuân without an NTM
    # resolution are flagged in 2023 as in 2024 (before, 2023 was not reviewed: none).
    flagged = db_rows(
        db,
        "SELECT year, count(*) FROM finding WHERE rule_id = 'commune_no_ntm_resolution' "
        "GROUP BY year ORDER BY year",
    )
    assert [year for year, _n in flagged] == [2023, 2024]
    assert flagged[0][1] == flagged[1][1] > 0
    # Both years are offered as reviewed years (the TUI's year list).
    with Store.open(db) as store:
        assert store.rows("views/years") == [(2024, True), (2023, True)]


def test_review_year_option(tmp_path, capsys):
    db = tmp_path / "review.duckdb"
    path = write_xlsx(tmp_path / "xa.xlsx", dataset_rows(small_dataset()))
    code, _out, err = run(
        capsys,
        "import",
        "--db",
        str(db),
        "--review-year",
        "2023",
        "--review-year",
        "2024",
        str(path),
    )
    assert code == 0, err
    with Store.open(db) as store:
        assert extract(store).review_years == [2023, 2024]


def test_import_replaces_one_unit_year_and_keeps_the_rest(demo_copy, tmp_path, capsys, db_rows):
    with Store.open(demo_copy) as store:
        before = extract(store)
    others_before = keys(db_rows, demo_copy, "unit_code <> '06745'")
    path = write_xlsx(tmp_path / "hx.xlsx", dataset_rows(small_dataset("06745", 2023)))
    code, out, err = run(capsys, "import", "--db", str(demo_copy), str(path))
    assert code == 0, err
    assert "0 đơn vị-năm mới, 1 đơn vị-năm thay thế: 06745/2023" in out
    with Store.open(demo_copy) as store:
        after = extract(store)
        meta = store.meta()
    mine = [r for r in after.data.resolutions if (r.unit_code, r.year) == ("06745", 2023)]
    assert sorted(r.number for r in mine) == ["15/NQ-HĐND", "16/NQ-HĐND"]
    assert all(r.source == "import:hx.xlsx" for r in mine)
    # Everything else is exactly as it was: other units, and 06745's 2022 resolution.
    kept_before = [r for r in before.data.resolutions if (r.unit_code, r.year) != ("06745", 2023)]
    kept_after = [r for r in after.data.resolutions if (r.unit_code, r.year) != ("06745", 2023)]
    assert kept_after == kept_before
    assert [s for s in after.data.surpluses if s.unit_code != "06745"] == [
        s for s in before.data.surpluses if s.unit_code != "06745"
    ]
    assert keys(db_rows, demo_copy, "unit_code <> '06745'") == others_before
    assert after.review_years == before.review_years
    assert after.units == before.units
    assert meta["dataset_kind"] == "imported"
    assert meta["demo_data_remaining"] == "true"
    assert meta["model_unit"] == "06745"  # the rest of the meta is kept


def test_same_file_twice_changes_nothing(demo_copy, tmp_path, capsys, db_rows):
    path = write_xlsx(tmp_path / "hx.xlsx", dataset_rows(small_dataset("06745", 2023)))
    assert run(capsys, "import", "--db", str(demo_copy), str(path))[0] == 0
    first = keys(db_rows, demo_copy)
    inode = os.stat(demo_copy).st_ino
    code, out, err = run(capsys, "import", "--db", str(demo_copy), "--lang", "en", str(path))
    assert code == 0, err
    assert "already holds exactly this content; nothing changed" in out
    assert os.stat(demo_copy).st_ino == inode  # not even rebuilt
    assert keys(db_rows, demo_copy) == first


def test_same_file_into_two_databases_gives_the_same_keys(tmp_path, capsys, db_rows):
    path = write_xlsx(tmp_path / "xa.xlsx", dataset_rows(small_dataset()))
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert run(capsys, "import", "--db", str(a), str(path))[0] == 0
    assert run(capsys, "import", "--db", str(b), str(path))[0] == 0
    assert keys(db_rows, a) == keys(db_rows, b)
    rows = "SELECT resolution_id, natural_key FROM resolution ORDER BY 1"
    assert db_rows(a, rows) == db_rows(b, rows)


def test_finding_keys_survive_a_corrected_file(tmp_path, capsys, db_rows):
    """Decisions attach to finding keys: correcting one work keeps every other key."""
    data = small_dataset()
    # A work with an error: capital does not add up (work_capital_mismatch).
    data.resolutions[0].projects.append(
        Project(
            name="Trạm y tế xã",
            total_investment=900_000_000,
            criterion_code=15,
            policy_decision_ref="20/QĐ-UBND",
            capital=[CapitalLine("NS_XA", 500_000_000)],
        )
    )
    db = tmp_path / "review.duckdb"
    first_file = write_xlsx(tmp_path / "v1.xlsx", dataset_rows(data))
    assert run(capsys, "import", "--db", str(db), str(first_file))[0] == 0
    before = keys(db_rows, db)
    assert any(k.startswith("work_capital_mismatch|") for k in before)
    # The commune sends a corrected file: the capital now adds up; a location is added.
    fixed = data.resolutions[0].projects[2]
    fixed.capital[0] = CapitalLine("NS_XA", 900_000_000)
    data.resolutions[0].projects[0].location = "Thôn 3, xã Hải Xuân"
    second_file = write_xlsx(tmp_path / "v2.xlsx", dataset_rows(data))
    code, out, err = run(capsys, "import", "--db", str(db), str(second_file))
    assert code == 0, err
    assert "1 đơn vị-năm thay thế" in out
    after = keys(db_rows, db)
    assert set(before) - set(after) == {k for k in before if k.startswith("work_capital_mismatch")}
    assert set(after) <= set(before)


def test_sessions_keep_reading_and_notice_the_new_file(demo_copy, tmp_path, capsys):
    session = Store.open(demo_copy)
    try:
        years = session.rows("views/years")
        path = write_xlsx(tmp_path / "hx.xlsx", dataset_rows(small_dataset("06745", 2024)))
        assert run(capsys, "import", "--db", str(demo_copy), str(path))[0] == 0
        # The old session still answers from its snapshot, and can tell a newer file exists.
        assert session.rows("views/years") == years
        assert session.is_replaced()
    finally:
        session.close()
    with Store.open(demo_copy) as fresh:
        assert 2024 in {row[0] for row in fresh.rows("views/years")}


def test_good_and_bad_files_in_one_command(demo_copy, tmp_path, capsys, db_rows):
    good = write_xlsx(tmp_path / "good.xlsx", dataset_rows(small_dataset("06748", 2024)))
    rows = dataset_rows(small_dataset("06751", 2024))
    rows["capital"][0]["amount"] = "nhiều tiền"
    bad = write_xlsx(tmp_path / "bad.xlsx", rows)
    code, out, err = run(capsys, "import", "--db", str(demo_copy), str(good), str(bad))
    assert code == 2
    assert "good.xlsx: đã đọc 15 dòng" in out and "06748/2024" in out
    assert "bad.xlsx: KHÔNG nạp — 1 lỗi" in err
    units = {
        u
        for (u,) in db_rows(
            demo_copy, "SELECT DISTINCT unit_code FROM resolution WHERE year = 2024"
        )
    }
    assert units == {"06748"}


def test_later_file_wins_for_the_same_unit_year(tmp_path, capsys, db_rows):
    first = write_xlsx(tmp_path / "a.xlsx", dataset_rows(small_dataset()))
    data = small_dataset()
    data.resolutions[0].title = "Nghị quyết đã sửa"
    second = write_xlsx(tmp_path / "b.xlsx", dataset_rows(data))
    db = tmp_path / "review.duckdb"
    code, _out, err = run(capsys, "import", "--db", str(db), str(first), str(second))
    assert code == 0, err
    titles = {t for (t,) in db_rows(db, "SELECT title FROM resolution")}
    assert "Nghị quyết đã sửa" in titles and len(titles) == 2


def test_csv_files_given_one_by_one_form_one_import(tmp_path, capsys, db_rows):
    files = write_csv_dir(tmp_path / "xa", dataset_rows(small_dataset()))
    db = tmp_path / "review.duckdb"
    code, out, err = run(capsys, "import", "--db", str(db), *map(str, files))
    assert code == 0, err
    assert db_rows(db, "SELECT count(*) FROM capital_allocation") == [(4,)]
    assert len(group_sources(files)) == 1


def test_csv_semicolon_separated(tmp_path, capsys, db_rows):
    files = write_csv_dir(tmp_path / "xa", dataset_rows(small_dataset()))
    for path in files:
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
    code, _out, err = run(
        capsys, "import", "--db", str(tmp_path / "r.duckdb"), str(tmp_path / "xa")
    )
    assert code == 0, err


def test_problems_csv_and_english(tmp_path, capsys):
    rows = dataset_rows(small_dataset())
    rows["capital"][0]["amount"] = "-1"
    rows["resolutions"][0]["issue_date"] = "31/04/2024"
    bad = write_xlsx(tmp_path / "bad.xlsx", rows)
    report = tmp_path / "problems.csv"
    code, _out, err = run(
        capsys,
        "import",
        "--db",
        str(tmp_path / "r.duckdb"),
        "--lang",
        "en",
        "--problems",
        str(report),
        str(bad),
    )
    assert code == 2
    assert "Wrote all 2 problems" in err
    with open(report, encoding="utf-8-sig") as handle:
        written = list(csv.DictReader(handle))
    assert [(p["sheet"], p["row"], p["column"]) for p in written] == [
        ("Nghị quyết", "2", "D"),
        ("Nguồn vốn", "2", "C"),
    ]
    assert written[0]["expected"].startswith("a date that exists")
    assert not (tmp_path / "r.duckdb").exists()  # nothing loaded, nothing created


def test_unknown_unit_is_checked_against_the_database(tmp_path, capsys):
    """A database whose units do not include 06745 refuses a file about 06745."""
    from tui.core.data.build import build
    from tui.core.data.dataset import Dataset
    from tui.core.data.reference import mong_cai_units

    db = tmp_path / "other.duckdb"
    units = [u for u in mong_cai_units() if u["code"] != "06745"]
    build(db, units, Dataset(), (2024,), {"dataset_kind": "test"})
    path = write_xlsx(tmp_path / "xa.xlsx", dataset_rows(small_dataset()))
    code, _out, err = run(capsys, "import", "--db", str(db), "--lang", "en", str(path))
    assert code == 2
    assert "column B “Mã đơn vị”: found “06745”; expected the code of a unit in the data" in err


def test_bad_database_is_one_sentence(tmp_path, capsys):
    db = tmp_path / "broken.duckdb"
    db.write_text("not a database")
    path = write_xlsx(tmp_path / "xa.xlsx", dataset_rows(small_dataset()))
    code, _out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 2 and "không phải cơ sở dữ liệu DuckDB" in err
    assert len(err.splitlines()) == 1


def test_merge_follows_replaced_resolutions_by_natural_key():
    """A kept surplus of another year that points at a replaced resolution follows it."""
    data = small_dataset()
    old = data.resolutions[1]
    other_year = replace(data.surpluses[0], year=2025, lines=[])
    current = type(data)(list(data.resolutions), [other_year])
    incoming = small_dataset()
    for r in incoming.resolutions:
        r.resolution_id = resolution_id(r.unit_code, r.year, r.number, r.issue_date)
    merged = merge(current, incoming, [("06745", 2024)])
    (kept,) = [s for s in merged.surpluses if s.year == 2025]
    assert old.resolution_id == "x2"
    assert kept.resolution_id == resolution_id("06745", 2024, "16/NQ-HĐND", date(2024, 7, 20))
    assert current.surpluses[0].resolution_id == "x2"  # the input is not changed


def test_import_files_api_reports_without_building(tmp_path):
    rows = dataset_rows(small_dataset())
    rows["works"][0]["criterion_code"] = "Tiêu chí 2"  # understood as criterion 2
    rows["resolutions"][0]["kind"] = "Nông thôn mới"  # a name instead of the code
    path = write_xlsx(tmp_path / "xa.xlsx", rows)
    report = import_files(tmp_path / "r.duckdb", [path])
    assert report.built and not report.rejected
    (outcome,) = report.files
    assert outcome.added == [("06745", 2024)] and outcome.replaced == []
    assert outcome.parsed.rows == {
        "resolutions": 2,
        "basis": 4,
        "works": 2,
        "capital": 4,
        "surpluses": 1,
        "surplus_lines": 2,
    }
