"""`ntm-review template` and `ntm-review import`: the command-line side of the import.

Problems go to stderr, one line each, in the UI language: file, sheet, row, column, the
value found and what was expected. A Rich progress bar shows on large imports when
stderr is a terminal. The summary (what was added, replaced, rejected) goes to stdout.
Exit code 0 when every file loaded, 2 when any file was rejected (nothing of it loaded).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import NtmError
from ..core.lang.i18n import t
from ..core.lang.language import Lang
from ..core.safe import CSV_ENCODING, one_line, safe_value, write_csv
from .common import EXIT_INPUT, EXIT_OK, year_type

PROBLEMS_SHOWN = 1000
PROGRESS_MIN_ROWS = 5000


def add_template(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`template`: the blank .xlsx workbook communes fill in."""
    h = lang.pick
    template = sub.add_parser(
        "template",
        parents=[common],
        help=h("ghi mẫu nhập liệu .xlsx", "write the .xlsx import template"),
        description=h(
            "Ghi bảng tính mẫu để các xã nhập nghị quyết, căn cứ, công trình, nguồn vốn, kết dư "
            "và phân bổ kết dư; trang đầu giải thích từng cột bằng tiếng Việt và tiếng Anh.",
            "Write the blank workbook communes fill in: resolutions, grounds, works, capital, "
            "surpluses and surplus lines; its first sheet explains every column in Vietnamese "
            "and English.",
        ),
    )
    template.add_argument("out", metavar="OUT.xlsx", type=Path, help=h("tệp ghi ra", "output file"))
    template.lang = lang
    return template


def add_import(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`import`: the communes' .xlsx / .csv files, checked whole before anything loads."""
    h = lang.pick
    imp = sub.add_parser(
        "import",
        parents=[common],
        help=h("nhập bảng tính .xlsx / .csv của các xã", "import communes' .xlsx / .csv files"),
        description=h(
            "Nhập bảng tính theo mẫu (xem: ntm-review template). Mỗi tệp được kiểm tra toàn bộ "
            "trước khi ghi; tệp có lỗi thì không nạp gì. Mỗi cặp (đơn vị, năm) trong tệp thay thế "
            "dữ liệu cũ của đơn vị đó trong năm đó; dữ liệu khác giữ nguyên. Tệp .csv: mỗi trang "
            "một tệp (nghi_quyet.csv, can_cu.csv, …) hoặc một thư mục chứa các tệp đó.",
            "Import workbooks in the template's layout (see: ntm-review template). Every file "
            "is checked completely before anything is written; a file with any problem loads "
            "nothing. Each (unit, year) in a file replaces that unit's data for that year; all "
            "other data is kept. CSV: one file per sheet (nghi_quyet.csv, can_cu.csv, …) or a "
            "folder holding them.",
        ),
    )
    imp.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help=h("tệp .xlsx, .csv, thư mục", "files")
    )
    imp.add_argument(
        "--review-year",
        metavar="YYYY",
        type=year_type(lang),
        action="append",
        default=[],
        help=h(
            "thêm năm này vào các năm thẩm tra (có thể lặp lại; cơ sở dữ liệu mới, nếu không "
            "nêu năm nào, thẩm tra mọi năm có trong tệp)",
            "add this year to the years under review (repeatable; a new database told no year "
            "reviews every year in the files)",
        ),
    )
    imp.add_argument(
        "--problems",
        metavar="FILE.csv",
        type=Path,
        default=None,
        help=h("ghi mọi lỗi vào tệp CSV này", "write every problem to this CSV file"),
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help=h(
            "chỉ kiểm tra và cho biết sẽ đọc, bỏ qua, chuyển đổi, thêm, thay thế gì; không ghi gì",
            "only check, and show what would be read, skipped, converted, added and replaced; "
            "write nothing",
        ),
    )
    imp.lang = lang
    return imp


