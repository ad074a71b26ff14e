"""Clerks' workbooks (issue 11): money units are never guessed silently, the layouts
clerks really send import as sent, every problem comes in one run with one message per
cause, and `import --dry-run` shows what would happen without writing anything.

The workbooks of tests/corpus/import/clerk are made by make_clerk.py beside them.
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importkit import dataset_rows, small_dataset, write_xlsx

from tui.cli import main
from tui.core.data.dataset import Dataset
from tui.core.data.extract import extract
from tui.core.data.reference import mong_cai_units
from tui.core.data.store import Store
from tui.core.data.unitmap import UnitCatalogue, succession_rows
from tui.core.io.importing.read import Source
from tui.core.io.importing.source import parse_source
from tui.core.io.vnparse import dvt_unit, parse_money_unit, split_header_unit

CLERK = Path(__file__).resolve().parents[1] / "corpus" / "import" / "clerk"
M = 1_000_000
UNITS = {u["code"] for u in mong_cai_units()}
# The units with their periods and successors, as an import checks them (issue 10).
CATALOGUE = UnitCatalogue.from_rows(mong_cai_units(), succession_rows())


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def parse(path: Path):
    return parse_source(Source(str(path), [path], "xlsx"), UNITS)


def amounts(data: Dataset) -> dict:
    """Every amount of the small commune file, by what it is."""
    out = {}
    for res in data.resolutions:
        for p in res.projects:
            out[("work", p.name)] = p.total_investment
            for c in p.capital:
                out[("capital", p.name, c.source_code)] = c.amount
    for s in data.surpluses:
        out[("surplus", s.year)] = s.available
        for line in s.lines:
            out[("line", line.category_code)] = line.amount
    return out


EXPECTED = amounts(small_dataset())


# -- 1. units --------------------------------------------------------------------------------


UNIT_SPELLINGS = [
    ("ĐVT: đồng", 1),
    ("Đơn vị tính: đồng", 1),
    ("ĐVT: nghìn đồng", 1000),
    ("ĐVT: ngàn đồng", 1000),
    ("Đơn vị tính: 1.000 đồng", 1000),
    ("(ĐVT: 1000đ)", 1000),
    ("ĐVT: triệu đồng", M),
    ("(ĐVT: triệu đồng)", M),
    ("ĐVT: Tr.đồng", M),
    ("ĐVT : TRĐ", M),
    ("dvt: tr.d", M),
    ("[Đơn vị tính: Tr.đ]", M),
    ("ĐVT: Triệu Đồng", M),
    ("Biểu 01 (Đơn vị: triệu đồng)", M),
    ("ĐVT: tỷ đồng", 10**9),
    ("DVT: ty dong", 10**9),
]


@pytest.mark.parametrize(("line", "factor"), UNIT_SPELLINGS)
def test_every_spelling_of_the_unit_line(line, factor):
    assert dvt_unit(line) == Decimal(factor)


@pytest.mark.parametrize(
    ("header", "factor"),
    [
        ("Tổng mức đầu tư (triệu đồng)", M),
        ("Tổng mức đầu tư (ĐVT: Tr.đồng)", M),
        ("Tổng mức đầu tư (trđ)", M),
        ("Tổng mức đầu tư, tr.đ", M),
        ("Tổng mức đầu tư [nghìn đồng]", 1000),
        ("Tổng mức đầu tư ĐVT: tỷ đồng", 10**9),
        ("Tổng mức đầu tư (đồng)", 1),
    ],
)
def test_every_spelling_of_the_unit_in_a_header(header, factor):
    assert split_header_unit(header) == ("Tổng mức đầu tư", Decimal(factor))


@pytest.mark.parametrize(
    ("cell", "dong"),
    [
        ("1.250 tr.đ", 1_250 * M),
        ("1.250 Tr.đồng", 1_250 * M),
        ("1.250 trđ", 1_250 * M),
        ("2,5 tỷ", 2_500 * M),
        ("800 nghìn đồng", 800_000),
        ("5.972.502.000đ", 5_972_502_000),
    ],
)
def test_every_spelling_of_the_unit_in_a_cell(cell, dong):
    assert parse_money_unit(cell) == (dong, True)


@pytest.mark.parametrize("line", ["(ĐVT: triệu đồng)", "ĐVT: Tr.đồng"])
def test_unit_line_in_brackets_or_abbreviated_is_not_read_a_million_times_too_small(tmp_path, line):
    """The defect of issue 11: 1.250 triệu stored as 1.250 đồng, silently."""
    rows = dataset_rows(small_dataset())
    for sheet, key in (("works", "total_investment"), ("capital", "amount")):
        for r in rows[sheet]:
            r[key] = f"{r[key] // M:,}".replace(",", ".")
    rows["surpluses"][0]["available"] = "1.000"
    for r in rows["surplus_lines"]:
        r["amount"] = r["amount"] // M
    above = {k: [[line]] for k in ("works", "capital", "surpluses", "surplus_lines")}
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows, above=above))
    assert parsed.accepted, [p.message() for p in parsed.problems]
    assert amounts(parsed.data) == EXPECTED
    assert parsed.unit_notes() == []  # stated, so nothing was assumed


def test_the_unit_assumed_is_said_once_per_sheet(tmp_path, capsys, db):
    path = write_xlsx(tmp_path / "plain.xlsx", dataset_rows(small_dataset()))
    code, out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, err
    for sheet, count in (("Công trình", 2), ("Nguồn vốn", 4), ("Kết dư", 1), ("Phân bổ kết dư", 2)):
        line = f"trang “{sheet}” không ghi đơn vị tính: đã đọc {count} số tiền theo đơn vị đồng."
        assert out.count(line) == 1, out
    code, out, err = run(capsys, "import", "--db", str(db), "--lang", "en", str(path))
    assert "the sheet “Công trình” states no unit: read 2 amounts as đồng." in out


def test_implausible_amounts_are_refused_with_one_sentence_asking_for_the_unit(capsys, db):
    code, out, err = run(capsys, "import", "--db", str(db), str(CLERK / "no_unit_in_millions.xlsx"))
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if "số tiền quá nhỏ" in line]
    assert len(lines) == 4  # one sentence a sheet, not one a cell
    assert (
        "trang “Công trình”, dòng 2, cột I “Tổng mức đầu tư”: 2 số tiền quá nhỏ so với đơn vị "
        "đã đọc, ví dụ 2.500 đồng ở dòng này; hãy ghi rõ đơn vị tính của trang" in err
    )
    assert "ĐVT: triệu đồng" in lines[0]


def test_two_sheets_in_two_units_are_refused(capsys, db):
    code, _out, err = run(
        capsys, "import", "--db", str(db), "--lang", "en", str(CLERK / "capital_in_other_unit.xlsx")
    )
    assert code == 2
    assert (
        "the capital lines of work CT1 (Works sheet, row 2) add up to exactly 1.000 times "
        "less or more than its total investment" in err
    )


def test_an_unknown_unit_line_is_a_problem_not_ignored(tmp_path):
    rows = dataset_rows(small_dataset())
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows, above={"works": [["ĐVT: USD"]]}))
    assert not parsed.accepted
    assert any(p.key == "imp_dvt_unknown" and p.found == "ĐVT: USD" for p in parsed.problems)


def test_two_unit_lines_that_disagree_are_a_problem(tmp_path):
    rows = dataset_rows(small_dataset())
    above = {"works": [["ĐVT: triệu đồng"], ["ĐVT: đồng"]]}
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows, above=above))
    assert [p.key for p in parsed.problems if p.key.startswith("imp_dvt")] == ["imp_dvt_conflict"]


# The property: however the clerk writes the unit (or not), an import is either exact to
# the đồng or refused. Works are realistic commune works (100 million to 99 billion đồng).
UNIT_FACTORS = {"đồng": 1, "nghìn": 1000, "triệu": M}
STATEMENTS = {
    "đồng": ["ĐVT: đồng", "(Đơn vị tính: đồng)"],
    "nghìn": ["ĐVT: nghìn đồng", "Đơn vị tính: 1.000 đồng", "(ĐVT: ngàn đồng)"],
    "triệu": ["(ĐVT: triệu đồng)", "ĐVT: Tr.đồng", "ĐVT: trđ", "Đơn vị: tr.đ"],
}
CELL_UNITS = {"đồng": "đồng", "nghìn": "nghìn đồng", "triệu": "triệu"}


def _written(amount: int, factor: int, in_cell: str | None) -> object:
    value = amount // factor
    if in_cell is None:
        return value
    return f"{value:,}".replace(",", ".") + " " + in_cell


def _quarter(total: int) -> int:
    """A quarter of a work's total, in whole millions (writable in every unit)."""
    return total // (4 * M) * M


