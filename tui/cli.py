"""The ntm-review command line. Every command but the TUI is headless.

Exit codes: 0 success (for `check`: no error-severity finding), 1 `check` found at least
one error, 2 the input could not be read or an argument is wrong. Errors are one
sentence in the UI language, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.errors import NtmError, UsageError
from .core.i18n import pick, resolve_lang, t
from .core.paths import default_db_path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one sentence in the UI language and exit code 2."""

    lang = "vi"

    def error(self, message: str) -> None:  # type: ignore[override]
        lead = pick(self.lang, "Tham số không hợp lệ", "Invalid arguments")
        hint = pick(self.lang, "Xem hướng dẫn: ntm-review --help", "See: ntm-review --help")
        sys.stderr.write(f"{self.prog}: {lead}: {message.rstrip('.')}. {hint}\n")
        raise SystemExit(EXIT_INPUT)


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

    common = _Parser(add_help=False)
    common.lang = lang
    common.add_argument(
        "--db",
        type=Path,
        default=None,
        help=h(
            "tệp cơ sở dữ liệu (mặc định: biến NTM_REVIEW_DB hoặc thư mục dữ liệu của người dùng)",
            "database file (default: NTM_REVIEW_DB or the user data directory)",
        ),
    )
    common.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=lang,
        help=h("ngôn ngữ hiển thị (vi hoặc en)", "display language (vi or en)"),
    )

    parser = _Parser(
        prog="ntm-review",
        parents=[common],
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
        choices=("city",),
        default="city",
        help=h("quy mô: city = 17 đơn vị của Móng Cái", "scale: city = Móng Cái's 17 units"),
    )
    demo.add_argument(
        "--seed", type=int, default=2023, help=h("hạt giống ngẫu nhiên", "random seed")
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
    check.add_argument("--unit", type=_unit_code, help=h("mã đơn vị", "unit code"))
    check.add_argument("--year", type=_year(lang), help=h("năm", "year"))
    check.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help=h("định dạng", "format")
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
    compare.add_argument("--year", type=_year(lang), help=h("năm", "year"))
    compare.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help=h("định dạng", "format")
    )

    migrate = sub.add_parser(
        "migrate",
        parents=[common],
        help=h("nâng cấp tệp dữ liệu cũ", "upgrade an older database file"),
        description=h(
            "Nâng cấp tệp dữ liệu lên phiên bản lược đồ hiện tại (ghi tệp mới rồi thay thế).",
            "Upgrade a database file to the current schema version (writes a new file, then replaces it).",
        ),
    )
    # Subparsers are made by argparse, not here: give each the UI language for its errors.
    for subparser in (demo, check, compare, migrate):
        subparser.lang = lang
    return parser


def _lang_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return resolve_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return resolve_lang(arg.split("=", 1)[1])
    return resolve_lang(None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(argv)
    args = build_parser(lang).parse_args(argv)
    lang = args.lang
    db_path: Path = args.db if args.db is not None else default_db_path()
    try:
        if args.command is None:
            return _cmd_tui(db_path, lang)
        handler = COMMANDS[args.command]
        return handler(args, db_path, lang)
    except NtmError as err:
        _print_error(err.message(lang))
        return err.exit_code
    except KeyboardInterrupt:
        _print_error(t("interrupted", lang))
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _print_error(message: str) -> None:
    sys.stderr.write(f"ntm-review: {message}\n")


# -- commands ---------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.build import build_demo_database

    try:
        report = build_demo_database(db_path, seed=args.seed)
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


def _open(db_path: Path):
    from .core.store import Store

    return Store.open(db_path)


def _check_unit(store, code: str | None) -> None:
    if code is not None and not store.dicts("views/unit", code=code):
        raise UsageError("unknown_unit", code=code)


def _cmd_check(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.findings import load_findings

    with _open(db_path) as store:
        _check_unit(store, args.unit)
        findings = load_findings(store, unit=args.unit, year=args.year)
    if args.format == "json":
        json.dump(
            [f.as_public_dict(lang) for f in findings], sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    elif args.format == "csv":
        _write_csv([f.as_public_dict(lang) for f in findings], CHECK_CSV_FIELDS)
    else:
        from .report import print_findings

        print_findings(findings, lang)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


CHECK_CSV_FIELDS = (
    "rule_id",
    "severity",
    "unit_code",
    "entity_kind",
    "entity_id",
    "year",
    "message",
)
COMPARE_CSV_FIELDS = ("unit_code", "unit_name", "dimension", "code", "missing")


def _write_csv(rows: list[dict], fieldnames: Sequence[str]) -> None:
    # The header is written even when there are no rows, so that a consumer can tell
    # "no findings" from "no output".
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    sys.stdout.write(buffer.getvalue())


def _default_year(store) -> int:
    meta = store.meta()
    if meta.get("default_year", "").isdigit():
        return int(meta["default_year"])
    years = store.rows("views/years")
    return years[0][0] if years else 2023


def _cmd_compare(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.compare import compare_with_model, dimension_label

    with _open(db_path) as store:
        model = args.model or store.meta().get("model_unit")
        if not model:
            raise UsageError("no_model")
        year = args.year or _default_year(store)
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
        json.dump(
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
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    elif args.format == "csv":
        _write_csv(rows, COMPARE_CSV_FIELDS)
    else:
        from .report import print_comparison

        print_comparison(results, model, model_name, year, lang, dimension_label)
    return EXIT_OK


def _cmd_migrate(args: argparse.Namespace, db_path: Path, lang: str) -> int:
    from .core.store import migrate_database

    old, new = migrate_database(db_path)
    if old == new:
        print(t("migrate_current", lang, path=db_path, version=new))
    else:
        print(t("migrated", lang, path=db_path, old=old, new=new))
    return EXIT_OK


def _cmd_tui(db_path: Path, lang: str) -> int:
    if not db_path.exists() and not db_path.is_symlink():
        from .core.build import build_demo_database

        build_demo_database(db_path)
    from .app import run_app

    return run_app(db_path, lang)


COMMANDS = {
    "demo": _cmd_demo,
    "check": _cmd_check,
    "compare": _cmd_compare,
    "migrate": _cmd_migrate,
}


if __name__ == "__main__":
    raise SystemExit(main())
