"""`decide`, `deadline`, `note`, `conclude` and `reopen`: what a reviewer records. Every
record goes through the review service (tui/core/review/service.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from ..core.lang.i18n import t
from ..core.lang.language import Lang
from ..core.review.sqlite import DECISION_LABELS, ReviewError
from .common import (
    EXIT_OK,
    check_unit,
    date_type,
    decision_label,
    decision_type,
    default_year,
    open_store,
    seq_type,
    unit_code,
    year_type,
)


def identity_note(lang: Lang) -> str:
    return lang.pick(
        " Người rà soát luôn là tên đăng nhập hệ điều hành.",
        " The reviewer is always the operating-system login.",
    )


def add_decide(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`decide`: record a decision on a finding."""
    h = lang.pick
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
        ).format_map(DECISION_LABELS[lang.code])
        + identity_note(lang),
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
        type=decision_type(lang),
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
        type=seq_type(lang),
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
        type=date_type(lang),
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
        type=date_type(lang),
        metavar="DATE",
        help=h(
            "chap_nhan/khong_ap_dung: hiệu lực đến ngày này, sau đó phát hiện trở lại hàng chờ",
            "accepted/not_applicable: in force until this date, then the finding returns "
            "to the queue",
        ),
    )
    decide.lang = lang
    return decide


def add_deadline(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`deadline`: set a finding's due date or owner."""
    h = lang.pick
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
        + identity_note(lang),
    )
    deadline.add_argument("finding_key", metavar="FINDING_KEY", help=h("mã phát hiện", "finding"))
    deadline.add_argument("--due", type=date_type(lang), metavar="DATE", help=h("hạn", "due date"))
    deadline.add_argument(
        "--owner", metavar="CODE", help=h("ubnd_xa | hdnd_xa | tai_chinh_xa", "body code")
    )
    deadline.lang = lang
    return deadline


def add_note(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`note`: a note on a unit, resolution or finding."""
    h = lang.pick
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
        + identity_note(lang),
    )
    note.add_argument("--unit", type=unit_code, required=True, help=h("mã đơn vị", "unit code"))
    target = note.add_mutually_exclusive_group()
    target.add_argument(
        "--resolution",
        metavar="ID",
        help=h("mã hoặc số nghị quyết", "resolution id or number"),
    )
    target.add_argument("--finding", metavar="KEY", help=h("mã phát hiện", "finding key"))
    note.add_argument("text", metavar="TEXT", nargs="+", help=h("nội dung ghi chú", "the note"))
    note.lang = lang
    return note


def add_conclude(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`conclude`: conclude a unit's review."""
    h = lang.pick
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
        + identity_note(lang),
    )
    conclude.add_argument("--unit", type=unit_code, required=True, help=h("mã đơn vị", "unit code"))
    conclude.add_argument(
        "--year",
        type=year_type(lang),
        help=h("năm (mặc định: năm rà soát)", "year (default: the review year)"),
    )
    conclude.lang = lang
    return conclude


def add_reopen(sub: Any, common: argparse.ArgumentParser, lang: Lang) -> argparse.ArgumentParser:
    """`reopen`: reopen a unit's concluded review."""
    h = lang.pick
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
        + identity_note(lang),
    )
    reopen.add_argument("--unit", type=unit_code, required=True, help=h("mã đơn vị", "unit code"))
    reopen.add_argument(
        "--year",
        type=year_type(lang),
        help=h("năm (mặc định: năm rà soát)", "year (default: the review year)"),
    )
    reopen.add_argument("--reason", default="", help=h("lý do mở lại", "why it is reopened"))
    reopen.lang = lang
    return reopen


def cmd_decide(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.fmt import vn_datetime
    from ..core.review.service import (
        NOT_CHECKED,
        ChangedMeanwhile,
        build_proof,
        current_decision,
        decide,
        finding_target,
        open_review_store,
    )

    gave_proof = any(
        v is not None for v in (args.resolution, args.resolution_date, args.document, args.file)
    )
    if gave_proof and args.decision != "corrected":
        raise UsageError("proof_not_for_decision")
    extra: list[str] = []
    with open_store(db_path) as store:
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
            if args.expect_seq is not None:
                seen = args.expect_seq
            elif args.force:
                seen = NOT_CHECKED
            else:
                # Never over another reviewer's decision without a word: what is in force
                # now is what this command was run against (checked again under the lock).
                seen = current_decision(reviews, target.finding_key)
                if seen is not None and seen.reviewer != reviews.reviewer:
                    raise reviews.event_refusal("decided_by_other", seen)
            outcome = decide(
                reviews,
                store,
                args.finding_key,
                args.decision,
                reason=args.reason,
                seen=seen,
                until=args.until,
                proof=proof,
            )
            if isinstance(outcome, ChangedMeanwhile):
                raise reviews.event_refusal("decision_changed", outcome.changed)
            event = outcome.event
            if proof is not None:
                from ..core.review.tracking import Evidence

                shown = Evidence.from_payload(proof, "", "")
                extra.append(t("evidence_recorded", lang, evidence=shown.text(lang)))
            elif args.until is not None:
                from ..core.review.tracking import vn_day

                extra.append(t("until_recorded", lang, until=vn_day(args.until)))
    print(
        t(
            "decision_recorded",
            lang,
            label=decision_label(event.decision, lang),
            previous=decision_label(event.previous_decision, lang),
            finding=event.finding_key,
            unit=event.unit_code,
            reviewer=event.reviewer,
            when=vn_datetime(event.created_at),
        )
    )
    from ..core.safe import one_line

    for line in extra:
        print(one_line(line))  # a file name or reference as typed: one safe line
    return EXIT_OK


def cmd_deadline(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.fmt import vn_datetime
    from ..core.review.service import finding_target, open_review_store, set_deadline
    from ..core.review.tracking import owner_label, vn_day
    from ..core.rules.findings import short_id

    with open_store(db_path) as store:
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


def cmd_note(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.fmt import vn_datetime
    from ..core.review.service import (
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
    with open_store(db_path) as store:
        # Validate the target before the review store is opened (or created).
        check_unit(store, args.unit)
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


def cmd_conclude(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.fmt import vn_datetime
    from ..core.review.service import conclude_unit, open_review_store

    with open_store(db_path) as store:
        check_unit(store, args.unit)
        year = args.year or default_year(store)
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


def cmd_reopen(args: argparse.Namespace, db_path: Path, lang: Lang) -> int:
    from ..core.fmt import vn_datetime
    from ..core.review.service import open_review_store, reopen_unit

    with open_store(db_path) as store:
        check_unit(store, args.unit)
        year = args.year or default_year(store)
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


COMMANDS = {
    "decide": cmd_decide,
    "deadline": cmd_deadline,
    "note": cmd_note,
    "conclude": cmd_conclude,
    "reopen": cmd_reopen,
}