@st.composite
def clerk_files(draw):
    works = draw(
        st.lists(
            st.integers(min_value=100, max_value=99_000).map(lambda m: m * M),
            min_size=1,
            max_size=4,
        )
    )
    unit = draw(st.sampled_from(sorted(UNIT_FACTORS)))
    how = draw(st.sampled_from(["line", "header", "cell", "none"]))
    statement = draw(st.sampled_from(STATEMENTS[unit]))
    return works, unit, how, statement


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=clerk_files())
def test_no_workbook_imports_off_by_a_thousand_or_a_million(tmp_path_factory, case):
    works, unit, how, statement = case
    factor = UNIT_FACTORS[unit]
    data = small_dataset()
    ntm = data.resolutions[0]
    template = ntm.projects[0]
    from dataclasses import replace

    from tui.core.data.dataset import CapitalLine

    ntm.projects = [
        replace(
            template,
            name=f"Công trình {n}",
            total_investment=total,
            capital=[
                CapitalLine("NSTW", total - _quarter(total)),
                CapitalLine("NS_XA", _quarter(total)),
            ],
        )
        for n, total in enumerate(works, start=1)
    ]
    data.surpluses = []
    data.resolutions = [ntm]
    rows = dataset_rows(data)
    in_cell = CELL_UNITS[unit] if how == "cell" else None
    for r in rows["works"]:
        r["total_investment"] = _written(r["total_investment"], factor, in_cell)
    for r in rows["capital"]:
        r["amount"] = _written(r["amount"], factor, in_cell)
    above, heads = None, None
    if how == "line":
        above = {"works": [[statement]], "capital": [[statement]]}
    elif how == "header":
        suffix = f" ({statement.split(':')[-1].strip(' ()')})"
        heads = {
            "works": [
                f.header_vi + (suffix if f.key == "total_investment" else "")
                for f in _fields("works")
            ],
            "capital": [
                f.header_vi + (suffix if f.key == "amount" else "") for f in _fields("capital")
            ],
        }
    path = tmp_path_factory.mktemp("prop") / "f.xlsx"
    parsed = parse(write_xlsx(path, rows, above=above, headers=heads))
    explicit = how != "none"
    if parsed.accepted:
        got = [p.total_investment for r in parsed.data.resolutions for p in r.projects]
        lines = [c.amount for r in parsed.data.resolutions for p in r.projects for c in p.capital]
        assert got == works, case
        assert lines == [a for t in works for a in (t - _quarter(t), _quarter(t))], case
        assert explicit or unit == "đồng", case
    else:
        keys = {p.key for p in parsed.problems}
        assert keys <= {"imp_unit_implausible", "imp_unit_mismatch", "imp_money_fraction"}, (
            case,
            [p.message() for p in parsed.problems],
        )
        assert not explicit, ("a stated unit must import", case, keys)


