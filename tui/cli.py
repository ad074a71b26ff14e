"""The ntm-review command line. Every command but the TUI is headless.

Exit codes: 0 success (for `check`: no error-severity finding), 1 `check` found at least
one error or `followup` found a finding marked corrected that still occurs or a finding
past its deadline without proof (cron mails it), 2 the input
could not be read, an argument is wrong, or the review store refused (out of scope, reason
missing, unit not finished), 3 an internal error (its traceback is in the crash log the
message names). Errors are one sentence in the UI language, never a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from json.encoder import encode_basestring  # json's C string encoder
from pathlib import Path

from .cli_lang import LocalisedParser
from .core.errors import NtmError, UsageError
from .core.lang.i18n import pick, resolve_lang, t
from .core.paths import default_db_path, resolved_db_path
from .core.review.sqlite import DECISION_LABELS, ReviewError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


# argparse's own words (usage, titles, errors) in the UI language: tui/cli_lang.py.
_Parser = LocalisedParser


def _year(lang: str):
    def parse(value: str) -> int:
        if value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100:
            return int(value)
        raise argparse.ArgumentTypeError(t("bad_year", lang, value=value))

    return parse


def _unit_code(value: str) -> str:
    return value.strip()


def build_parser(lang: str) -> argparse.ArgumentParser:
    def h(vi: str, en: str) -> str:
        return pick(lang, vi, en)

    # --db, --store and --lang may be written before the command or after it, with one meaning.
    # The top-level parser holds the defaults; the subcommands' copies of the options
    # default to SUPPRESS, so a subcommand that is not given them leaves the value parsed
    # before the command alone (argparse otherwise writes the subparser's default over it).
    # Every parser made from here on (add_parser() makes the subcommands') speaks `lang`.
    LocalisedParser.lang = lang
    common = _common_options(lang, argparse.SUPPRESS, argparse.SUPPRESS)
    top_level = _common_options(lang, None, lang)

    parser = _Parser(
        prog="ntm-review",
        parents=[top_level],
        description=h(
            "Thẩm tra nghị quyết của HĐND xã về xây dựng nông thôn mới và phân bổ kết dư ngân sách. "
            "Không có lệnh con: mở giao diện thẩm tra.",
            "Review commune council resolutions on new rural development and budget-surplus "
            "allocation. With no command: open the review interface.",
        ),
    )
    parser.lang = lang
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser(
        "demo",
        parents=[common],
        help=h("tạo cơ sở dữ liệu mẫu", "build a demo database"),
        description=h(
            "Tạo cơ sở dữ liệu mẫu (dữ liệu giả định, không phải số liệu thật).",
            "Build a demo database (invented data, not real figures).",
        ),
    )
    demo.add_argument(
        "--scale",
        choices=("city", "province", "national"),
        default="city",
        help=h(
            "quy mô: city = 17 đơn vị của Móng Cái; province = 171 đơn vị của tỉnh Quảng Ninh "
            "(2022–2024) và 54 đơn vị từ 01/07/2025 (2025–2026); national = 10.035 xã, phường, "
            "thị trấn cả nước trước 2025 và 3.321 đơn vị từ 01/07/2025",
            "scale: city = Móng Cái's 17 units; province = Quảng Ninh's 171 units (2022–2024) "
            "and its 54 units from 01/07/2025 (2025–2026); national = all 10,035 pre-2025 "
            "communes, wards and towns and the 3,321 units from 01/07/2025",
        ),
    )
    demo.add_argument(
        "--seed", type=int, default=2023, help=h("hạt giống ngẫu nhiên", "random seed")
    )

    init = sub.add_parser(
        "init",
        parents=[common],
        help=h("tạo cơ sở dữ liệu trống (danh mục đơn vị thật)", "build an empty database"),
        description=h(
            "Tạo cơ sở dữ liệu trống, không có dữ liệu mẫu: danh mục đơn vị hành chính cả nước "
            "(trước và từ 01/07/2025) hoặc của một tỉnh; sau đó nhập dữ liệu thật bằng "
            "ntm-review import.",
            "Build an empty database with no demo data: the administrative units of the whole "
            "country (before and from 01/07/2025) or of one province; then import real data "
            "with ntm-review import.",
        ),
    )
    init.add_argument(
        "--province",
        default=None,
        metavar="MÃ",
        help=h(
            "mã tỉnh (2 chữ số, trước hoặc từ 01/07/2025, ví dụ 22 = Quảng Ninh); "
            "mặc định: cả nước",
            "province code (2 digits, of either era, e.g. 22 = Quảng Ninh); default: "
            "the whole country",
        ),
    )

    check = sub.add_parser(
        "check",
        parents=[common],
        help=h("in các phát hiện", "print the findings"),
        description=h(
            "In các phát hiện. Mã thoát 0: không có lỗi; 1: có ít nhất một lỗi; 2: không đọc được dữ liệu.",
            "Print the findings. Exit 0: no error; 1: at least one error; 2: the data could not be read.",
        ),
    )
    _add_unit_year_format(check, lang)
    check.add_argument(
        "--rule",
        metavar="RULE",
        help=h(
            "chỉ phát hiện của quy tắc này (mã quy tắc, ví dụ basis_missing_quy_che)",
            "only the findings of this rule (its id, e.g. basis_missing_quy_che)",
        ),
    )
    check.add_argument(
        "--severity",
        choices=("error", "warning", "info"),
        help=h("chỉ phát hiện ở mức này", "only the findings of this severity"),
    )

    compare = sub.add_parser(
        "compare",
        parents=[common],
        help=h("so sánh với xã chuẩn mẫu", "compare with the model commune"),
        description=h(
            "Với mỗi xã, liệt kê những gì xã chuẩn mẫu có mà xã đó thiếu.",
            "For each commune, list what the model commune has and it lacks.",
        ),
    )
    compare.add_argument(
        "--model", type=_unit_code, help=h("mã xã chuẩn mẫu", "code of the model commune")
    )
    compare.add_argument(
        "--unit", type=_unit_code, help=h("chỉ so sánh xã này", "compare this unit only")
    )
    _add_unit_year_format(compare, lang, unit=False)

    migrate = sub.add_parser(
        "migrate",
        parents=[common],
        help=h("nâng cấp tệp dữ liệu cũ", "upgrade an older database file"),
        description=h(
            "Nâng cấp tệp dữ liệu lên phiên bản lược đồ hiện tại (ghi tệp mới rồi thay thế).",
            "Upgrade a database file to the current schema version (writes a new file, then replaces it).",
        ),
    )
    review_parsers = _add_review_commands(sub, common, lang)
    # export, notice: tui/cli_export.py
    from .cli_export import add_export_commands

    add_export_commands(sub, common, lang)
    # template, import: tui/cli_import.py
    from .cli_import import add_import_commands

    add_import_commands(sub, common, lang)
    # Subparsers are made by argparse, not here: give each the UI language for its errors.
    for subparser in (demo, check, compare, migrate, *review_parsers):
        subparser.lang = lang
    return parser


def _common_options(lang: str, db_default, lang_default) -> argparse.ArgumentParser:
    """The --db and --lang options, with the given defaults."""

    def h(vi: str, en: str) -> str:
        return pick(lang, vi, en)

    common = _Parser(add_help=False)
    common.lang = lang
    common.add_argument(
        "--db",
        type=Path,
        default=db_default,
        help=h(
            "tệp cơ sở dữ liệu (mặc định: biến NTM_REVIEW_DB hoặc thư mục dữ liệu của người dùng)",
            "database file (default: NTM_REVIEW_DB or the user data directory)",
        ),
    )
    common.add_argument(
        "--store",
        metavar="URL",
        default=db_default,  # None at the top level, SUPPRESS in the subcommands
        help=h(
            "kho quyết định: postgresql://… hoặc đường dẫn tệp SQLite (mặc định: biến "
            "NTM_REVIEW_STORE, review_store trong config.toml, hoặc tệp cạnh cơ sở dữ liệu)",
            "review store: postgresql://… or a SQLite file's path (default: NTM_REVIEW_STORE, "
            "review_store in config.toml, or the file beside the database)",
        ),
    )
    common.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=lang_default,
        help=h("ngôn ngữ hiển thị (vi hoặc en)", "display language (vi or en)"),
    )
    return common


def _add_unit_year_format(
    parser: argparse.ArgumentParser, lang: str, *, unit: bool = True, year: bool = True
) -> None:
    """The --unit / --year / --format options the reporting commands share."""
    if unit:
        parser.add_argument("--unit", type=_unit_code, help=pick(lang, "mã đơn vị", "unit code"))
    if year:
        parser.add_argument("--year", type=_year(lang), help=pick(lang, "năm", "year"))
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=pick(lang, "định dạng: table, csv hoặc json", "format: table, csv or json"),
    )


def _since(lang: str):
    def parse(value: str) -> date:
        from .core.fmt import parse_date

        found = parse_date(value)
        if found is None:
            raise argparse.ArgumentTypeError(t("bad_date", lang, value=value))
        return found

    return parse


def _decision(lang: str):
    def parse(value: str) -> str:
        from .core.review.service import parse_decision

        found = parse_decision(value)
        if found is None:
            raise argparse.ArgumentTypeError(t("bad_decision", lang, value=value))
        return found

    return parse


def _seq(lang: str):
    def parse(value: str) -> int:
        if value.strip().isdigit():
            return int(value.strip())
        raise argparse.ArgumentTypeError(
            pick(
                lang,
                f"“{value}” không phải là số sự kiện (số nguyên từ 0).",
                f"“{value}” is not an event number (a whole number from 0).",
            )
        )

    return parse


def _add_review_commands(sub, common: argparse.ArgumentParser, lang: str) -> list:
    """decide, note, conclude, log and followup: the review workflow."""

    def h(vi: str, en: str) -> str:
        return pick(lang, vi, en)

    identity = h(
        " Người rà soát luôn là tên đăng nhập hệ điều hành.",
        " The reviewer is always the operating-system login.",
    )

    log = sub.add_parser(
        "log",
        parents=[common],
        help=h("in nhật ký rà soát", "print the audit trail"),
        description=h(
            "In nhật ký rà soát (chỉ ghi thêm, không sửa, không xoá): ai, lúc nào (kèm múi "
            "giờ), loại, phát hiện hoặc đối tượng, quyết định trước → sau, lý do hoặc ghi chú.",
            "Print the audit trail (append-only: never edited, never deleted): who, when "
            "(with time zone), what kind, finding or entity, previous → new decision, "
            "reason or note.",
        ),
    )
    log.add_argument("--unit", type=_unit_code, help=h("mã đơn vị", "unit code"))
    log.add_argument(
        "--since",
        type=_since(lang),
        metavar="DATE",
        help=h(
            "từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)", "from this day on (dd/mm/yyyy or yyyy-mm-dd)"
        ),
    )
    log.add_argument(
        "--verify",
        action="store_true",
        help=h(
            "kiểm tra chuỗi băm của nhật ký; mã thoát 1 nếu bị đứt",
            "check the log's hash chain; exit 1 when it is broken",
        ),
    )
    _add_unit_year_format(log, lang, unit=False, year=False)

    decide = sub.add_parser(
        "decide",
        parents=[common],
        help=h("ghi quyết định về một phát hiện", "record a decision on a finding"),
        description=h(
            "Ghi quyết định về một phát hiện: can_sua (“{needs_correction}”), chap_nhan "
            "(“{accepted}”, phải có lý do), da_khac_phuc (“{corrected}”), khong_ap_dung "
            "(“{not_applicable}”, phải có lý do).",
            "Record a decision on a finding: needs_correction (“{needs_correction}”), "
            "accepted (“{accepted}”, needs a reason), corrected (“{corrected}”), "
            "not_applicable (“{not_applicable}”, needs a reason).",
        ).format_map(DECISION_LABELS["en" if lang == "en" else "vi"])
        + identity,
    )
    decide.add_argument(
        "finding_key",
        metavar="FINDING_KEY",
        help=h(
            "mã ngắn của phát hiện (F-…, in trong mọi bảng) hoặc mã đầy đủ (finding_key)",
            "the finding's short id (F-…, printed in every table) or its full finding_key",
        ),
    )
    decide.add_argument(
        "decision",
        metavar="DECISION",
        type=_decision(lang),
        help=h(
            "can_sua | chap_nhan | da_khac_phuc | khong_ap_dung "
            "(hoặc needs_correction | accepted | corrected | not_applicable)",
            "needs_correction | accepted | corrected | not_applicable "
            "(or can_sua | chap_nhan | da_khac_phuc | khong_ap_dung)",
        ),
    )
    decide.add_argument("--reason", default="", help=h("lý do", "reason"))
    overwrite = decide.add_mutually_exclusive_group()
    overwrite.add_argument(
        "--expect-seq",
        type=_seq(lang),
        metavar="N",
        help=h(
            "số sự kiện của quyết định bạn đã xem (0: chưa có quyết định); nếu phát hiện đã "
            "có quyết định khác thì không ghi",
            "the event number of the decision you saw (0: none yet); if the finding has "
            "another decision now, nothing is recorded",
        ),
    )
    overwrite.add_argument(
        "--force",
        action="store_true",
        help=h(
            "ghi đè cả quyết định của người rà soát khác",
            "record over another reviewer's decision too",
        ),
    )
    from .cli_export import _date

    proof = decide.add_argument_group(
        h(
            "bằng chứng khắc phục (bắt buộc với da_khac_phuc)",
            "proof of the correction (required with corrected)",
        )
    )
    proof.add_argument(
        "--resolution",
        metavar="NUMBER",
        help=h("số nghị quyết sửa đổi/thay thế, ví dụ 15/NQ-HĐND", "amending resolution number"),
    )
    proof.add_argument(
        "--resolution-date",
        type=_date(lang),
        metavar="DATE",
        help=h("ngày của nghị quyết đó", "its date"),
    )
    proof.add_argument(
        "--document", metavar="TEXT", help=h("hoặc tên, số văn bản", "or a document reference")
    )
    proof.add_argument(
        "--file",
        type=Path,
        metavar="FILE",
        help=h(
            "tệp bằng chứng (lưu theo mã băm, không bao giờ bị sửa)",
            "evidence file (stored by content hash, never altered)",
        ),
    )
    decide.add_argument(
        "--until",
        type=_date(lang),
        metavar="DATE",
        help=h(
            "chap_nhan/khong_ap_dung: hiệu lực đến ngày này, sau đó phát hiện trở lại hàng chờ",
            "accepted/not_applicable: in force until this date, then the finding returns "
            "to the queue",
        ),
    )

    deadline = sub.add_parser(
        "deadline",
        parents=[common],
        help=h(
            "đặt hạn khắc phục hoặc cơ quan thực hiện cho một phát hiện",
            "set a finding's due date or the body that must act",
        ),
        description=h(
            "Ghi hạn khắc phục và/hoặc cơ quan phải thực hiện (ubnd_xa, hdnd_xa, tai_chinh_xa) "
            "cho một phát hiện, thay cho mặc định theo lịch pháp lý hoặc 30 ngày kể từ ngày "
            "thông báo.",
            "Record a due date and/or the body that must act (ubnd_xa, hdnd_xa, tai_chinh_xa) "
            "for one finding, instead of the default from the legal calendar or 30 days after "
            "the notice.",
        )
        + identity,
    )
    deadline.add_argument("finding_key", metavar="FINDING_KEY", help=h("mã phát hiện", "finding"))
    deadline.add_argument("--due", type=_date(lang), metavar="DATE", help=h("hạn", "due date"))
    deadline.add_argument(
        "--owner", metavar="CODE", help=h("ubnd_xa | hdnd_xa | tai_chinh_xa", "body code")
    )

    note = sub.add_parser(
        "note",
        parents=[common],
        help=h(
            "ghi chú về đơn vị, nghị quyết hoặc phát hiện",
            "add a note on a unit, resolution or finding",
        ),
        description=h(
            "Ghi chú tự do về một đơn vị, một nghị quyết của đơn vị đó, hoặc một phát hiện.",
            "Add a free note on a unit, one of its resolutions, or a finding.",
        )
        + identity,
    )
    note.add_argument("--unit", type=_unit_code, required=True, help=h("mã đơn vị", "unit code"))
    target = note.add_mutually_exclusive_group()
    target.add_argument(
        "--resolution",
        metavar="ID",
        help=h("mã hoặc số nghị quyết", "resolution id or number"),
    )
    target.add_argument("--finding", metavar="KEY", help=h("mã phát hiện", "finding key"))
    note.add_argument("text", metavar="TEXT", nargs="+", help=h("nội dung ghi chú", "the note"))

    conclude = sub.add_parser(
        "conclude",
        parents=[common],
        help=h("kết luận rà soát một đơn vị", "conclude a unit's review"),
        description=h(
            "Đánh dấu đã rà soát xong một đơn vị trong một năm; chỉ được khi mọi phát hiện "
            "của đơn vị năm đó đều đã có quyết định.",
            "Mark a unit's review for a year complete; allowed only when every finding of "
            "that unit and year has a decision.",
        )
        + identity,
    )
    conclude.add_argument(
        "--unit", type=_unit_code, required=True, help=h("mã đơn vị", "unit code")
    )
    conclude.add_argument(
        "--year",
        type=_year(lang),
        help=h("năm (mặc định: năm rà soát)", "year (default: the review year)"),
    )

    reopen = sub.add_parser(
        "reopen",
        parents=[common],
        help=h("mở lại kết luận rà soát một đơn vị", "reopen a unit's concluded review"),
        description=h(
            "Mở lại rà soát đã kết luận của một đơn vị trong một năm (ghi thêm một sự kiện, "
            "không xoá kết luận cũ): đơn vị được coi là chưa kết luận cho đến khi kết luận lại.",
            "Reopen a unit's concluded review for a year (one more event; the conclusion "
            "stays in the log): the unit counts as not concluded until it is concluded again.",
        )
        + identity,
    )
    reopen.add_argument("--unit", type=_unit_code, required=True, help=h("mã đơn vị", "unit code"))
    reopen.add_argument(
        "--year",
        type=_year(lang),
        help=h("năm (mặc định: năm rà soát)", "year (default: the review year)"),
    )
    reopen.add_argument("--reason", default="", help=h("lý do mở lại", "why it is reopened"))

    followup = sub.add_parser(
        "followup",
        parents=[common],
        help=h("theo dõi phát hiện qua các lần dựng dữ liệu", "follow findings across rebuilds"),
        description=h(
            "So sánh phát hiện với lần dựng dữ liệu trước: không còn, vẫn còn, mới, kèm quyết "
            "định, cơ quan thực hiện, hạn và bằng chứng. Mã thoát 1 khi có phát hiện đã đánh "
            "dấu “Đã khắc phục” mà vẫn còn, hoặc có phát hiện quá hạn (dùng cho cron).",
            "Compare the findings with the previous build: resolved, still open, new, with "
            "their decisions, owners, deadlines and proof. Exit 1 when a finding marked "
            "“Corrected” still occurs or when any finding is overdue (for cron).",
        ),
    )
    _add_unit_year_format(followup, lang)
    followup.add_argument(
        "--overdue",
        action="store_true",
        help=h(
            "chỉ các phát hiện quá hạn mà chưa có bằng chứng, theo đơn vị và cơ quan",
            "only the findings past their deadline without proof, by unit and owner",
        ),
    )
    followup.add_argument(
        "--today",
        type=_date(lang),
        metavar="DATE",
        help=h(
            "tính quá hạn so với ngày này (mặc định: NTM_REVIEW_TODAY, hoặc hôm nay)",
            "count overdue days as of this date (default: NTM_REVIEW_TODAY, else today)",
        ),
    )

    # No common options on the group itself: argparse would let the action's defaults
    # overwrite them (give --store after the action).
    store = sub.add_parser(
        "store",
        help=h("quản trị kho quyết định", "administer the review store"),
        description=h(
            "init-postgres: tạo bảng, vai trò, quyền và chính sách trên PostgreSQL (chạy "
            "bằng vai trò chủ sở hữu); copy: chép nhật ký SQLite sang PostgreSQL.",
            "init-postgres: create the tables, roles, grants and policies on PostgreSQL "
            "(run as the owner role); copy: move a SQLite log to PostgreSQL.",
        ),
    )
    store_sub = store.add_subparsers(dest="store_command", metavar="ACTION", parser_class=_Parser)
    store_sub.required = True
    init = store_sub.add_parser(
        "init-postgres",
        parents=[common],
        help=h("khởi tạo kho PostgreSQL", "set up a PostgreSQL store"),
    )
    init.add_argument(
        "--reviewers",
        type=Path,
        metavar="FILE",
        help=h(
            "tệp phân công (reviewers.toml): mỗi người một vai trò, chỉ ghi trên các đơn vị "
            "được giao; ai không có trong tệp thì không còn được ghi",
            "reviewers file (reviewers.toml): one role each, recording only on their units; "
            "anyone not in it may no longer record",
        ),
    )
    init.add_argument(
        "--reviewer",
        action="append",
        default=[],
        metavar="LOGIN",
        help=h(
            "đăng ký người rà soát được ghi trên mọi đơn vị (lặp lại được)",
            "register a reviewer who may record on every unit (repeatable)",
        ),
    )
    copy = store_sub.add_parser(
        "copy",
        parents=[common],
        help=h("chép nhật ký SQLite sang PostgreSQL", "copy a SQLite log to PostgreSQL"),
    )
    copy.add_argument("--from", dest="source", type=Path, required=True, metavar="SQLITE")
    copy.add_argument("--to", dest="target", required=True, metavar="URL")

    backup = sub.add_parser(
        "backup",
        parents=[common],
        help=h("sao lưu dữ liệu và kho quyết định", "back up the data and the review store"),
        description=h(
            "Sao lưu tệp dữ liệu và kho quyết định (qua API sao lưu trực tuyến của SQLite, "
            "gồm cả phần còn trong tệp -wal) vào thư mục OUT, kể cả khi đang có người rà soát.",
            "Back up the data file and the review store (through SQLite's online backup "
            "API, including what is still in the -wal file) into the folder OUT, even while "
            "reviewers are working.",
        ),
    )
    backup.add_argument("out", metavar="OUT", type=Path, help=h("thư mục sao lưu", "backup folder"))
    for parser in (store, init, copy, backup):
        parser.lang = lang
    return [log, decide, note, conclude, reopen, followup, deadline]


def _lang_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return resolve_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return resolve_lang(arg.split("=", 1)[1])
    return resolve_lang(None)


# The commands whose text output is a table of data: under a terminal encoding that
# cannot hold Vietnamese they refuse (with one sentence) rather than print it without
# its tone marks, which can change what a name or a finding says. None is the TUI.
TABLE_COMMANDS = frozenset({None, "check", "compare", "log", "followup"})


class _AsciiTerminal:
    """A text stream whose encoding cannot hold Vietnamese: ntm-review's own sentences
    (errors, confirmations, --help) are written transliterated, never as a traceback or
    as backslash escapes. Bytes written to .buffer (json, csv) pass untouched."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from .core.glyphs import transliterate

        return self._stream.write(transliterate(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    from .core.glyphs import stream_shows_vietnamese

    saved = sys.stdout, sys.stderr
    if not stream_shows_vietnamese(sys.stdout):
        sys.stdout = _AsciiTerminal(sys.stdout)
    if not stream_shows_vietnamese(sys.stderr):
        sys.stderr = _AsciiTerminal(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(argv)
    args = build_parser(lang).parse_args(argv)
    lang = args.lang
    if (
        isinstance(sys.stdout, _AsciiTerminal)
        and args.command in TABLE_COMMANDS
        and getattr(args, "format", "table") == "table"
        and not getattr(args, "verify", False)
    ):
        _print_error(t("terminal_not_utf8", lang, encoding=sys.stdout.encoding))
        return EXIT_INPUT
    # A --db that is a symlink means the file it points to (one store, one review store).
    db_path: Path = resolved_db_path(args.db if args.db is not None else default_db_path())
    from .core.review.service import use_store

    use_store(getattr(args, "store", None))
    try:
        if args.command is None:
            return _cmd_tui(db_path, lang, explicit=args.db is not None or _db_from_env())
        handler = COMMANDS[args.command]
        return handler(args, db_path, lang)
    except NtmError as err:
        _print_error(err.message(lang))
        return err.exit_code
    except ReviewError as err:
        # Refusals of the review store (out of scope, reason required, unfinished unit,
        # unwritable or damaged store): one sentence, like every bad input.
        _print_error(err.message(lang))
        return EXIT_INPUT
    except KeyboardInterrupt:
        _print_error(t("interrupted", lang))
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback
        from .core.crashlog import crash_log_path, write_crash_log
        from .text import tr

        path = write_crash_log(exc) or crash_log_path()
        _print_error(tr("internal_error", lang, path=path))
        return EXIT_INTERNAL


def _print_error(message: str) -> None:
    from .core.safe import one_line

    # A message may quote a value from a file or an argument: one safe line.
    sys.stderr.write(f"ntm-review: {one_line(message)}\n")


# -- commands ---------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .build_progress import build_demo_scale

    try:
        report = build_demo_scale(db_path, args.scale, args.seed, lang)
    except NtmError:
        raise
    except OSError as exc:
        raise NtmError("build_failed", path=db_path, detail=exc.strerror or str(exc)) from None
    print(
        t(
            "demo_built",
            lang,
            scale=args.scale,
            path=report.path,
            units=report.units,
            resolutions=report.resolutions,
            findings=report.findings,
            seconds=f"{report.seconds:.1f}".replace(".", ",")
            if lang == "vi"
            else f"{report.seconds:.1f}",
        )
    )
    return EXIT_OK


def _cmd_init(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.data.build import build_catalogue_database

    if db_path.exists() or db_path.is_symlink():
        raise UsageError("init_exists", path=db_path)
    province = args.province
    if province is not None and not (province.isdigit() and len(province) <= 2):
        raise UsageError("unknown_province", code=province)
    try:
        report = build_catalogue_database(db_path, province.zfill(2) if province else None)
    except KeyError:
        raise UsageError("unknown_province", code=province) from None
    except OSError as exc:
        raise NtmError("build_failed", path=db_path, detail=exc.strerror or str(exc)) from None
    print(t("init_built", lang, path=report.path, units=report.units))
    return EXIT_OK


def _open(db_path: Path):
    from .core.data.store import Store

    return Store.open(db_path)


def _check_unit(store, code: str | None) -> None:
    if code is not None and not store.dicts("views/unit", code=code):
        raise UsageError("unknown_unit", code=code)


def _cmd_check(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.rules.findings import load_findings

    with _open(db_path) as store:
        _check_unit(store, args.unit)
        findings = load_findings(store, unit=args.unit, year=args.year)
        bodies = None
        if args.format not in ("json", "csv"):
            from .core.rules.bodies import finding_bodies

            bodies = dict(
                zip(
                    (f.finding_key for f in findings),
                    finding_bodies(store, findings, args.unit, args.year),
                    strict=True,
                )
            )
    if args.rule is not None:
        from .core.rules.engine import rules_by_id

        if args.rule not in rules_by_id():
            raise UsageError("unknown_rule", rule=args.rule, rules=", ".join(sorted(rules_by_id())))
        findings = [f for f in findings if f.rule_id == args.rule]
    if args.severity is not None:
        findings = [f for f in findings if f.severity == args.severity]
    if args.format == "json":
        # One write of the whole text: json.dump() writes each token to stdout separately,
        # which took 0.3 s of 0.45 s for the 11,000 findings of the national demo.
        _write_utf8(indented_json_rows(_public_rows(findings, lang)) + "\n")
    elif args.format == "csv":
        _write_csv(_public_rows(findings, lang), CHECK_CSV_FIELDS)
    else:
        from .report import print_findings

        print_findings(findings, lang, bodies=bodies)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _public_rows(findings: list, lang: str) -> list[dict]:
    """The findings as `check` prints them; the legal basis is looked up once per rule and
    date, not once per finding (thousands of findings share a few dozen)."""
    basis: dict[tuple, str] = {}
    rows = []
    for f in findings:
        key = (f.rule_id, f.period_date)
        if key not in basis:
            basis[key] = f.legal_basis(lang)
        rows.append(f.as_public_dict(lang, legal_basis=basis[key]))
    return rows


def _json_scalar(value: object) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def indented_json_rows(rows: list[dict]) -> str:
    """json.dumps(rows, ensure_ascii=False, indent=2), byte for byte, for a list of flat
    dicts with text keys. With indent, json falls back to its pure-Python encoder, which
    was 40% of `check --format json` at national scale; here every string goes through
    json's C string encoder, each key is encoded once, and the text is joined once."""
    if not rows:
        return "[]"
    key_text: dict[str, str] = {}
    items = []
    for row in rows:
        if not row:
            items.append("  {}")
            continue
        lines = []
        for key, value in row.items():
            head = key_text.get(key)
            if head is None:
                head = key_text[key] = f"    {encode_basestring(key)}: "
            lines.append(
                head + (encode_basestring(value) if type(value) is str else _json_scalar(value))
            )
        items.append("  {\n" + ",\n".join(lines) + "\n  }")
    return "[\n" + ",\n".join(items) + "\n]"


CHECK_CSV_FIELDS = (
    "id",
    "rule_id",
    "severity",
    "unit_code",
    "entity_kind",
    "entity_id",
    "year",
    "message",
    "legal_basis",
)
COMPARE_CSV_FIELDS = ("unit_code", "unit_name", "dimension", "code", "missing")


def _write_utf8(text: str, encoding: str = "utf-8") -> None:
    """json and csv are UTF-8 whatever the locale: bytes to stdout, not text through
    its encoding (which under LANG=C or a legacy locale cannot hold Vietnamese)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO) has no encoding of its own
        sys.stdout.write(text if encoding == "utf-8" else "\ufeff" + text)
        return
    buffer.write(text.encode(encoding))
    buffer.flush()


def _write_json(value) -> None:
    _write_utf8(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _write_csv(rows: list[dict], fieldnames: Sequence[str]) -> None:
    """UTF-8 with a byte-order mark and CRLF, as `export` writes it (one writer: safe.write_csv)."""
    from .core.safe import CSV_ENCODING, write_csv

    text = io.StringIO(newline="")
    write_csv(text, list(fieldnames), ([row.get(f) for f in fieldnames] for row in rows))
    _write_utf8(text.getvalue(), CSV_ENCODING)


def _default_year(store) -> int:
    meta = store.meta()
    if meta.get("default_year", "").isdigit():
        return int(meta["default_year"])
    years = store.rows("views/years")
    return years[0][0] if years else 2023


def _cmd_compare(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.rules.compare import compare_with_model, dimension_label, model_unit_for

    with _open(db_path) as store:
        year = args.year or _default_year(store)
        model = args.model or model_unit_for(store.meta(), year)
        if not model:
            raise UsageError("no_model")
        results = compare_with_model(store, model, year, unit_code=args.unit)
        model_name = store.dicts("views/unit", code=model)[0]["name"]
    rows = [
        {
            "unit_code": c.unit_code,
            "unit_name": c.unit_name,
            "dimension": g.dimension,
            "code": g.code,
            "missing": g.name(lang),
        }
        for c in results
        for g in c.gaps
    ]
    if args.format == "json":
        _write_json(
            {
                "model": model,
                "year": year,
                "units": [
                    {
                        "unit_code": c.unit_code,
                        "unit_name": c.unit_name,
                        "missing": [
                            {"dimension": g.dimension, "code": g.code, "name": g.name(lang)}
                            for g in c.gaps
                        ],
                    }
                    for c in results
                ],
            }
        )
    elif args.format == "csv":
        _write_csv(rows, COMPARE_CSV_FIELDS)
    else:
        from .report import print_comparison

        print_comparison(results, model, model_name, year, lang, dimension_label)
    return EXIT_OK


def _cmd_migrate(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.data.store import migrate_database

    old, new = migrate_database(db_path)
    if old == new:
        print(t("migrate_current", lang, path=db_path, version=new))
    else:
        print(t("migrated", lang, path=db_path, old=old, new=new))
    return EXIT_OK


def _db_from_env() -> bool:
    from .core.paths import DB_ENV_VAR

    return bool(os.environ.get(DB_ENV_VAR))


def _cmd_tui(db_path: Path, lang: str, *, explicit: bool = False) -> int:
    """Open the TUI. Only the default path, on the first run, gets the demo data built
    (and the reviewer is told where before the screen opens). A path the reviewer named
    (--db or NTM_REVIEW_DB) that does not exist opens the error screen instead: on a shared
    server a typo must not give one reviewer a private store nobody else sees."""
    if not explicit and not db_path.exists() and not db_path.is_symlink():
        from .core.data.build import build_demo_database

        sys.stderr.write(f"ntm-review: {t('first_run_demo', lang, path=db_path)}\n")
        sys.stderr.flush()
        build_demo_database(db_path)
    from .app import run_app

    return run_app(db_path, lang)


# -- the review workflow -------------------------------------------------------------------


def _decision_label(decision: str | None, lang: str) -> str:
    from .core.review.sqlite import DECISION_LABELS

    if decision is None:
        return t("no_decision", lang)
    return DECISION_LABELS["en" if lang == "en" else "vi"].get(decision, decision)


def _cmd_decide(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.fmt import vn_datetime
    from .core.review.service import (
        build_proof,
        current_decision,
        finding_target,
        open_review_store,
        record_correction,
        record_finding_decision,
    )

    gave_proof = any(
        v is not None for v in (args.resolution, args.resolution_date, args.document, args.file)
    )
    if gave_proof and args.decision != "corrected":
        raise UsageError("proof_not_for_decision")
    extra: list[str] = []
    with _open(db_path) as store:
        # The key must name a current finding before the review store is opened (or created).
        target = finding_target(store, args.finding_key)
        proof = None
        if args.decision == "corrected":
            # Checked (and the file stored) before the review store is opened or created.
            proof = build_proof(
                db_path,
                store,
                target.unit_code,
                resolution_number=args.resolution,
                resolution_date=args.resolution_date,
                document=args.document,
                file=args.file,
            )
        with open_review_store(db_path) as reviews:
            expect = args.expect_seq
            if expect is None and not args.force:
                # Never over another reviewer's decision without a word: what is in force
                # now is what this command was run against (checked again under the lock).
                now = current_decision(reviews, target.finding_key)
                if now is not None and now.reviewer != reviews.reviewer:
                    raise reviews.event_refusal("decided_by_other", now)
                expect = now.seq if now is not None else 0
            if proof is not None:
                event = record_correction(
                    reviews, store, args.finding_key, proof, reason=args.reason, expect_seq=expect
                )
                from .core.review.tracking import Evidence

                shown = Evidence.from_payload(proof, "", "")
                extra.append(t("evidence_recorded", lang, evidence=shown.text(lang)))
            else:
                event = record_finding_decision(
                    reviews,
                    store,
                    args.finding_key,
                    args.decision,
                    reason=args.reason,
                    expect_seq=expect,
                    until=args.until,
                )
                if args.until is not None:
                    from .core.review.tracking import vn_day

                    extra.append(t("until_recorded", lang, until=vn_day(args.until)))
    print(
        t(
            "decision_recorded",
            lang,
            label=_decision_label(event.decision, lang),
            previous=_decision_label(event.previous_decision, lang),
            finding=event.finding_key,
            unit=event.unit_code,
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    from .core.safe import one_line

    for line in extra:
        print(one_line(line))  # a file name or reference as typed: one safe line
    return EXIT_OK


def _cmd_deadline(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.fmt import vn_datetime
    from .core.review.service import finding_target, open_review_store, set_deadline
    from .core.review.tracking import owner_label, vn_day
    from .core.rules.findings import short_id

    with _open(db_path) as store:
        finding_target(store, args.finding_key)
        with open_review_store(db_path) as reviews:
            event = set_deadline(reviews, store, args.finding_key, args.due, args.owner)
    print(
        t(
            "deadline_recorded",
            lang,
            finding=short_id(event.finding_key),
            due=vn_day(args.due) or "—",
            owner=owner_label(args.owner, lang) or "—",
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    return EXIT_OK


def _cmd_note(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.fmt import vn_datetime
    from .core.review.service import (
        finding_target,
        note_on_finding,
        note_on_resolution,
        note_on_unit,
        open_review_store,
        resolution_target,
    )

    text = " ".join(args.text)
    if not text.strip():
        raise ReviewError("note_blank")  # before anything is opened or created
    with _open(db_path) as store:
        # Validate the target before the review store is opened (or created).
        _check_unit(store, args.unit)
        if args.finding is not None:
            found = finding_target(store, args.finding)
            if found.unit_code != args.unit:
                raise UsageError(
                    "finding_other_unit",
                    finding=args.finding,
                    unit=args.unit,
                    actual=found.unit_code,
                )
            target = t("note_target_finding", lang, finding=found.finding_key, unit=args.unit)
        elif args.resolution is not None:
            res = resolution_target(store, args.unit, args.resolution)
            target = t(
                "note_target_resolution",
                lang,
                number=res.number,
                resolution_id=res.resolution_id,
                unit=args.unit,
            )
        else:
            target = t("note_target_unit", lang, unit=args.unit)
        with open_review_store(db_path) as reviews:
            if args.finding is not None:
                event = note_on_finding(reviews, store, args.finding, text, unit_code=args.unit)
            elif args.resolution is not None:
                event = note_on_resolution(reviews, store, args.unit, args.resolution, text)
            else:
                event = note_on_unit(reviews, store, args.unit, text)
    print(
        t(
            "note_recorded",
            lang,
            target=target,
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    return EXIT_OK


def _cmd_conclude(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.fmt import vn_datetime
    from .core.review.service import conclude_unit, open_review_store

    with _open(db_path) as store:
        _check_unit(store, args.unit)
        year = args.year or _default_year(store)
        with open_review_store(db_path) as reviews:
            event, count = conclude_unit(reviews, store, args.unit, year)
    print(
        t(
            "unit_concluded",
            lang,
            unit=args.unit,
            year=year,
            count=count,
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    return EXIT_OK


def _cmd_reopen(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.fmt import vn_datetime
    from .core.review.service import open_review_store, reopen_unit

    with _open(db_path) as store:
        _check_unit(store, args.unit)
        year = args.year or _default_year(store)
        with open_review_store(db_path) as reviews:
            event = reopen_unit(reviews, store, args.unit, year, reason=args.reason)
    print(
        t(
            "unit_reopened",
            lang,
            unit=args.unit,
            year=year,
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    return EXIT_OK


LOG_FIELDS = (
    "seq",
    "event_id",
    "created_at",
    "reviewer",
    "kind",
    "unit_code",
    "year",
    "entity_kind",
    "entity_key",
    "finding_id",
    "finding_key",
    "previous_decision",
    "decision",
    "text",
)


def _log_row(event) -> dict:
    from .core.rules.findings import short_id

    return {
        "seq": event.seq,
        "event_id": event.event_id,
        "created_at": event.created_at,
        "reviewer": event.reviewer,
        "kind": event.kind,
        "unit_code": event.unit_code,
        "year": event.year,
        "entity_kind": event.entity_kind,
        "entity_key": event.entity_key,
        "finding_id": short_id(event.finding_key) if event.finding_key else None,
        "finding_key": event.finding_key,
        "previous_decision": event.previous_decision,
        "decision": event.decision,
        "text": event.reason,
    }


def _cmd_log(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.review.service import existing_review_store

    # The audit trail lives in the review store only: it can be read while the audited
    # file is being rebuilt, and reading it never creates the store.
    reviews = existing_review_store(db_path)
    if args.verify:
        return _verify_log(reviews, db_path, lang)
    events = []
    if reviews is not None:
        with reviews:
            events = reviews.events(unit_code=args.unit, since=args.since)
    rows = [_log_row(e) for e in events]
    if args.format == "json":
        _write_json(rows)
    elif args.format == "csv":
        _write_csv(rows, LOG_FIELDS)
    else:
        from .report import print_log

        print_log(events, lang)
    return EXIT_OK


def _verify_log(reviews, db_path: Path, lang: str) -> int:
    from .core.review.service import store_location

    if reviews is None:
        print(t("log_empty", lang))
        return EXIT_OK
    with reviews:
        report = reviews.verify_chain()
        where = reviews.location
        if reviews.engine == "postgresql":
            print(t("chain_server", lang, path=where, count=report.checked))
            return EXIT_OK
    if not report.chained:
        _print_error(t("chain_unchained", lang, path=store_location(db_path)))
        return EXIT_FINDINGS
    if report.broken_seq is not None:
        err = ReviewError("chain_broken", path=where, seq=report.broken_seq, detail=report.reason)
        _print_error(err.message(lang))
        return EXIT_FINDINGS
    print(t("chain_ok", lang, path=where, count=report.checked))
    if report.chain_since > 1:
        print(t("chain_ok_linked", lang, last=report.chain_since - 1))
    return EXIT_OK


def _cmd_store(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.review.service import is_postgres_url, store_location

    if args.store_command == "copy":
        return _store_copy(args, lang)
    url = store_location(db_path)
    if not is_postgres_url(url):
        raise UsageError("store_needs_postgres")
    from .core.review.postgres import init_postgres, public_url
    from .core.review.sqlite import ReviewerScope

    reviewers: dict[str, frozenset[str] | None] = {}
    if args.reviewers is not None:
        if not args.reviewers.is_file():
            raise ReviewError("scope_invalid", path=str(args.reviewers), detail="unreadable")
        scope = ReviewerScope.load(args.reviewers)
        for name, units in (scope.units_by_reviewer or {}).items():
            reviewers[name] = None if "*" in units else units
    for name in args.reviewer:
        reviewers[name] = None
    # A reviewers file is the whole list: anyone left out of it may no longer record.
    count = init_postgres(url, reviewers, only_these=args.reviewers is not None)
    print(t("pg_initialised", lang, url=public_url(url), count=count))
    return EXIT_OK


def _store_copy(args: argparse.Namespace, lang: str) -> int:
    from .core.review.postgres import copy_events, public_url
    from .core.review.service import is_postgres_url, open_for_reading

    if not is_postgres_url(args.target):
        raise UsageError("store_needs_postgres")
    source: Path = args.source
    if not source.is_file():
        _print_error(t("store_copy_missing", lang, path=source))
        return EXIT_INPUT
    with open_for_reading(source) as reviews:
        report = reviews.verify_chain()
        if not report.chained:
            _print_error(t("chain_unchained", lang, path=source))
            return EXIT_INPUT
        if report.broken_seq is not None:
            raise ReviewError(
                "chain_broken", path=str(source), seq=report.broken_seq, detail=report.reason
            )
        events = reviews.events()
    copied, skipped = copy_events(events, args.target)
    print(t("store_copied", lang, copied=copied, skipped=skipped, url=public_url(args.target)))
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.data.backup import BackupError, backup

    try:
        written, store_url = backup(db_path, args.out)
    except BackupError as err:
        _print_error(t(err.key, lang, **err.params))
        return EXIT_INPUT
    files = ", ".join(p.name for p in written)
    print(t("backup_done", lang, folder=args.out, files=files))
    if store_url is not None:
        print(t("backup_postgres", lang, url=store_url))
    return EXIT_OK


FOLLOWUP_CSV_FIELDS = (
    "id",
    "finding_key",
    "state",
    "rule_id",
    "severity",
    "unit_code",
    "unit_name",
    "entity_kind",
    "year",
    "message",
    "decision",
    "decided_by",
    "decided_at",
    "corrected_but_present",
    "owner",
    "owner_name",
    "due",
    "due_source",
    "notice_number",
    "notice_date",
    "evidence",
    "acceptance_until",
    "acceptance_expired",
    "overdue_days",
)


def _cmd_followup(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.review.service import existing_review_store
    from .core.review.tracking import today
    from .core.rules.followup import followup, has_previous_build, overdue

    on = args.today or today()
    with _open(db_path) as store:
        _check_unit(store, args.unit)
        reviews = existing_review_store(db_path)
        try:
            items = followup(store, reviews, unit=args.unit, year=args.year, on=on)
        finally:
            if reviews is not None:
                reviews.close()
        compared = has_previous_build(store)
        previous_built_at = store.meta().get("previous_built_at") or None
    late = overdue(items)
    shown = late if args.overdue else items
    if args.format == "json":
        _write_json([i.as_public_dict(lang) for i in shown])
    elif args.format == "csv":
        _write_csv([i.as_public_dict(lang) for i in shown], FOLLOWUP_CSV_FIELDS)
    elif args.overdue:
        from .report import print_overdue

        print_overdue(late, lang, on)
    else:
        from .report import print_followup

        print_followup(items, lang, compared=compared, previous_built_at=previous_built_at)
        if late:
            from .report import print_overdue

            print_overdue(late, lang, on)
    # --overdue (cron): 1 exactly when something is overdue.
    flagged = not args.overdue and any(i.corrected_but_present for i in items)
    return EXIT_FINDINGS if flagged or late else EXIT_OK


COMMANDS = {
    "demo": _cmd_demo,
    "init": _cmd_init,
    "check": _cmd_check,
    "compare": _cmd_compare,
    "migrate": _cmd_migrate,
    "log": _cmd_log,
    "decide": _cmd_decide,
    "note": _cmd_note,
    "conclude": _cmd_conclude,
    "reopen": _cmd_reopen,
    "followup": _cmd_followup,
    "deadline": _cmd_deadline,
    "store": _cmd_store,
    "backup": _cmd_backup,
}

# export, notice: tui/cli_export.py
from .cli_export import EXPORT_COMMANDS  # noqa: E402

COMMANDS.update(EXPORT_COMMANDS)

# template, import: tui/cli_import.py
from .cli_import import IMPORT_COMMANDS  # noqa: E402

COMMANDS.update(IMPORT_COMMANDS)


if __name__ == "__main__":
    raise SystemExit(main())
