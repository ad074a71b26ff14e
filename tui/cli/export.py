"""The `export` and `notice` commands.

    ntm-review export --format xlsx|csv|md|import-xlsx [--unit CODE] [--year YYYY] OUT
    ntm-review notice --unit CODE [--year YYYY] [--format docx|md] [--date YYYY-MM-DD] OUT

Both read the database read-only and the review decisions if the decisions file exists
(they never create it). Exit 0 on success, 2 with one sentence on any bad input.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from ..core.lang.language import Lang
from .common import (
    EXIT_OK,
    close_reviews,
    date_type,
    default_year,
    open_reviews,
    open_store,
    unit_code,
    year_type,
)


def add_export(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`export`: the findings, decisions and figures as xlsx, csv, md or the import layout."""
    from ..core.io.formats import EXPORT_FORMATS as FORMATS

    h = lang.pick
    export = sub.add_parser(
        "export",
        parents=[common],
        help=h("xuất phát hiện, quyết định và số liệu", "export findings, decisions and figures"),
        description=h(
            "Xuất các phát hiện (kèm quyết định, ghi chú), tổng hợp từng đơn vị, bảng nguồn vốn "
            "và kết dư. csv: một tệp phát hiện, hoặc mỗi bảng một tệp nếu OUT là thư mục hay kết "
            "thúc bằng '/'. import-xlsx: dữ liệu theo mẫu nhập để nhập vào cơ sở dữ liệu khác.",
            "Export the findings (with decisions and notes), per-unit summaries, capital and "
            "surplus tables. csv: one findings file, or one file per table when OUT is a "
            "directory or ends with '/'. import-xlsx: the data in the import layout.",
        ),
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=h(
            "định dạng (mặc định: theo đuôi tệp .xlsx/.csv/.md, thư mục là csv, còn lại xlsx)",
            "format (default: from the .xlsx/.csv/.md suffix, csv for a directory, else xlsx)",
        ),
    )
    export.add_argument("--unit", type=unit_code, help=h("chỉ đơn vị này", "this unit only"))
    export.add_argument("--year", type=year_type(lang), help=h("chỉ năm này", "this year only"))
    # A str, not a Path: Path("dir/") forgets the slash that asks for one CSV per table.
    export.add_argument(
        "out", metavar="OUT", help=h("tệp (hoặc thư mục) ghi ra", "output file (or directory)")
    )
    export.lang = lang
    return export


def add_notice(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`notice`: the draft conclusion notice for one unit (and --issue records it)."""
    from ..core.io.formats import NOTICE_FORMATS

    h = lang.pick
    notice = sub.add_parser(
        "notice",
        parents=[common],
        help=h("dự thảo thông báo kết luận", "draft conclusion notice"),
        description=h(
            "Viết dự thảo thông báo kết luận giám sát cho một đơn vị (Word hoặc Markdown), "
            "theo thể thức Nghị định 30/2020/NĐ-CP.",
            "Write a draft conclusion notice for one unit (Word or Markdown), following the "
            "presentation rules of Decree 30/2020/NĐ-CP.",
        ),
    )
    notice.add_argument("--unit", type=unit_code, required=True, help=h("mã đơn vị", "unit code"))
    notice.add_argument(
        "--year",
        type=year_type(lang),
        help=h("năm (mặc định: năm đang thẩm tra)", "year (default: the year under review)"),
    )
    notice.add_argument(
        "--format",
        choices=NOTICE_FORMATS,
        default=None,
        help=h(
            "định dạng (mặc định: theo đuôi tệp .docx/.md)",
            "format (default: from the .docx/.md extension)",
        ),
    )
    notice.add_argument(
        "--date",
        type=date_type(lang),
        help=h(
            "ngày ghi trên thông báo (mặc định: hôm nay)", "date on the notice (default: today)"
        ),
    )
    notice.add_argument(
        "--issue",
        action="store_true",
        help=h(
            "ghi nhận thông báo đã ban hành (cần --number và --date): từ đó các yêu cầu khắc "
            "phục có hạn",
            "record that the notice was issued (needs --number and --date): from then on its "
            "corrections have deadlines",
        ),
    )
    notice.add_argument(
        "--number", metavar="NUMBER", help=h("số thông báo, ví dụ 12/TB-HĐND", "notice number")
    )
    notice.add_argument("out", metavar="OUT", type=Path, help=h("tệp ghi ra", "output file"))
    notice.lang = lang
    return notice


def guess_format(out: str) -> str:
    """The format an OUT asks for when --format is not given."""
    if out.endswith(("/", os.sep)) or Path(out).is_dir():
        return "csv"
    return {".csv": "csv", ".md": "md"}.get(Path(out).suffix.lower(), "xlsx")


def cmd_export(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.io.export import export_findings, say

    with open_store(db_path) as store:
        reviews = open_reviews(db_path)
        try:
            written = export_findings(
                store,
                reviews,
                args.format or guess_format(args.out),
                args.out,
                unit=args.unit,
                year=args.year,
                lang=lang,
            )
        finally:
            close_reviews(reviews)
    if written.is_dir():
        count = len(list(written.glob("*.csv")))
        print(say("written_dir", lang, count=count, path=written))
    else:
        print(say("written", lang, path=written))
    return EXIT_OK


def cmd_notice(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.io.export import say
    from ..core.io.notice import write_notice

    with open_store(db_path) as store:
        year = args.year or default_year(store)
        if args.issue:
            _issue(args, store, db_path, year, lang)
        elif args.number is not None:
            from ..core.errors import UsageError

            raise UsageError("notice_number_blank")
        reviews = open_reviews(db_path)
        try:
            written = write_notice(
                store, reviews, args.unit, year, args.out, args.format, lang, args.date
            )
        finally:
            close_reviews(reviews)
    print(say("written", lang, path=written))
    return EXIT_OK


def _issue(args: argparse.Namespace, store: Any, db_path: Path, year: int, lang: Lang) -> None:
    """notice --issue: record the issue (number, date) before the notice is written; the
    output file is checked first, so a bad OUT records nothing."""
    from ..core.errors import UsageError
    from ..core.fmt import vn_datetime
    from ..core.io.export import check_output_file
    from ..core.lang.i18n import t
    from ..core.review.service import issue_notice, open_review_store
    from ..core.review.tracking import vn_day

    if not (args.number or "").strip() or args.date is None:
        raise UsageError("notice_number_blank")
    check_output_file(Path(args.out).expanduser(), f"thong-bao-{args.unit}-{year}.{args.format}")
    with open_review_store(db_path) as reviews:
        event = issue_notice(reviews, store, args.unit, year, args.number, args.date)
    from ..core.safe import one_line

    print(
        one_line(
            t(
                "notice_issued",
                lang,
                number=args.number.strip(),
                date=vn_day(args.date),
                unit=args.unit,
                year=year,
            )
            + f" ({event.reviewer}, {vn_datetime(event.created_at)})"
        )
    )


COMMANDS = {"export": cmd_export, "notice": cmd_notice}