def _fields(key: str):
    from tui.core.io.layout import SHEETS_BY_KEY

    return SHEETS_BY_KEY[key].fields


# -- 2. clerks' layouts --------------------------------------------------------------------------


def _loaded(db: Path, unit: str = "06745", year: int = 2024) -> Dataset:
    with Store.open(db) as store:
        data = extract(store).data
    res = [r for r in data.resolutions if (r.unit_code, r.year) == (unit, year)]
    sur = [s for s in data.surpluses if (s.unit_code, s.year) == (unit, year)]
    return Dataset(res, sur)


def test_the_messy_layout_imports_with_zero_edits(capsys, db, db_rows):
    code, out, err = run(capsys, "import", "--db", str(db), str(CLERK / "messy_layout.xlsx"))
    assert code == 0, err
    data = _loaded(db)
    assert amounts(data) == EXPECTED  # to the đồng, from "2.500" under "(ĐVT: triệu đồng)"
    works = {p.name: p for r in data.resolutions for p in r.projects}
    road, hall = works["Đường giao thông thôn 3"], works["Nhà văn hoá thôn 5"]  # TCVN3 read
    # "A. Giao thông" gives the project field and the criterion; "I. … chuyển tiếp" the phase
    assert (road.phase, road.sector, road.criterion_code) == ("ongoing", "giao_thong_nang_luong", 2)
    assert (hall.phase, hall.criterion_code) == ("new", 6)
    assert road.note == "Chuyển tiếp từ năm 2023"
    assert hall.note == "Giao UBND xã quyết định"
    ntm = next(r for r in data.resolutions if r.kind == "ntm")
    assert ntm.note == "Thông qua tại kỳ họp thứ 14"
    assert ntm.issue_date.isoformat() == "2024-07-05"
    # Tổng cộng, the group rows' amounts and Cộng A were all checked, and all agree.
    assert len(ntm.stated_totals) == 11
    assert all(t.stated == t.listed for t in ntm.stated_totals)
    assert not db_rows(
        db, "SELECT * FROM finding WHERE rule_id = 'stated_total_mismatch' AND unit_code = '06745'"
    )
    notes = db_rows(db, "SELECT entity_kind, note FROM entity_note ORDER BY 1, 2")
    assert ("project", "Chuyển tiếp từ năm 2023") in notes


