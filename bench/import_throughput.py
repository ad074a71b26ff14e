"""Import throughput: rows per second of `ntm-review import` on a generated workbook.

    python bench/import_throughput.py [--rows 100000] [--keep DIR]

Generates a workbook in the import layout with N data rows in all (the 17 Móng Cái
units, one NTM resolution each with three grounds; works with four capital lines each),
then, in the same run:

- times `ntm-review import --db NEW FILE` as a subprocess (the real command: reading,
  checking every cell and reference, building the database with findings);
- times the floor: reading every cell of the same file with python-calamine alone (what
  the importer reads with) and with openpyxl in read-only mode;

and prints the three, rows per second, and the ratio of the import to each floor.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.data.reference import mong_cai_units  # noqa: E402
from tui.core.io.layout import SHEETS  # noqa: E402

GROUNDS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019;",
    "Căn cứ Nghị định số 27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ;",
)
SOURCES = ("NSTW", "NS_TINH", "NS_XA", "CONG_DONG")


def generate(path: Path, rows: int, year: int = 2024) -> dict[str, int]:
    """Write the workbook; returns data rows per sheet."""
    from openpyxl import Workbook

    units = [u["code"] for u in mong_cai_units()]
    fixed = len(units) * (1 + len(GROUNDS))
    works = max(1, (rows - fixed) // (1 + len(SOURCES)))
    data: dict[str, list[list]] = {s.key: [] for s in SHEETS}
    for n, unit in enumerate(units, start=1):
        data["resolutions"].append(
            [
                f"NQ{n}",
                unit,
                f"{n}/NQ-HĐND",
                date(year, 3, n),
                year,
                None,
                f"Nghị quyết về danh mục công trình năm {year}",
                "ntm",
                None,
                None,
                None,
            ]
        )
        for i, text in enumerate(GROUNDS, start=1):
            data["basis"].append([f"NQ{n}", i, text])
    for w in range(1, works + 1):
        res = f"NQ{(w - 1) % len(units) + 1}"
        data["works"].append(
            [
                res,
                f"CT{w}",
                f"Đường giao thông thôn {w}",
                f"Thôn {w % 9 + 1}",
                "Dài 1.200 m",
                str(year),
                2,
                "C",
                "1.000 triệu",
                f"{w}/QĐ-UBND",
                "không",
                "không",
            ]
        )
        for source in SOURCES:
            data["capital"].append([f"CT{w}", source, "250.000.000 đồng", None])
    wb = Workbook(write_only=True)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.title_vi)
        ws.append([f.header_vi for f in sheet.fields])
        for row in data[sheet.key]:
            ws.append(row)
    wb.save(path)
    return {key: len(value) for key, value in data.items()}


def read_calamine(path: Path) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
            cells += len(row)
    return cells


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells += len(row)
    wb.close()
    return cells


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=100_000, help="data rows in all (default 100000)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ntm-import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    workbook, db = folder / "import.xlsx", folder / "bench.duckdb"
    db.unlink(missing_ok=True)

    seconds, counts = timed(generate, workbook, args.rows)
    total = sum(counts.values())
    size = workbook.stat().st_size / 1e6
    print(f"generated {workbook} in {seconds:.1f} s: {total} rows ({counts}), {size:.1f} MB")

    command = [
        sys.executable,
        "-m",
        "tui",
        "import",
        "--lang",
        "en",
        "--db",
        str(db),
        str(workbook),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    t_import = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout, done.stderr, sep="\n")
        return 1
    print(done.stdout.strip())

    t_calamine, _ = timed(read_calamine, workbook)
    t_openpyxl, _ = timed(read_openpyxl, workbook)
    print()
    print(f"{'':34}{'seconds':>9}{'rows/s':>11}")
    for label, t in (
        ("ntm-review import (whole command)", t_import),
        ("python-calamine, read every cell", t_calamine),
        ("openpyxl read-only, every cell", t_openpyxl),
    ):
        print(f"{label:34}{t:9.2f}{total / t:11,.0f}")
    print(
        f"\nimport / calamine read = {t_import / t_calamine:.1f}x; "
        f"import / openpyxl read = {t_import / t_openpyxl:.2f}x"
    )
    print(f"command: {' '.join(command[1:])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
