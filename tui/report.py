"""Rich output of the headless commands: grouped, coloured, readable at 80 columns."""

from __future__ import annotations

import sys
from collections.abc import Callable
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .core.glyphs import ascii_glyphs_wanted, to_ascii
from .core.lang.i18n import render
from .core.lang.language import Lang, as_lang
from .core.review.tracking import KIND_LABELS, TRACKING_KINDS, describe
from .core.rules.findings import Finding, severity_label, short_id
from .core.safe import one_line

# Emphasis by role: (with colour, without). Without colour (NO_COLOR) an error must still
# stand out: Rich drops the colour and Textual's monochrome filter turns red into a grey
# darker than a plain zero, so errors go bold and reverse video, warnings bold.
EMPHASIS: dict[str, tuple[str, str]] = {
    "error": ("bold red", "bold reverse"),
    "warning": ("yellow", "bold"),
    "info": ("cyan", ""),
    "ok": ("green", ""),
    "zero": ("dim", "dim"),
}


def emphasis(role: str, no_color: bool) -> str:
    colour, plain = EMPHASIS[role]
    return plain if no_color else colour


SEVERITY_STYLES = {s: EMPHASIS[s][0] for s in ("error", "warning", "info")}
SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "●"}


class _AsciiGlyphWriter:
    """The console's file, drawing every symbol as its ASCII stand-in (the Linux console,
    non-UTF-8 locales: tui/core/glyphs.py)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(to_ascii(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _console() -> Console:
    # Data is never markup (a unit named "[/x]" must print as written).
    file = _AsciiGlyphWriter(sys.stdout) if ascii_glyphs_wanted() else None
    return Console(highlight=False, soft_wrap=False, markup=False, file=file)


def severity_text(severity: str, lang: Lang, no_color: bool = False) -> Text:
    return Text(
        f"{SEVERITY_MARKS[severity]} {severity_label(severity, lang)}",
        style=emphasis(severity, no_color),
    )


def counts_sentence(findings: list[Finding], lang: Lang) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_STYLES}
    if as_lang(lang).is_english:

        def n(count: int, noun: str) -> str:
            return f"{count} {noun}{'' if count == 1 else 's'}"

        return (
            f"{n(len(findings), 'finding')}: {n(counts['error'], 'error')}, "
            f"{n(counts['warning'], 'warning')}, {counts['info']} info."
        )
    return (
        f"{len(findings)} phát hiện: {counts['error']} lỗi, "
        f"{counts['warning']} cảnh báo, {counts['info']} thông tin."
    )


def print_findings(
    findings: list[Finding],
    lang: Lang,
    console: Console | None = None,
    bodies: dict | None = None,
) -> None:
    """Findings grouped by unit; `bodies` (finding key → core.bodies.Body) names, under
    each unit, who reviews its resolutions (the body valid on their dates)."""
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    console = console or _console()
    if not findings:
        console.print(lang.pick("Không có phát hiện nào.", "No findings."), style="green")
        return
    for (code, name), group in groupby(findings, key=lambda f: (f.unit_code, f.unit_name)):
        items = list(group)
        console.print(
            Text(one_line(f"{code} {name}"), style="bold"),
            Text(f"— {counts_sentence(items, lang)}", style="dim"),
        )
        labels = list(
            dict.fromkeys(b.label(lang) for f in items if (b := (bodies or {}).get(f.finding_key)))
        )
        if labels:
            console.print(
                Text(f"{lang.pick('Thẩm tra', 'Reviewed by')}: ", style="dim")
                + Text(one_line("; ".join(labels)))
            )
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=12)
        table.add_column(ratio=1, overflow="fold")
        for f in items:
            body = Text(one_line(f.message(lang)))
            body.append(f"\n{f.short_id} · {f.rule_id} · {f.year or ''}", style="dim")
            basis = f.legal_basis(lang)
            if basis:
                body.append(f"\n{lang.pick('Căn cứ', 'Basis')}: {basis}", style="dim italic")
            table.add_row(severity_text(f.severity, lang, console.no_color), body)
        console.print(table)
        console.print()
    console.print(counts_sentence(findings, lang), style="bold")


def print_comparison(
    results,
    model: str,
    model_name: str,
    year: int,
    lang: Lang,
    dimension_label: Callable[[str, str], str],
    console: Console | None = None,
) -> None:
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    console = console or _console()
    console.print(
        Text(
            lang.pick(
                f"So sánh với xã chuẩn mẫu {model} {model_name}, năm {year}",
                f"Compared with the model commune {model} {model_name}, {year}",
            ),
            style="bold",
        )
    )
    for comparison in results:
        head = Text(one_line(f"{comparison.unit_code} {comparison.unit_name}"), style="bold")
        if not comparison.gaps:
            console.print(
                head, Text(lang.pick("— không thiếu gì", "— lacks nothing"), style="green")
            )
            continue
        console.print(head)
        for dimension, gaps in groupby(comparison.gaps, key=lambda g: g.dimension):
            names = ", ".join(g.name(lang) for g in gaps)
            console.print(
                Text(f"  {dimension_label(dimension, lang)}: ", style="dim")
                + Text(one_line(names), style="yellow")
            )


# -- the review workflow ------------------------------------------------------------------

EVENT_KIND_LABELS = {
    "decision": ("Quyết định", "Decision"),
    "note": ("Ghi chú", "Note"),
    "conclusion": ("Kết luận", "Conclusion"),
    "undo": ("Hoàn tác quyết định", "Decision undone"),
    "reopen": ("Mở lại kết luận", "Conclusion reopened"),
    **KIND_LABELS,
}
FOLLOWUP_STATES = {
    # state: (mark, style, vi, en)
    "still_open": ("●", "yellow", "Vẫn còn", "Still open"),
    "new": ("✚", "cyan", "Mới", "New"),
    "resolved": ("✔", "green", "Không còn", "Resolved"),
}


def _decision_text(decision: str | None, lang: Lang) -> str:
    from .core.review.sqlite import DECISION_LABELS

    if decision is None:
        return lang.pick("chưa có", "none")
    return DECISION_LABELS[lang.code].get(decision, decision)


def _entity_text(kind: str | None, lang: Lang) -> str:
    from .core.rules.findings import ENTITY_LABELS

    if kind is None:
        return ""
    vi, en = ENTITY_LABELS.get(kind, (kind, kind))
    return lang.pick(vi, en)


def print_log(events, lang: Lang, console: Console | None = None) -> None:
    """The audit trail, one block per event, oldest first."""
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    from .core.fmt import vn_datetime
    from .core.lang.i18n import t
    from .core.review.sqlite import undo_effects

    console = console or _console()
    if not events:
        console.print(t("log_empty", lang), style="dim")
        return
    undone = undo_effects(events)
    for event in events:
        vi, en = EVENT_KIND_LABELS.get(event.kind, (event.kind, event.kind))
        head = Text(f"#{event.seq}  ", style="dim")
        head.append(vn_datetime(event.created_at))
        head.append(f"  {one_line(event.reviewer)}  ", style="bold")
        head.append(lang.pick(vi, en), style="bold")
        console.print(head)
        where = " · ".join(str(p) for p in (event.unit_code, event.year) if p is not None)
        if event.finding_key:
            where += f" · {short_id(event.finding_key)} {event.finding_key}"
        elif event.entity_kind and event.entity_kind != "unit":
            where += f" · {_entity_text(event.entity_kind, lang)} {event.entity_key}"
        console.print(Text("  " + one_line(where), style="dim"), overflow="fold")
        if event.kind == "decision":
            body = Text("  ")
            body.append(_decision_text(event.previous_decision, lang), style="dim")
            body.append(" → ")
            body.append(_decision_text(event.decision, lang), style="bold")
            if event.reason:
                body.append(lang.pick(" — lý do: ", " — reason: ") + one_line(event.reason))
        elif event.kind == "note":
            # One line per note: a line break in a note must not print a forged entry.
            body = Text("  " + one_line(event.reason))
        elif event.kind == "undo":
            body = _undo_text(undone.get(event.event_id), lang)
        elif event.kind == "reopen":
            body = Text(lang.pick("  Chưa kết luận (mở lại)", "  Not concluded (reopened)"))
            body.stylize("yellow")
            if event.reason:
                body.append(f" — {one_line(event.reason)}")
        elif event.kind in TRACKING_KINDS:
            body = Text("  " + one_line(describe(event, lang)))
        else:
            body = Text(lang.pick("  Đã rà soát xong", "  Review complete"), style="green")
            if event.reason:
                body.append(f" — {one_line(event.reason)}")
        console.print(body, overflow="fold")
    console.print()
    console.print(
        render(
            lang.pick("{n} mục trong nhật ký.", "{n} {n:entry|entries} in the log."),
            {"n": len(events)},
        ),
        style="bold",
    )


def _undo_text(effect, lang: Lang) -> Text:
    """“Cần chỉnh sửa” (#12) withdrawn → what is in force again."""
    body = Text("  ")
    if effect is None or effect.withdrawn is None:
        body.append(lang.pick("Rút lại một quyết định trước", "An earlier decision withdrawn"))
        return body
    body.append(_decision_text(effect.withdrawn.decision, lang), style="dim strike")
    body.append(f" (#{effect.withdrawn.seq}) → ")
    body.append(_decision_text(effect.restored, lang), style="bold")
    return body


def print_followup(
    items,
    lang: Lang,
    *,
    compared: bool,
    previous_built_at: str | None,
    console: Console | None = None,
) -> None:
    """Findings followed across the rebuild, grouped by unit, with their decisions."""
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    from .core.fmt import vn_datetime
    from .core.lang.i18n import t

    console = console or _console()

    def counts(group) -> dict[str, int]:
        return {state: sum(1 for i in group if i.state == state) for state in FOLLOWUP_STATES}

    if compared:
        console.print(
            t("followup_compared", lang, when=vn_datetime(previous_built_at), **counts(items)),
            style="bold",
        )
    else:
        console.print(t("followup_no_previous", lang), style="bold")
    if not items:
        console.print(t("followup_none", lang), style="green")
        return
    console.print()
    for (code, name), group in groupby(items, key=lambda i: (i.unit_code, i.unit_name)):
        rows = list(group)
        console.print(
            Text(one_line(f"{code} {name}".rstrip()), style="bold"),
            Text(f"— {t('followup_counts', lang, **counts(rows))}", style="dim"),
        )
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=12)
        table.add_column(ratio=1, overflow="fold")
        for item in rows:
            mark, style, vi, en = FOLLOWUP_STATES[item.state]
            body = Text(one_line(item.message(lang)))
            body.append(
                f"\n{short_id(item.finding_key)} · {item.rule_id} · {item.year or ''} · ",
                style="dim",
            )
            body.append(lang.pick("quyết định: ", "decision: "), style="dim")
            body.append(_decision_text(item.decision, lang))
            if item.decided_by:
                body.append(
                    f" ({one_line(item.decided_by)}, {vn_datetime(item.decided_at)})", style="dim"
                )
            if item.corrected_but_present:
                body.append(
                    lang.pick(
                        f"\n‼ Đã đánh dấu “{_decision_text('corrected', lang)}” nhưng vẫn còn",
                        f"\n‼ Marked “{_decision_text('corrected', lang)}” but still present",
                    ),
                    style=emphasis("error", console.no_color),
                )
            if item.tracking is not None:
                body.append("\n")
                body.append_text(tracking_text(item.tracking, lang))
            table.add_row(Text(f"{mark} {lang.pick(vi, en)}", style=style), body)
        console.print(table)
        console.print()
    flagged = sum(1 for i in items if i.corrected_but_present)
    if flagged:
        console.print(
            t("followup_flagged", lang, count=flagged), style=emphasis("error", console.no_color)
        )