def test_a_total_that_differs_becomes_a_finding(capsys, db, db_rows):
    code, out, err = run(capsys, "import", "--db", str(db), str(CLERK / "total_differs.xlsx"))
    assert code == 0, err
    assert (
        "dòng “TỔNG CỘNG” (Công trình!I9, Tổng mức đầu tư) ghi 3.800.000.000 đồng, "
        "các dòng nó cộng được 3.700.000.000 đồng" in out
    )
    found = db_rows(
        db,
        "SELECT message_vi FROM finding WHERE rule_id = 'stated_total_mismatch' "
        "AND unit_code = '06745'",
    )
    assert len(found) == 1 and "chênh 100.000.000" in found[0][0]
    assert amounts(_loaded(db)) == EXPECTED  # the rows load as written


CLERK_GOOD = [
    "messy_layout.xlsx",
    "total_differs.xlsx",
    "columns_reordered.xlsx",
    "sheet_per_group.xlsx",
    "amounts_as_formulas.xlsx",
    "dates_as_text.xlsx",
    "hidden_rows_columns.xlsx",
    "names_for_codes.xlsx",
    "integrated_by_name.xlsx",
    "decision_in_two_columns.xlsx",
    "dvt_in_brackets.xlsx",
    "dvt_tr_dong.xlsx",
    "dvt_thousand.xlsx",
    "unit_in_headers.xlsx",
    "units_in_cells.xlsx",
]
CLERK_BAD = {
    "no_unit_in_millions.xlsx": [
        "trang “Nguồn vốn”, dòng 2, cột C “Số tiền”: 4 số tiền quá nhỏ so với đơn vị đã đọc"
    ],
    "capital_in_other_unit.xlsx": ["cộng lại chênh đúng 1.000 lần so với tổng mức đầu tư"],
    "data_below_signature.xlsx": [
        "trang “Công trình”, dòng 23: dữ liệu nằm dưới khối chữ ký (dòng 17); hãy chuyển"
    ],
    "bad_header_and_cells.xlsx": [
        # one cause (a renamed header), one message
        "trang “Công trình”, dòng 1, cột C: gặp “Tên CT”; cần một tiêu đề cột của trang này, "
        "và trang đang thiếu cột bắt buộc “Tên công trình”: nếu cột này chính là nó, hãy đổi "
        "tiêu đề cho đúng",
        "KHÔNG nạp — 2 lỗi",
        # the rows of that sheet are read in the same run: no second wave
        "trang “Công trình”, dòng 3, cột G “Tiêu chí NTM”: gặp “25”",
    ],
    "header_merged_thrice.xlsx": [
        "trang “Công trình”: dòng tiêu đề 1 có 3 vùng ô gộp (D1:E1, F1:G1, J1:K1) nên các cột "
        "dưới chúng không có tiêu đề riêng: hãy chọn các ô đó, bấm Bỏ gộp ô (Unmerge)",
        "KHÔNG nạp — 1 lỗi",  # one cause, one message
    ],
}


