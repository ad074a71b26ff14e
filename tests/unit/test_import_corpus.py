"""The bad-input corpus (tests/corpus/import): every malformed file gets its own clear
message naming the file, the row and column, and what was expected; exit code 2; and
the database is not touched (same file, same finding keys). The good files next to them
(blank rows and columns, TCVN3/VNI text, CSV in Windows-1258 or UTF-8 with a BOM,
English headers, Vietnamese number and date formats) load. Regenerate the corpus with
tests/corpus/import/make_corpus.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from importkit import dataset_rows, large_rows, small_dataset, write_xlsx

from tui.cli import main
from tui.core.data.dataset import Dataset
from tui.core.data.extract import extract
from tui.core.data.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "import"
BAD, GOOD = CORPUS / "bad", CORPUS / "good"

# (file or folder, language, fragments the messages must contain)
BAD_CASES = [
    (
        "wrong_header.xlsx",
        "vi",
        ["trang “Nguồn vốn”, dòng 1, cột C: gặp “Số lượng”", "cần một tiêu đề cột của trang này"],
    ),
    (
        "missing_header.xlsx",
        "en",
        ["sheet “Công trình”, row 1: the required column “Tổng mức đầu tư” is missing"],
    ),
    (
        "missing_sheet.xlsx",
        "vi",
        ["thiếu trang “Nguồn vốn”; bảng tính có các trang: “Nghị quyết”, “Căn cứ”"],
    ),
    (
        "dead_unit.xlsx",
        "en",
        [
            "row 2, column D “Ngày ban hành”: found “10/04/2026”; expected a day on which the "
            "unit existed: 06745 Hải Xuân ended on 30/06/2025; on 10/04/2026 it is part of "
            "06712 Móng Cái 1"
        ],
    ),
    ("empty.xlsx", "vi", ["tệp rỗng (0 byte)"]),
    ("empty_csv", "en", ["nghi_quyet.csv: the file is empty (0 bytes)"]),
    ("not_a_spreadsheet.xlsx", "vi", ["không phải bảng tính .xlsx"]),
    ("photo.xlsx", "en", ["not an .xlsx workbook"]),
    ("letter.xlsx", "vi", ["không phải bảng tính .xlsx"]),
    ("password.xlsx", "vi", ["được đặt mật khẩu (mã hoá)", "gỡ mật khẩu"]),
    ("password.xlsx", "en", ["password-protected (encrypted)", "remove the password"]),
    ("old_format.xls", "en", ["an old Excel file (.xls)", "save it as .xlsx"]),
    (
        "amount_as_text.xlsx",
        "vi",
        [
            "trang “Nguồn vốn”, dòng 2, cột C “Số tiền”: gặp “một tỷ năm trăm triệu”; "
            "cần một số tiền"
        ],
    ),
    (
        "negative_amount.xlsx",
        "en",
        [
            "sheet “Công trình”, row 3, column I “Tổng mức đầu tư”: found “-1200000000”; "
            "expected an amount that is not negative",
            "sheet “Nguồn vốn”, row 5, column C “Số tiền”: found “(1.200.000.000)”; "
            "expected an amount that is not negative",
        ],
    ),
    (
        "fraction_of_dong.xlsx",
        "vi",
        ["dòng 2, cột C “Số tiền”: gặp “1.500.000.000,5 đồng”; cần một số nguyên đồng"],
    ),
    (
        "unknown_unit.xlsx",
        "vi",
        [
            "trang “Nghị quyết”, dòng 2, cột B “Mã đơn vị”: gặp “99999”; "
            "cần mã một đơn vị có trong dữ liệu"
        ],
    ),
    (
        "unknown_category.xlsx",
        "en",
        [
            "sheet “Phân bổ kết dư”, row 2, column C “Nội dung chi”: found “chi_dau_tu”; "
            "expected a code from the list: chi_dtpt, chi_thuong_xuyen"
        ],
    ),
    (
        "unknown_source.xlsx",
        "vi",
        ["dòng 3, cột B “Nguồn vốn”: gặp “NS_TW”; cần một mã trong danh mục: NSTW, NS_TINH"],
    ),
    (
        "duplicate_rows.xlsx",
        "vi",
        [
            "trang “Nguồn vốn”, dòng 3, cột B “Nguồn vốn”: gặp “NSTW”; cần một dòng không "
            "trùng lặp (trùng với dòng 2: cùng Mã CT và nguồn vốn)"
        ],
    ),
    (
        "duplicate_resolution_ref.xlsx",
        "en",
        [
            "sheet “Nghị quyết”, row 3, column A “Mã NQ”: found “NQ1”; expected a reference "
            "not used yet (this one is already on row 2)"
        ],
    ),
    ("merged_header.xlsx", "vi", ["trang “Công trình”, dòng 1, cột C: các ô tiêu đề C1:D1 bị gộp"]),
    ("merged_data_across.xlsx", "en", ["row 2, column D: the cells D2:E2 are merged"]),
    (
        "impossible_date.xlsx",
        "vi",
        [
            "dòng 2, cột D “Ngày ban hành”: gặp “31/02/2024”; cần một ngày có thật "
            "(không có ngày 31 tháng 2 năm 2024)"
        ],
    ),
    (
        "unreadable_date.xlsx",
        "en",
        ["row 3, column D “Ngày ban hành”: found “tháng 7/2024”; expected a date as dd/mm/yyyy"],
    ),
    (
        "capital_unknown_work.xlsx",
        "vi",
        [
            "trang “Nguồn vốn”, dòng 5, cột A “Mã CT”: gặp “CT9”; "
            "cần một Mã CT có ở trang “Công trình”"
        ],
    ),
    (
        "basis_unknown_resolution.xlsx",
        "en",
        [
            "sheet “Căn cứ”, row 5, column A “Mã NQ”: found “NQ9”; "
            "expected a Mã NQ that exists on the sheet “Nghị quyết”"
        ],
    ),
    (
        "missing_required.xlsx",
        "vi",
        ["dòng 2, cột G “Trích yếu”: ô trống; cần một giá trị (cột bắt buộc)"],
    ),
    (
        "amends_unknown.xlsx",
        "vi",
        ["dòng 3, cột K “Sửa đổi NQ”: gặp “NQ7”; cần một Mã NQ có ở trang “Nghị quyết”"],
    ),
    ("no_header_row.xlsx", "vi", ["trang “Căn cứ”: không tìm thấy dòng tiêu đề"]),
    ("no_data.xlsx", "en", ["the file holds no data"]),
    (
        "csv_unknown_name",
        "vi",
        ["danh_sach.csv: tên tệp CSV không thuộc mẫu nhập liệu; cần một trong: nghi_quyet.csv"],
    ),
    ("csv_missing_parent", "en", ["nguon_von.csv: cong_trinh.csv is missing"]),
    (
        "bad_year.xlsx",
        "vi",
        ["trang “Kết dư”, dòng 2, cột D “Năm ngân sách”: gặp “năm ngoái”; cần một năm"],
    ),
    ("bad_yes_no.xlsx", "en", ["row 2, column K “Giao UBND quyết định”: found “chắc có”"]),
    (
        "surplus_twice.xlsx",
        "vi",
        ["trang “Kết dư”, dòng 3, cột C “Năm phân bổ”: gặp “2024”", "mỗi đơn vị một dòng kết dư"],
    ),
    (
        "stray_column.xlsx",
        "vi",
        [
            "trang “Nguồn vốn”, dòng 3, cột F: gặp “xem lại”; cần dữ liệu nằm trong một cột có tiêu đề"
        ],
    ),
    (
        # Every problem of a file is listed, not only the first.
        "many_problems.xlsx",
        "en",
        [
            "row 2, column D “Ngày ban hành”: found “30/02/2024”",
            "row 3, column B “Mã đơn vị”: found “12345”",
            "row 2, column G “Tiêu chí NTM”: found “25”; expected a code from the list: 1–19",
            "row 4, column C “Số tiền”: found “-200.000.000”",
            "sheet “Phân bổ kết dư”, row 3, column B “STT”",
            "NOT loaded — 5 problems",
        ],
    ),
]


def keys_and_inode(db_rows, db: Path) -> tuple[list[str], int, int]:
    keys = sorted(k for (k,) in db_rows(db, "SELECT finding_key FROM finding"))
    st = os.stat(db)
    return keys, st.st_ino, st.st_mtime_ns


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_corpus_is_large_enough():
    files = {name for name, _lang, _frags in BAD_CASES}
    assert len(files) >= 25
    on_disk = {p.name for p in BAD.iterdir() if not p.name.startswith(".")}
    assert files == on_disk, "every corpus file has a test, every test has its file"


@pytest.mark.parametrize(
    ("name", "lang", "fragments"), BAD_CASES, ids=[f"{n}-{lang}" for n, lang, _ in BAD_CASES]
)
def test_bad_file_is_rejected_and_nothing_loads(capsys, db, db_rows, name, lang, fragments):
    before = keys_and_inode(db_rows, db)
    code, out, err = run(capsys, "import", "--db", str(db), "--lang", lang, str(BAD / name))
    assert code == 2, err
    assert "Traceback" not in err
    assert name in err  # the file is named
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} not in:\n{err}"
    assert keys_and_inode(db_rows, db) == before  # the same file, untouched, same findings
    assert out == ""  # nothing was loaded, so nothing to summarise


def _unit_year(db: Path, unit: str = "06745", year: int = 2024) -> Dataset:
    """The data of one unit-year, without the `source` (it names the file)."""
    with Store.open(db) as store:
        data = extract(store).data
    res = [r for r in data.resolutions if (r.unit_code, r.year) == (unit, year)]
    for r in res:
        r.source = None
    sur = [s for s in data.surpluses if (s.unit_code, s.year) == (unit, year)]
    return Dataset(res, sur)


@pytest.fixture
def reference(db, tmp_path, capsys) -> Dataset:
    """What the plain good file (importkit.small_dataset) loads as."""
    path = write_xlsx(tmp_path / "plain.xlsx", dataset_rows(small_dataset()))
    ref_db = tmp_path / "reference.duckdb"
    shutil.copyfile(db, ref_db)
    code, _out, err = run(capsys, "import", "--db", str(ref_db), str(path))
    assert code == 0, err
    return _unit_year(ref_db)


GOOD_CASES = [
    "blank_rows_columns.xlsx",
    "mixed_tcvn3_unicode.xlsx",
    "csv_windows_1258",
    "csv_utf8_bom",
    "english_headers.xlsx",
    "vietnamese_formats.xlsx",
]


@pytest.mark.parametrize("name", GOOD_CASES)
def test_good_file_loads_the_same_content(capsys, db, reference, name):
    code, out, err = run(capsys, "import", "--db", str(db), str(GOOD / name))
    assert code == 0, err
    assert "06745/2024" in out
    assert _unit_year(db) == reference


def test_good_corpus_covers_every_good_file():
    assert set(GOOD_CASES) == {p.name for p in GOOD.iterdir()}


def test_mixed_tcvn3_and_unicode_warns_naming_the_cells(capsys, db):
    code, _out, err = run(capsys, "import", "--db", str(db), str(GOOD / "mixed_tcvn3_unicode.xlsx"))
    assert code == 0, err
    assert "trang “Nghị quyết”: 1 ô gõ bằng phông TCVN3 đã được chuyển sang Unicode: G2" in err
    assert "trang “Căn cứ”: 1 ô gõ bằng phông TCVN3 đã được chuyển sang Unicode: C3" in err
    assert "trang “Công trình”: 1 ô gõ bằng phông TCVN3 đã được chuyển sang Unicode: C2" in err
    assert "trang “Công trình”: 1 ô gõ bằng phông VNI đã được chuyển sang Unicode: C3" in err
    data = _unit_year(db)
    titles = {r.title for r in data.resolutions}
    assert "Nghị quyết về danh mục công trình xây dựng nông thôn mới năm 2024" in titles
    works = {p.name for r in data.resolutions for p in r.projects}
    assert works == {"Đường giao thông thôn 3", "Nhà văn hoá thôn 5"}


def test_windows_1258_csv_says_how_it_was_read(capsys, db):
    code, _out, err = run(
        capsys, "import", "--db", str(db), "--lang", "en", str(GOOD / "csv_windows_1258")
    )
    assert code == 0, err
    assert "nghi_quyet.csv: read the file as Windows-1258" in err


@pytest.mark.slow
def test_very_large_file_loads(capsys, tmp_path, db_rows):
    """20.000 capital lines (5.000 works, 25.000 rows in all), into a new database."""
    path = write_xlsx(tmp_path / "large.xlsx", large_rows(20_000))
    db = tmp_path / "large.duckdb"
    code, out, err = run(capsys, "import", "--db", str(db), str(path))
    assert code == 0, err
    assert db_rows(db, "SELECT count(*) FROM capital_allocation") == [(20_000,)]
    assert "Nguồn vốn 20000" in out