def tracking_text(track, lang: Lang) -> Text:
    """The owner, deadline, notice, proof and expiry lines of one followed finding
    (a tracking.Tracking), one per line, without a leading line break."""
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    from .core.review.tracking import owner_label, vn_day

    lines: list[tuple[str, str]] = []
    if track is None:
        return Text()
    line = lang.pick("thực hiện: ", "owner: ") + owner_label(track.owner, lang)
    if track.due:
        line += lang.pick(f" · hạn {vn_day(track.due)}", f" · due {vn_day(track.due)}")
    if track.notice_number:
        line += lang.pick(
            f" · thông báo {track.notice_number} ngày {vn_day(track.notice_date)}",
            f" · notice {track.notice_number} of {vn_day(track.notice_date)}",
        )
    lines.append((line, "dim"))
    if track.overdue:
        lines.append(
            (
                lang.pick(
                    f"⏰ Quá hạn {track.overdue_days} ngày, chưa có bằng chứng",
                    f"⏰ {track.overdue_days} day{'' if track.overdue_days == 1 else 's'} overdue, no proof",
                ),
                "bold red",
            )
        )
    if track.evidence is not None:
        style = "green" if track.evidence.linked_resolution_id else ""
        lines.append(("✔ " + track.evidence.text(lang), style))
    if track.until:
        until = vn_day(track.until)
        if track.expired:
            lines.append(
                (
                    lang.pick(
                        f"↺ Chấp nhận đã hết hiệu lực ngày {until}: cần quyết định lại",
                        f"↺ Acceptance ended on {until}: decide again",
                    ),
                    "bold yellow",
                )
            )
        else:
            lines.append((lang.pick(f"hiệu lực đến {until}", f"in force until {until}"), "dim"))
    text = Text()
    for i, (content, style) in enumerate(lines):
        text.append(("\n" if i else "") + one_line(content), style=style)
    return text


def print_overdue(items, lang: Lang, on, console: Console | None = None) -> None:
    """The findings past their deadline without proof, by unit and owner, with days."""
    lang = as_lang(lang)  # callers outside the CLI may pass a bare code
    from .core.lang.i18n import t
    from .core.review.tracking import owner_label, vn_day

    console = console or _console()
    if not items:
        console.print(t("overdue_none", lang), style="green")
        return
    console.print(t("overdue_count", lang, count=len(items), today=vn_day(on)), style="bold red")

    def group_key(i):
        return (i.unit_code, i.unit_name, i.tracking.owner)

    for (code, name, owner), group in groupby(items, key=group_key):
        console.print(
            Text(
                one_line(
                    t(
                        "overdue_group",
                        lang,
                        unit=code,
                        unit_name=name,
                        owner=owner_label(owner, lang),
                    )
                ),
                style="bold",
            )
        )
        for item in group:
            console.print(
                Text(
                    one_line(
                        t(
                            "overdue_line",
                            lang,
                            id=short_id(item.finding_key),
                            days=item.overdue_days,
                            due=vn_day(item.tracking.due),
                            message=item.message(lang),
                        )
                    )
                ),
                overflow="fold",
            )