def test_clerk_corpus_is_complete():
    on_disk = {p.name for p in CLERK.glob("*.xlsx")}
    assert on_disk - {"libreoffice_resaved.xlsx"} == set(CLERK_GOOD) | set(CLERK_BAD)
    assert len(on_disk) >= 12


@pytest.mark.parametrize("name", CLERK_GOOD)
def test_clerk_workbook_imports_to_the_dong(capsys, db, name):
    code, _out, err = run(capsys, "import", "--db", str(db), str(CLERK / name))
    assert code == 0, err
    expected = dict(EXPECTED)
    if name == "integrated_by_name.xlsx":  # the third line is "Vốn lồng ghép" there
        road = "Đường giao thông thôn 3"
        expected[("capital", road, "LONG_GHEP")] = expected.pop(("capital", road, "CONG_DONG"))
    assert amounts(_loaded(db)) == expected


@pytest.mark.parametrize("name", sorted(CLERK_BAD))
def test_clerk_workbook_is_refused_with_pinned_messages(capsys, db, db_rows, name):
    before = os.stat(db).st_mtime_ns
    code, out, err = run(capsys, "import", "--db", str(db), str(CLERK / name))
    assert code == 2 and out == ""
    assert "Traceback" not in err
    for fragment in CLERK_BAD[name]:
        assert fragment in err, f"{fragment!r} not in\n{err}"
    assert os.stat(db).st_mtime_ns == before


def test_libreoffice_resaved_export_imports(capsys, db, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    path = CLERK / "libreoffice_resaved.xlsx"
    if not path.exists():
        if soffice is None:
            pytest.skip("soffice is not installed here, so make_clerk.py could not write it")
        # Not committed (LibreOffice was missing when the corpus was made): re-save the
        # template through LibreOffice now, exactly as make_clerk.py does.
        import importlib.util

        spec = importlib.util.spec_from_file_location("make_clerk", CLERK / "make_clerk.py")
        make_clerk = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(make_clerk)
        path = tmp_path / "libreoffice_resaved.xlsx"
        make_clerk.libreoffice(path)
    code, _out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, err
    assert amounts(_loaded(db)) == EXPECTED


def test_a_field_split_over_two_child_columns_is_read_as_one(capsys, db):
    code, _out, err = run(
        capsys, "import", "--db", str(db), str(CLERK / "decision_in_two_columns.xlsx")
    )
    assert code == 0, err
    refs = {p.name: p.policy_decision_ref for r in _loaded(db).resolutions for p in r.projects}
    assert refs == {
        "Đường giao thông thôn 3": "Số 12/QĐ-UBND; Ngày 05/03/2024",
        "Nhà văn hoá thôn 5": None,
    }


def test_sheet_per_group_gives_each_work_its_phase(capsys, db):
    code, _out, err = run(capsys, "import", "--db", str(db), str(CLERK / "sheet_per_group.xlsx"))
    assert code == 0, err
    phases = {p.name: p.phase for r in _loaded(db).resolutions for p in r.projects}
    assert phases == {"Đường giao thông thôn 3": "ongoing", "Nhà văn hoá thôn 5": "new"}


def test_formulas_without_saved_values_are_refused(tmp_path, capsys, db):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_clerk", CLERK / "make_clerk.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    path = tmp_path / "formulas_unsaved.xlsx"
    make.formulas(path, cached=False)
    code, out, err = run(capsys, "import", "--db", str(db), "--lang", "en", str(path))
    assert code == 2 and out == ""
    assert "formulas with no saved result" in err
    assert "Nguồn vốn" in err and "C2" in err


def test_stt_one_dot_is_one(tmp_path):
    rows = dataset_rows(small_dataset())
    for n, r in enumerate(rows["basis"]):
        r["line_no"] = f"{n + 1}."
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows))
    assert parsed.accepted, [p.message() for p in parsed.problems]


