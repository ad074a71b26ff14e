"""What the command groups share: exit codes, argument types, the common options, opening
the named database, the one-sentence error line, and UTF-8 output of json and csv.

Every module of tui/cli imports from here; this module imports none of them back (a test,
tests/unit/test_cli_modules.py, keeps it so).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from json.encoder import encode_basestring  # json's C string encoder
from pathlib import Path
from typing import Any

from ..core.lang.i18n import resolve_lang, t
from ..core.lang.language import Lang, as_lang
from .lang import LocalisedParser

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

# argparse's own words (usage, titles, errors) in the UI language: tui/cli/lang.py.
Parser = LocalisedParser


# -- the language --------------------------------------------------------------------------


def lang_from_argv(argv: Sequence[str]) -> Lang:
    """The UI language before the arguments are parsed (argparse's own errors speak it):
    --lang, then NTM_REVIEW_LANG, then the config file, then Vietnamese."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return as_lang(resolve_lang(argv[i + 1]))
        if arg.startswith("--lang="):
            return as_lang(resolve_lang(arg.split("=", 1)[1]))
    return as_lang(resolve_lang(None))


# -- argument types ------------------------------------------------------------------------


def year_type(lang: Lang):
    def parse(value: str) -> int:
        if value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2100:
            return int(value)
        raise argparse.ArgumentTypeError(t("bad_year", lang, value=value))

    return parse


def unit_code(value: str) -> str:
    return value.strip()


def date_type(lang: Lang):
    def parse(value: str) -> date:
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
        raise argparse.ArgumentTypeError(
            lang.pick(
                f"“{value}” không phải là ngày hợp lệ; hãy viết dạng 2023-07-05 hoặc 05/07/2023",
                f"“{value}” is not a valid date; write it as 2023-07-05 or 05/07/2023",
            )
        )

    return parse


def since_type(lang: Lang):
    def parse(value: str) -> date:
        from ..core.fmt import parse_date

        found = parse_date(value)
        if found is None:
            raise argparse.ArgumentTypeError(t("bad_date", lang, value=value))
        return found

    return parse


def decision_type(lang: Lang):
    def parse(value: str) -> str:
        from ..core.review.service import parse_decision

        found = parse_decision(value)
        if found is None:
            raise argparse.ArgumentTypeError(t("bad_decision", lang, value=value))
        return found

    return parse


def seq_type(lang: Lang):
    def parse(value: str) -> int:
        if value.strip().isdigit():
            return int(value.strip())
        raise argparse.ArgumentTypeError(
            lang.pick(
                f"“{value}” không phải là số sự kiện (số nguyên từ 0).",
                f"“{value}” is not an event number (a whole number from 0).",
            )
        )

    return parse


# -- options shared by the commands --------------------------------------------------------


def common_options(lang: Lang, db_default, lang_default) -> argparse.ArgumentParser:
    """The --db, --store and --lang options, with the given defaults."""
    h = lang.pick
    common = Parser(add_help=False)
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


def add_unit_year_format(
    parser: argparse.ArgumentParser, lang: Lang, *, unit: bool = True, year: bool = True
) -> None:
    """The --unit / --year / --format options the reporting commands share."""
    if unit:
        parser.add_argument("--unit", type=unit_code, help=lang.pick("mã đơn vị", "unit code"))
    if year:
        parser.add_argument("--year", type=year_type(lang), help=lang.pick("năm", "year"))
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help=lang.pick("định dạng: table, csv hoặc json", "format: table, csv or json"),
    )


# -- the database and the review store -----------------------------------------------------


def open_store(db_path: Path):
    from ..core.data.store import Store

    return Store.open(db_path)


def check_unit(store, code: str | None) -> None:
    from ..core.errors import UsageError

    if code is not None and not store.dicts("views/unit", code=code):
        raise UsageError("unknown_unit", code=code)


def default_year(store) -> int:
    meta = store.meta()
    if meta.get("default_year", "").isdigit():
        return int(meta["default_year"])
    years = store.rows("views/years")
    return years[0][0] if years else 2023


def open_reviews(db_path: Path):
    """The review store (beside the database, or the one configured), or None when
    there is none yet; read-only when the reviewer may not write it."""
    from ..core.io.export import ExportError
    from ..core.review.service import existing_review_store
    from ..core.review.sqlite import ReviewError

    try:
        return existing_review_store(db_path)
    except ReviewError as err:
        raise ExportError("review_store", error=err) from None


def close_reviews(reviews: Any) -> None:
    if reviews is not None:
        reviews.close()


def decision_label(decision: str | None, lang: Lang) -> str:
    from ..core.review.sqlite import DECISION_LABELS

    if decision is None:
        return t("no_decision", lang)
    return DECISION_LABELS[lang.code].get(decision, decision)


# -- output --------------------------------------------------------------------------------


def print_error(message: str) -> None:
    from ..core.safe import one_line

    # A message may quote a value from a file or an argument: one safe line.
    sys.stderr.write(f"ntm-review: {one_line(message)}\n")


def write_utf8(text: str, encoding: str = "utf-8") -> None:
    """json and csv are UTF-8 whatever the locale: bytes to stdout, not text through
    its encoding (which under LANG=C or a legacy locale cannot hold Vietnamese)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO) has no encoding of its own
        sys.stdout.write(text if encoding == "utf-8" else "\ufeff" + text)
        return
    buffer.write(text.encode(encoding))
    buffer.flush()


def write_json(value) -> None:
    write_utf8(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def write_csv(rows: list[dict], fieldnames: Sequence[str]) -> None:
    """UTF-8 with a byte-order mark and CRLF, as `export` writes it (one writer: safe.write_csv)."""
    from ..core.safe import CSV_ENCODING
    from ..core.safe import write_csv as write_csv_rows

    text = io.StringIO(newline="")
    write_csv_rows(text, list(fieldnames), ([row.get(f) for f in fieldnames] for row in rows))
    write_utf8(text.getvalue(), CSV_ENCODING)


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
