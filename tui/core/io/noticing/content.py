"""The content of the notice, built once and rendered twice (markdown.py, word.py), so the
two formats cannot say different things."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ...config import config_value
from ...data.store import Store
from ...data.unitmap import notice_day, reviewing_body
from ...fmt import money, official_date, vn_date
from ...lang.language import Lang, as_lang
from ...rules.bodies import check_unit_existed
from ...rules.engine import GROUPS, rules_by_id
from ...rules.findings import load_findings
from ..exporting.messages import GROUP_LABELS, UNIT_KIND_LABELS
from ..exporting.tables import check_unit
from .text import ADMIN_WORDS, EN_MONTHS, tx


@dataclass
class NoticeFinding:
    message: str
    status: str  # open | needs_correction | corrected | accepted | not_applicable
    severity: str
    opinion: str | None  # "Ý kiến thẩm tra: …" or None


@dataclass
class NoticeRule:
    title: str
    legal_basis: str
    findings: list[NoticeFinding] = field(default_factory=list)


@dataclass
class NoticeGroup:
    key: str
    title: str
    rules: list[NoticeRule] = field(default_factory=list)


@dataclass
class Notice:
    lang: Lang
    body_upper: str  # "HĐND THÀNH PHỐ MÓNG CÁI"
    standing: str
    number: str
    nation: str
    motto: str
    date_line: str
    draft: str
    demo_note: str | None
    kind: str
    subject: str
    intro: str
    reviewed_head: str
    reviewed: list[str]
    results_head: str
    groups: list[NoticeGroup]
    group_clean: str
    no_findings: str | None
    corrections_head: str
    corrections_intro: str
    corrections: list[str]
    corrected_head: str
    corrected: list[str]
    accepted_head: str
    accepted: list[str]
    deadline: str
    recipients_head: str
    recipients: list[str]
    signer: list[str]
    signer_blank: str
    annex_head: str = ""
    annex: list[str] = field(default_factory=list)


def _place(body: str) -> str:
    """'HĐND thành phố Móng Cái' → 'Móng Cái'."""
    rest = re.sub(r"^\s*(HĐND|Hội đồng nhân dân)\s+", "", body, flags=re.I)
    for word in ADMIN_WORDS:
        if rest.lower().startswith(word + " "):
            return rest[len(word) + 1 :].strip()
    return rest.strip()


def _short_body(body: str, place: str) -> str:
    """'HĐND thành phố Móng Cái' → 'HĐND thành phố'."""
    if place and body.endswith(place):
        short = body[: -len(place)].strip()
        return short or body
    return body


def _about(title: str, lang: Lang) -> str:
    """What a resolution is about, to follow its number: "về …" rather than "Nghị quyết về …"."""
    title = title.strip().rstrip(".")
    if lang.is_english:
        return title
    rest = re.sub(r"^Nghị quyết\s+", "", title, flags=re.I)
    if rest != title and rest:
        return rest
    return f"về {title[:1].lower()}{title[1:]}" if title else ""


def _date_line(place: str, today: date, lang: Lang) -> str:
    return lang.pick(
        f"{place}, {official_date(today)}",
        f"{place}, {today.day} {EN_MONTHS[today.month - 1]} {today.year}",
    )


def build_notice(
    store: Store,
    reviews: Any,
    unit: str,
    year: int,
    lang: Lang | str = "vi",
    today: date | None = None,
) -> Notice:
    """The content of the notice. `reviews` is a ReviewStore or None."""
    lang = as_lang(lang)
    check_unit(store, unit)
    check_unit_existed(store, unit, year)  # else its notice names an abolished council
    today = today or date.today()
    meta = store.meta()
    # The unit as it was that year, and the body that reviewed it then (unitmap).
    info = (store.dicts("views/unit_in_year", code=unit, year=year) or [None])[0]
    info = info or store.dicts("views/unit", code=unit)[0]
    kind = lang.pair(UNIT_KIND_LABELS.get(info["kind"], (info["kind"], info["kind"])))
    unit_name = f"{kind} {info['name']}"
    own = config_value("reviewing_body") or meta.get("reviewing_body")
    body = (
        reviewing_body(store, unit, notice_day(info, year), own)
        or own
        or (f"HĐND {info['parent_name']}" if info.get("parent_name") else "HĐND")
    )
    place = meta.get("reviewing_place") or _place(body)
    body_short = _short_body(body, place)

    resolutions = store.rows("views/unit_resolutions", unit=unit, year=year)
    summary = store.rows("export/unit_summary", unit=unit, year=year)
    works = summary[0][6] if summary else sum(r[6] for r in resolutions)
    investment = summary[0][7] if summary else sum(r[7] for r in resolutions)

    findings = load_findings(store, unit=unit, year=year)
    keys = {f.finding_key for f in findings}
    decisions = reviews.current_decisions(keys) if reviews is not None and keys else {}
    from ...review.sqlite import DECISION_LABELS

    labels = DECISION_LABELS[lang.code]
    from ...review.service import track_findings
    from ...review.tracking import vn_day

    # Once issued (notice --issue), the notice carries its number and date, and the
    # deadlines run from that date; a draft counts them from its own date.
    issued = reviews.ledger().notices.get((unit, year)) if reviews is not None else None
    if issued is not None:
        today = issued[1]
    tracked = track_findings(
        store, reviews, [(f.finding_key, f.rule_id, unit, f.year, False) for f in findings], today
    )
    sections = _Sections.of(findings, decisions, tracked, labels, today, lang)
    groups, annex, dues = sections.groups, sections.annex, sections.dues
    corrections, corrected, accepted = sections.corrections, sections.corrected, sections.accepted

    demo_note = None
    if meta.get("dataset_kind") == "demo":
        demo_note = tx("demo", lang)
    params = {"unit": unit_name, "year": year, "body": body, "body_short": body_short}
    return Notice(
        lang=lang,
        body_upper=body.upper(),
        standing=tx("standing", lang),
        number=tx("number_issued", lang, number=issued[0])
        if issued is not None
        else tx("number", lang),
        nation=tx("nation", lang),
        motto=tx("motto", lang),
        date_line=_date_line(place, today, lang),
        draft=tx("draft", lang),
        demo_note=demo_note,
        kind=tx("kind", lang),
        subject=tx("subject", lang, **params),
        intro=tx(
            "intro",
            lang,
            resolutions=len(resolutions),
            works=works,
            investment=money(investment),
            **params,
        ),
        reviewed_head=tx("reviewed", lang) if resolutions else tx("no_resolutions", lang, **params),
        reviewed=[
            tx(
                "resolution_line",
                lang,
                number=r[1],
                date=vn_date(r[2]),
                title=_about(r[5] or "", lang),
            )
            for r in resolutions
        ],
        results_head=tx("results", lang),
        groups=[groups[g] for g in GROUPS],
        group_clean=tx("group_clean", lang),
        no_findings=None if findings else tx("no_findings", lang, **params),
        corrections_head=tx("corrections", lang),
        corrections_intro=tx("corrections_intro", lang, **params)
        if corrections
        else tx("corrections_none", lang),
        corrections=corrections,
        corrected_head=tx("corrected_head", lang),
        corrected=corrected,
        accepted_head=tx("accepted_head", lang),
        accepted=accepted,
        deadline=tx("deadline_dated", lang, due=vn_day(max(dues)), **params)
        if dues
        else tx("deadline", lang, **params),
        recipients_head=tx("recipients", lang),
        recipients=[
            tx("recipient_unit", lang, **params),
            tx("recipient_body", lang, **params),
            tx("recipient_archive", lang),
        ],
        signer=[tx("signer_for", lang), tx("signer_title", lang)],
        signer_blank=tx("signer_blank", lang),
        annex_head=tx("annex", lang),
        annex=annex,
    )


def _day(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp).date()
    except (TypeError, ValueError):
        return None


@dataclass
class _Sections:
    """The findings sorted into the notice's sections: by group and rule, what is to be
    corrected (with its owner and deadline), corrected, accepted, and the annex of proof."""

    groups: dict[str, NoticeGroup]
    corrections: list[str]
    corrected: list[str]
    accepted: list[str]
    annex: list[str]
    dues: list[date]

    @classmethod
    def of(
        cls,
        findings: list[Any],
        decisions: dict[str, Any],
        tracked: dict[str, Any],
        labels: dict[str, str],
        today: date,
        lang: Lang,
    ) -> _Sections:
        from ...review.tracking import default_due, owner_label, vn_day

        annex: list[str] = []
        dues = []
        rules = rules_by_id()
        groups = {g: NoticeGroup(g, lang.pair(GROUP_LABELS[g])) for g in GROUPS}
        # A rule whose findings fall in two periods of the law is cited once per period.
        by_rule: dict[tuple[str, str], NoticeRule] = {}
        corrections: list[str] = []
        corrected: list[str] = []
        accepted: list[str] = []
        # Most serious first, then by rule, as views/findings orders them.
        for f in findings:
            rule = rules.get(f.rule_id)
            group = rule.group if rule else "resolution"
            rule_key = (f.rule_id, f.legal_basis(lang))
            if rule_key not in by_rule:
                by_rule[rule_key] = NoticeRule(rule.title(lang) if rule else f.rule_id, rule_key[1])
                groups[group].rules.append(by_rule[rule_key])
            event = decisions.get(f.finding_key)
            status = event.decision if event else "open"
            opinion = None
            if event:
                label = labels.get(event.decision, event.decision)
                opinion = (
                    tx("opinion_reason", lang, label=label, reason=event.reason)
                    if event.reason
                    else tx("opinion", lang, label=label)
                )
            message = f.message(lang)
            by_rule[rule_key].findings.append(NoticeFinding(message, status, f.severity, opinion))
            track = tracked.get(f.finding_key)
            if track is not None and track.evidence is not None:
                annex.append(
                    tx(
                        "annex_line",
                        lang,
                        message=message,
                        evidence=track.evidence.text(lang),
                        who=track.evidence.recorded_by,
                        when=vn_day(_day(track.evidence.recorded_at)),
                    )
                )
            if status == "needs_correction" or (status == "open" and f.severity != "info"):
                due, source = (
                    (track.due, track.due_source)
                    if track is not None and track.due
                    else default_due(f.rule_id, today)
                )
                if source.startswith("correction_days="):
                    source = tx("due_source_days", lang, days=source.split("=", 1)[1])
                elif source == "reviewer":
                    source = tx("due_source_reviewer", lang)
                dues.append(due)
                corrections.append(
                    tx(
                        "correction_due",
                        lang,
                        message=message,
                        owner=owner_label(track.owner if track else "", lang),
                        due=vn_day(due),
                        source=source,
                    )
                )
            elif status == "corrected":
                corrected.append(message)
            elif status in ("accepted", "not_applicable"):
                label = labels.get(status, status)
                reason = f" {event.reason}" if event and event.reason else ""
                accepted.append(
                    f"{message} ({label}:{reason})" if reason else f"{message} ({label})"
                )

        return cls(groups, corrections, corrected, accepted, annex, dues)