def test_capital_names_people_write_are_read_as_codes(tmp_path):
    rows = dataset_rows(small_dataset())
    names = ["Ngân sách trung ương", "Ngân sách xã", "Nhân dân đóng góp", "Vốn lồng ghép"]
    for r, name in zip(rows["capital"], names, strict=True):
        r["source_code"] = name
    rows["capital"][3]["programme_share"] = "Chương trình MTQG giảm nghèo: 100%"
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows))
    assert parsed.accepted, [p.message() for p in parsed.problems]
    codes = [c.source_code for r in parsed.data.resolutions for p in r.projects for c in p.capital]
    assert codes == ["NSTW", "NS_XA", "CONG_DONG", "LONG_GHEP"]


# -- 4. dry run ---------------------------------------------------------------------------------


def test_dry_run_shows_everything_and_writes_nothing(capsys, db, tmp_path):
    before = (os.stat(db).st_mtime_ns, os.stat(db).st_ino, sorted(os.listdir(db.parent)))
    code, out, err = run(
        capsys, "import", "--db", str(db), "--dry-run", str(CLERK / "messy_layout.xlsx")
    )
    assert code == 0, err
    assert (os.stat(db).st_mtime_ns, os.stat(db).st_ino, sorted(os.listdir(db.parent))) == before
    for line in (
        "messy_layout.xlsx: THỬ, không ghi gì — có thể nạp",
        "  trang “Công trình”: đọc 2 dòng dữ liệu",
        "    bỏ qua 1 dòng số thứ tự cột: Công trình:8",
        "    bỏ qua 2 dòng Cộng / Tổng cộng: Công trình:9, Công trình:13",
        "    bỏ qua 3 dòng tên nhóm: Công trình:10, Công trình:11, Công trình:14",
        "    đơn vị tính: triệu đồng (ghi trên trang)",
        "    đã đối chiếu 11 số tổng; 0 khác tổng các dòng (thành phát hiện)",
        "    đã hiểu “Ngân sách xã” là NS_XA (1 ô)",
        "    1 ô phông TCVN3 đã chuyển sang Unicode",
        "  sẽ thêm 1 đơn vị-năm, thay thế 0: 06745/2024",
        f"Chạy thử: không ghi gì vào {db}.",
    ):
        assert line in out, f"{line!r} not in\n{out}"
    # Into a database that does not exist yet: it is not created.
    new = tmp_path / "new.duckdb"
    code, out, err = run(
        capsys,
        "import",
        "--db",
        str(new),
        "--lang",
        "en",
        "--dry-run",
        str(CLERK / "no_unit_in_millions.xlsx"),
        str(CLERK / "dates_as_text.xlsx"),
    )
    assert code == 2
    assert not new.exists() and not any(tmp_path.glob(".new.duckdb*"))
    assert "no_unit_in_millions.xlsx: DRY RUN, nothing written — would NOT load (4 problems)" in out
    assert "    unit: not stated; assumed đồng (2 amounts)" in out
    assert "  would add 1 unit-year and replace 0: 06745/2024" in out


def test_header_rows_with_a_parent_and_children():
    """A header over two rows: "Nguồn vốn" merged over its sources."""
    parsed = parse(CLERK / "messy_layout.xlsx")
    works = parsed.sheets["works"]
    assert sorted({src for r in works.records for src, _a, _l in r.capital}) == [
        "CONG_DONG",
        "NSTW",
        "NS_HUYEN",
        "NS_XA",
    ]


# -- 3. messages say what to do -------------------------------------------------------------------

BAD = CLERK.parent / "bad"