def cmd_template(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.io.template import write_template

    sheets = write_template(args.out)
    print(t("template_written", lang, path=args.out, sheets=sheets))
    return EXIT_OK


class _ProgressBar:
    """A Rich progress bar on stderr, shown only on a terminal and for large files."""

    def __init__(self, lang: Lang) -> None:
        from rich.console import Console

        self.lang = lang
        self.console = Console(stderr=True, highlight=False)
        self.progress = None
        self.task = None
        self.label = None

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.console.is_terminal or total < PROGRESS_MIN_ROWS:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        if self.progress is None:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
        if label != self.label:
            self.label = label
            self.task = self.progress.add_task(
                t("imp_progress_read", self.lang, file=label), total=total
            )
        self.progress.update(self.task, completed=done)

    def building(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None
        if self.console.is_terminal:
            self.console.print(t("imp_progress_build", self.lang) + " …", style="dim")

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _unit_years(pairs: list[tuple[str, int]]) -> str:
    return ", ".join(f"{unit}/{year}" for unit, year in pairs) or "—"


def _rows_detail(rows: dict[str, int], lang: Lang) -> str:
    from ..core.io.layout import SHEETS

    parts = []
    for sheet in SHEETS:
        if rows.get(sheet.key):
            parts.append(f"{lang.pick(sheet.title_vi, sheet.title_en)} {rows[sheet.key]}")
    return ", ".join(parts)


def _write_problems(path: Path, outcomes, lang: Lang) -> int:
    from ..core.faults import WriteFailed, write_atomically

    rows = [p.as_row(lang) for o in outcomes for p in o.parsed.problems]
    fields = ("file", "sheet", "row", "column", "header", "found", "expected", "fix")

    def write(target: Path) -> None:
        with open(target, "w", newline="", encoding=CSV_ENCODING) as handle:
            # Values quoted from the communes' files: safe text, never a formula.
            write_csv(handle, fields, ([safe_value(r.get(k)) for k in fields] for r in rows))

    try:
        # A fresh temporary renamed into place: a symlink planted at FILE by another
        # user is not followed (core/faults.py).
        write_atomically(path, write)
    except WriteFailed as err:
        raise NtmError("template_write_failed", path=path, detail=err.params["cause"]) from None
    return len(rows)


def cmd_import(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.io.importer import import_files

    bar = _ProgressBar(lang)
    try:
        report = import_files(
            db_path,
            args.files,
            progress=bar,
            on_build=bar.building,
            review_years=args.review_year,
            dry_run=args.dry_run,
        )
    finally:
        bar.close()
    warn = t("imp_warning", lang)

    def err(text: str) -> None:
        # File names and cell values come from the communes' files: never raw to a terminal.
        sys.stderr.write(one_line(text) + "\n")

    def out(text: str) -> None:
        print(one_line(text))

    for outcome in report.files:
        parsed = outcome.parsed
        for notice in parsed.notices:
            err(f"ntm-review: {warn}: {notice.message(lang)}")
        for problem in parsed.problems[:PROBLEMS_SHOWN]:
            err(f"  {problem.message(lang)}")
        if len(parsed.problems) > PROBLEMS_SHOWN:
            err("  " + t("imp_problems_more", lang, count=len(parsed.problems) - PROBLEMS_SHOWN))
        if parsed.problems:
            err(
                "ntm-review: "
                + t("imp_rejected", lang, file=parsed.name, count=len(parsed.problems))
            )
    if args.problems is not None and report.rejected:
        count = _write_problems(args.problems, report.files, lang)
        err("ntm-review: " + t("imp_problems_written", lang, count=count, path=args.problems))
    if args.dry_run:
        for outcome in report.files:
            _print_dry_run(outcome, lang)
        out(t("imp_dry_nothing", lang, path=db_path))
        return EXIT_INPUT if report.rejected else EXIT_OK
    for outcome in report.files:
        parsed = outcome.parsed
        if not parsed.accepted:
            continue
        out(
            t(
                "imp_loaded",
                lang,
                file=parsed.name,
                rows=sum(parsed.rows.values()),
                detail=_rows_detail(parsed.rows, lang),
                added=len(outcome.added),
                replaced=len(outcome.replaced),
                unit_years=_unit_years(parsed.unit_years),
            )
        )
        for line in _summary_notes(parsed, lang):
            out("  " + line)
    if report.unchanged:
        out(t("imp_unchanged", lang, path=db_path))
    elif report.built:
        seconds = f"{report.seconds:.1f}"
        out(
            t(
                "imp_built",
                lang,
                path=db_path,
                resolutions=report.resolutions,
                findings=report.findings,
                seconds=lang.pick(seconds.replace(".", ","), seconds),
            )
        )
    if report.rejected:
        err("ntm-review: " + t("imp_some_rejected", lang, count=len(report.rejected)))
        return EXIT_INPUT
    return EXIT_OK


def _summary_notes(parsed, lang: Lang) -> list[str]:
    """The unit assumed on each sheet that stated none, and totals that differ."""
    from ..core.fmt import group_thousands

    lines = [note.expected(lang) for note in parsed.unit_notes()]
    if parsed.data is not None:
        for res in parsed.data.resolutions:
            for total in res.stated_totals:
                if total.stated != total.listed:
                    lines.append(
                        t(
                            "imp_total_differs",
                            lang,
                            label=total.label,
                            place=total.place,
                            measure=total.measure,
                            stated=group_thousands(total.stated),
                            listed=group_thousands(total.listed),
                        )
                    )
    return lines


def _say(text: str) -> None:
    # Sheet names and words quoted from the communes' files: never raw to a terminal.
    print(one_line(text))


def _print_dry_run(outcome, lang: Lang) -> None:
    """Per sheet: rows read and skipped, the unit, conversions, totals; then the effect."""
    from ..core.io.layout import SHEETS
    from ..core.io.vnparse import UNIT_LABELS

    parsed = outcome.parsed
    verdict = (
        t("imp_dry_ok", lang)
        if parsed.accepted
        else t("imp_dry_rejected", lang, count=len(parsed.problems))
    )
    _say(t("imp_dry_header", lang, file=parsed.name, verdict=verdict))
    for sheet in SHEETS:
        data = parsed.sheets.get(sheet.key)
        if data is None:
            continue
        names = ", ".join(g.sheet or g.file for g in data.grids)
        _say(t("imp_dry_sheet", lang, sheet=names, rows=len(data.records)))
        for reason, rows in data.skipped.items():
            shown = ", ".join(rows[:8]) + (" …" if len(rows) > 8 else "")
            _say(
                t(
                    "imp_dry_skipped",
                    lang,
                    count=len(rows),
                    reason=t(reason, lang),
                    rows=shown,
                )
            )
        has_money = any(f.kind == "money" for f in sheet.fields)
        units = data.units
        if any(how == "assumed" for _s, how, _n in units):
            count = sum(n for _s, how, n in units if how == "assumed")
            _say(t("imp_dry_unit_assumed", lang, count=count))
        elif data.unit_stated:
            labels = sorted({lang.pick(*UNIT_LABELS[u]) for u in data.unit_stated})
            _say(t("imp_dry_unit_stated", lang, unit=", ".join(labels)))
        elif has_money and data.records:
            _say(t("imp_dry_unit_columns", lang))
        groups = sorted({g for g in data.group_labels})
        if groups:
            _say(t("imp_dry_groups", lang, groups="; ".join(groups)))
        if data.totals:
            differ = sum(1 for c in data.totals if c.stated != c.listed)
            _say(t("imp_dry_totals", lang, count=len(data.totals), differ=differ))
        for (column, written, code), count in sorted(parsed.conversions.items()):
            if column in {f.header_vi for f in sheet.fields} or (
                sheet.key == "works" and len(column) <= 3
            ):
                _say(t("imp_dry_synonym", lang, name=written, code=code, count=count))
        for (_file, sheet_name, encoding), cells in parsed.legacy.items():
            if sheet_name in {g.sheet for g in data.grids}:
                _say(t("imp_dry_legacy", lang, count=len(cells), encoding=encoding))
    for line in _summary_notes(parsed, lang):
        _say("  " + line)
    if parsed.accepted:
        _say(
            t(
                "imp_dry_would",
                lang,
                added=len(outcome.added),
                replaced=len(outcome.replaced),
                unit_years=_unit_years(parsed.unit_years),
            )
        )


COMMANDS = {"template": cmd_template, "import": cmd_import}
