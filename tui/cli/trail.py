"""`log`, `followup` and `store`: reading the audit trail and the follow-up of findings,
and administering the review store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.lang.i18n import t
from ..core.lang.language import Lang
from ..core.review.sqlite import ReviewError
from .common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    Parser,
    add_unit_year_format,
    check_unit,
    date_type,
    open_store,
    print_error,
    since_type,
    unit_code,
    write_csv,
    write_json,
)


def add_log(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`log`: print (or verify) the audit trail."""
    h = lang.pick
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
    log.add_argument("--unit", type=unit_code, help=h("mã đơn vị", "unit code"))
    log.add_argument(
        "--since",
        type=since_type(lang),
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
    add_unit_year_format(log, lang, unit=False, year=False)
    log.lang = lang
    return log


def add_followup(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`followup`: follow findings across rebuilds."""
    h = lang.pick
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
    add_unit_year_format(followup, lang)
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
        type=date_type(lang),
        metavar="DATE",
        help=h(
            "tính quá hạn so với ngày này (mặc định: NTM_REVIEW_TODAY, hoặc hôm nay)",
            "count overdue days as of this date (default: NTM_REVIEW_TODAY, else today)",
        ),
    )
    followup.lang = lang
    return followup


def add_store(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`store init-postgres|copy`: administer the review store."""
    h = lang.pick
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
    store_sub = store.add_subparsers(dest="store_command", metavar="ACTION", parser_class=Parser)
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
    for parser in (store, init, copy):
        parser.lang = lang
    return store


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
    from ..core.rules.findings import short_id

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


def cmd_log(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.review.service import existing_review_store

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
        write_json(rows)
    elif args.format == "csv":
        write_csv(rows, LOG_FIELDS)
    else:
        from ..report import print_log

        print_log(events, lang)
    return EXIT_OK


def _verify_log(reviews, db_path: Path, lang: Lang) -> int:
    from ..core.review.service import store_location

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
        print_error(t("chain_unchained", lang, path=store_location(db_path)))
        return EXIT_FINDINGS
    if report.broken_seq is not None:
        err = ReviewError("chain_broken", path=where, seq=report.broken_seq, detail=report.reason)
        print_error(err.message(lang))
        return EXIT_FINDINGS
    print(t("chain_ok", lang, path=where, count=report.checked))
    if report.chain_since > 1:
        print(t("chain_ok_linked", lang, last=report.chain_since - 1))
    return EXIT_OK


def cmd_store(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.review.service import is_postgres_url, store_location

    if args.store_command == "copy":
        return _store_copy(args, lang)
    url = store_location(db_path)
    if not is_postgres_url(url):
        raise UsageError("store_needs_postgres")
    from ..core.review.postgres import init_postgres, public_url
    from ..core.review.sqlite import ReviewerScope

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


def _store_copy(args: argparse.Namespace, lang: Lang) -> int:
    from ..core.review.postgres import copy_events, public_url
    from ..core.review.service import is_postgres_url, open_for_reading

    if not is_postgres_url(args.target):
        raise UsageError("store_needs_postgres")
    source: Path = args.source
    if not source.is_file():
        print_error(t("store_copy_missing", lang, path=source))
        return EXIT_INPUT
    with open_for_reading(source) as reviews:
        report = reviews.verify_chain()
        if not report.chained:
            print_error(t("chain_unchained", lang, path=source))
            return EXIT_INPUT
        if report.broken_seq is not None:
            raise ReviewError(
                "chain_broken", path=str(source), seq=report.broken_seq, detail=report.reason
            )
        events = reviews.events()
    copied, skipped = copy_events(events, args.target)
    print(t("store_copied", lang, copied=copied, skipped=skipped, url=public_url(args.target)))
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


def cmd_followup(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.review.service import existing_review_store
    from ..core.review.tracking import today
    from ..core.rules.followup import followup, has_previous_build, overdue

    on = args.today or today()
    with open_store(db_path) as store:
        check_unit(store, args.unit)
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
        write_json([i.as_public_dict(lang) for i in shown])
    elif args.format == "csv":
        write_csv([i.as_public_dict(lang) for i in shown], FOLLOWUP_CSV_FIELDS)
    elif args.overdue:
        from ..report import print_overdue

        print_overdue(late, lang, on)
    else:
        from ..report import print_followup

        print_followup(items, lang, compared=compared, previous_built_at=previous_built_at)
        if late:
            from ..report import print_overdue

            print_overdue(late, lang, on)
    # --overdue (cron): 1 exactly when something is overdue.
    flagged = not args.overdue and any(i.corrected_but_present for i in items)
    return EXIT_FINDINGS if flagged or late else EXIT_OK


COMMANDS = {"log": cmd_log, "followup": cmd_followup, "store": cmd_store}