def _sources():
    from tui.core.io.importing.read import group_sources

    paths = [p for p in sorted(BAD.iterdir()) if not p.name.startswith(".")]
    paths += [CLERK / name for name in sorted(CLERK_BAD)]
    return [s for p in paths for s in group_sources([p])]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_of_the_corpus_says_what_to_do(lang):
    advice = (
        ("hãy", "hãy")
        if lang == "vi"
        else (
            "fill",
            "type",
            "correct",
            "add",
            "pick",
            "give",
            "delete",
            "remove",
            "round",
            "rename",
            "save",
            "open",
            "check",
            "choose",
            "move",
            "state",
            "select",
            "unmerge",
            "copy",
        )
    )
    checked = 0
    for source in _sources():
        parsed = parse_source(source, CATALOGUE)
        assert parsed.problems, source.name
        for problem in parsed.problems:
            text = problem.message(lang).lower()
            assert any(word in text for word in advice), text
            checked += 1
    assert checked >= 40


def test_problems_csv_has_what_to_do(tmp_path, capsys):
    report = tmp_path / "problems.csv"
    code, _out, _err = run(
        capsys,
        "import",
        "--db",
        str(tmp_path / "r.duckdb"),
        "--lang",
        "en",
        "--problems",
        str(report),
        str(BAD / "impossible_date.xlsx"),
    )
    assert code == 2
    import csv

    with open(report, encoding="utf-8-sig") as handle:
        written = list(csv.DictReader(handle))
    assert written[0]["fix"] == "check it against the resolution and correct the date"


def test_hidden_rows_and_columns_are_read_and_said(capsys, db):
    code, _out, err = run(
        capsys, "import", "--db", str(db), str(CLERK / "hidden_rows_columns.xlsx")
    )
    assert code == 0, err
    assert "trang “Nguồn vốn”: đã đọc cả các dòng, cột đang ẩn (3, D)" in err
    assert "trang “Công trình”: đã đọc cả các dòng, cột đang ẩn (E)" in err
    assert amounts(_loaded(db)) == EXPECTED  # the hidden capital line is there


def test_a_work_whose_note_looks_like_a_date_line_is_still_a_work(tmp_path):
    """Rows with an amount are never taken for a signature or a group row."""
    data = small_dataset()
    data.resolutions = data.resolutions[:1]
    data.surpluses = []
    rows = dataset_rows(data)
    rows["works"][0].update(res_ref=None, note="Ngày 5 tháng 7 năm 2024 khởi công")
    rows["works"][1].update(res_ref=None, name="Công trình chuyển tiếp nhà văn hoá thôn 5")
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows))
    assert parsed.accepted, [p.message() for p in parsed.problems]
    works = [p.name for r in parsed.data.resolutions for p in r.projects]
    assert works == ["Đường giao thông thôn 3", "Công trình chuyển tiếp nhà văn hoá thôn 5"]
    assert parsed.data.resolutions[0].projects[0].note == "Ngày 5 tháng 7 năm 2024 khởi công"


def test_the_round_trip_export_states_its_unit(make_db, tmp_path, capsys):
    """A 50-million work would be refused if its unit were only assumed: the export says
    đồng in its money headers, so its own file always imports back."""
    from tui.core.data.dataset import CapitalLine

    data = small_dataset()
    work = data.resolutions[0].projects[1]
    work.total_investment = 50 * M
    work.capital = [CapitalLine("NS_XA", 50 * M)]
    work.note = "Sửa chữa nhỏ"
    source = make_db(data, review_years=(2024,))
    out = tmp_path / "du-lieu.xlsx"
    assert main(["export", "--db", str(source), "--format", "import-xlsx", str(out)]) == 0
    fresh = tmp_path / "fresh.duckdb"
    code, out_text, err = run(capsys, "import", "--db", str(fresh), str(out))
    assert code == 0, err
    assert "không ghi đơn vị tính" not in out_text
    works = {p.name: p for p in _loaded(fresh).resolutions[0].projects}
    assert works["Nhà văn hoá thôn 5"].total_investment == 50 * M
    assert works["Nhà văn hoá thôn 5"].note == "Sửa chữa nhỏ"


def test_a_title_naming_the_commune_is_not_a_unit_line(tmp_path):
    rows = dataset_rows(small_dataset())
    above = {"works": [["Đơn vị: UBND xã Hải Xuân"], ["ĐVT: đồng"]]}
    parsed = parse(write_xlsx(tmp_path / "f.xlsx", rows, above=above))
    assert parsed.accepted, [p.message() for p in parsed.problems]
    assert amounts(parsed.data) == EXPECTED
