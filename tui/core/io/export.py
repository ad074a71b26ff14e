"""Exports: findings with decisions, per-unit summaries, capital and surplus tables.

`export_findings` writes one of four formats:

- ``xlsx``: sheets "Phát hiện", "Tổng hợp đơn vị", "Vốn", "Kết dư" (English titles with
  lang='en') and an information sheet; money as integer đồng with a thousands format,
  dates as real dates (dd/mm/yyyy), a frozen header row and filters.
- ``csv``: the findings as one CSV file; or, when OUT is a directory or ends with "/",
  one CSV per table (phat_hien.csv, tong_hop_don_vi.csv, von.csv, ket_du.csv). UTF-8
  with a byte-order mark so that Excel reads Vietnamese correctly; money as integer đồng
  without separators, dates as dd/mm/yyyy.
- ``md``: the same tables as Markdown.
- ``import-xlsx``: the data itself in the import layout (tui.core.io.layout), so that it
  can be imported into another database.

Files are written to a temporary name beside OUT and renamed into place, so a failed
export never leaves half a file. Every failure is an ExportError: one sentence, exit 2.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..data.store import Store
from ..lang.language import Lang, as_lang
from .exporting.messages import ExportError, say
from .exporting.paths import atomic_write, check_output_file
from .exporting.roundtrip import import_rows, write_import_xlsx
from .exporting.tables import check_unit, collect
from .exporting.write import DATE_FORMAT, MONEY_FORMAT, write_csv_table, write_md, write_xlsx
from .formats import EXPORT_FORMATS

FORMATS = EXPORT_FORMATS

__all__ = [
    "DATE_FORMAT",
    "DEFAULT_NAMES",
    "FORMATS",
    "MONEY_FORMAT",
    "ExportError",
    "check_output_file",
    "export_findings",
    "import_rows",
    "say",
]


def _wants_directory(out: Path, raw: str) -> bool:
    return out.is_dir() or raw.endswith(("/", os.sep))


# -- entry point ----------------------------------------------------------------------

DEFAULT_NAMES = {
    "xlsx": "ket-qua-tham-tra.xlsx",
    "csv": "phat-hien.csv",
    "md": "ket-qua-tham-tra.md",
    "import-xlsx": "du-lieu.xlsx",
}


def export_findings(
    store: Store,
    reviews: Any,
    fmt: str,
    out: Path | str,
    unit: str | None = None,
    year: int | None = None,
    lang: Lang | str = "vi",
) -> Path:
    """Write an export; return the file (or, for CSV into a directory, the directory).

    `reviews` is a ReviewStore or None (then no decision or note appears).
    Raises UsageError for an unknown unit and ExportError for a bad format or OUT.
    """
    lang = as_lang(lang)
    raw = str(out)
    out = Path(out).expanduser()
    if fmt not in FORMATS:
        raise ExportError("bad_format", fmt=fmt, choices=", ".join(FORMATS))
    check_unit(store, unit)
    if fmt == "import-xlsx":
        check_output_file(out, DEFAULT_NAMES[fmt])
        return atomic_write(out, lambda p: write_import_xlsx(store, p, unit, year))
    if fmt == "csv" and _wants_directory(out, raw):
        if not out.is_dir():
            check_output_file(out, DEFAULT_NAMES[fmt])
            try:
                out.mkdir()
            except OSError as exc:
                raise ExportError("out_unwritable", path=out, detail=exc) from None
        data = collect(store, reviews, unit, year, lang)
        for table in data.tables:
            target = out / f"{table.file_stem}.csv"
            if target.is_dir():
                raise ExportError("out_is_directory", path=target, example=target / "x.csv")
            atomic_write(target, lambda p, t=table: write_csv_table(t, p, lang))
        return out
    check_output_file(out, DEFAULT_NAMES[fmt])
    data = collect(store, reviews, unit, year, lang)
    if fmt == "csv":
        return atomic_write(out, lambda p: write_csv_table(data.tables[0], p, lang))
    if fmt == "md":
        return atomic_write(out, lambda p: write_md(data, p, lang))
    return atomic_write(out, lambda p: write_xlsx(data, p, lang))
