"""`check` and `compare`: the findings and the gaps against the model commune, as a table,
csv or json."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.lang.language import Lang
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_unit_year_format,
    check_unit,
    default_year,
    indented_json_rows,
    open_store,
    unit_code,
    write_csv,
    write_json,
    write_utf8,
)


def add_check(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`check`: print the findings."""
    h = lang.pick
    check = sub.add_parser(
        "check",
        parents=[common],
        help=h("in các phát hiện", "print the findings"),
        description=h(
            "In các phát hiện. Mã thoát 0: không có lỗi; 1: có ít nhất một lỗi; 2: không đọc được dữ liệu.",
            "Print the findings. Exit 0: no error; 1: at least one error; 2: the data could not be read.",
        ),
    )
    add_unit_year_format(check, lang)
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
    check.lang = lang
    return check


def add_compare(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`compare`: compare with the model commune."""
    h = lang.pick
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
        "--model", type=unit_code, help=h("mã xã chuẩn mẫu", "code of the model commune")
    )
    compare.add_argument(
        "--unit", type=unit_code, help=h("chỉ so sánh xã này", "compare this unit only")
    )
    add_unit_year_format(compare, lang, unit=False)
    compare.lang = lang
    return compare


def cmd_check(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.rules.findings import load_findings

    with open_store(db_path) as store:
        check_unit(store, args.unit)
        findings = load_findings(store, unit=args.unit, year=args.year)
        bodies = None
        if args.format not in ("json", "csv"):
            from ..core.rules.bodies import finding_bodies

            bodies = dict(
                zip(
                    (f.finding_key for f in findings),
                    finding_bodies(store, findings, args.unit, args.year),
                    strict=True,
                )
            )
    if args.rule is not None:
        from ..core.rules.engine import rules_by_id

        if args.rule not in rules_by_id():
            raise UsageError("unknown_rule", rule=args.rule, rules=", ".join(sorted(rules_by_id())))
        findings = [f for f in findings if f.rule_id == args.rule]
    if args.severity is not None:
        findings = [f for f in findings if f.severity == args.severity]
    if args.format == "json":
        # One write of the whole text: json.dump() writes each token to stdout separately,
        # which took 0.3 s of 0.45 s for the 11,000 findings of the national demo.
        write_utf8(indented_json_rows(_public_rows(findings, lang)) + "\n")
    elif args.format == "csv":
        write_csv(_public_rows(findings, lang), CHECK_CSV_FIELDS)
    else:
        from ..report import print_findings

        print_findings(findings, lang, bodies=bodies)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _public_rows(findings: list, lang: Lang) -> list[dict]:
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


def cmd_compare(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.rules.compare import compare_with_model, dimension_label, model_unit_for

    with open_store(db_path) as store:
        year = args.year or default_year(store)
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
        write_json(
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
        write_csv(rows, COMPARE_CSV_FIELDS)
    else:
        from ..report import print_comparison

        print_comparison(results, model, model_name, year, lang, dimension_label)
    return EXIT_OK


COMMANDS = {"check": cmd_check, "compare": cmd_compare}
