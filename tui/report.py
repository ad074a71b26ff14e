"""Rich output of the headless commands: grouped, coloured, readable at 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .core.findings import Finding, severity_label, short_id
from .core.i18n import pick
from .core.safe import one_line

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "●"}


def _console() -> Console:
    # Data is never markup (a unit named "[/x]" must print as written).
    return Console(highlight=False, soft_wrap=False, markup=False)


def severity_text(severity: str, lang: str) -> Text:
    return Text(
        f"{SEVERITY_MARKS[severity]} {severity_label(severity, lang)}",
        style=SEVERITY_STYLES[severity],
    )


def counts_sentence(findings: list[Finding], lang: str) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_STYLES}
    if lang == "en":

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
    lang: str,
    console: Console | None = None,
    bodies: dict | None = None,
) -> None:
    """Findings grouped by unit; `bodies` (finding key → core.bodies.Body) names, under
    each unit, who reviews its resolutions (the body valid on their dates)."""
    console = console or _console()
    if not findings:
        console.print(pick(lang, "Không có phát hiện nào.", "No findings."), style="green")
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
                Text(f"{pick(lang, 'Thẩm tra', 'Reviewed by')}: ", style="dim")
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
                body.append(f"\n{pick(lang, 'Căn cứ', 'Basis')}: {basis}", style="dim italic")
            table.add_row(severity_text(f.severity, lang), body)
        console.print(table)
        console.print()
    console.print(counts_sentence(findings, lang), style="bold")


def print_comparison(
    results,
    model: str,
    model_name: str,
    year: int,
    lang: str,
    dimension_label: Callable[[str, str], str],
    console: Console | None = None,
) -> None:
    console = console or _console()
    console.print(
        Text(
            pick(
                lang,
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
                head, Text(pick(lang, "— không thiếu gì", "— lacks nothing"), style="green")
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
}
FOLLOWUP_STATES = {
    # state: (mark, style, vi, en)
    "still_open": ("●", "yellow", "Vẫn còn", "Still open"),
    "new": ("✚", "cyan", "Mới", "New"),
    "resolved": ("✔", "green", "Không còn", "Resolved"),
}


def _decision_text(decision: str | None, lang: str) -> str:
    from .core.review import DECISION_LABELS

    if decision is None:
        return pick(lang, "chưa có", "none")
    return DECISION_LABELS["en" if lang == "en" else "vi"].get(decision, decision)


def _entity_text(kind: str | None, lang: str) -> str:
    from .core.findings import ENTITY_LABELS

    if kind is None:
        return ""
    vi, en = ENTITY_LABELS.get(kind, (kind, kind))
    return pick(lang, vi, en)


def print_log(events, lang: str, console: Console | None = None) -> None:
    """The audit trail, one block per event, oldest first."""
    from .core.fmt import vn_datetime
    from .core.i18n import t
    from .core.review import undo_effects

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
        head.append(pick(lang, vi, en), style="bold")
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
                body.append(pick(lang, " — lý do: ", " — reason: ") + one_line(event.reason))
        elif event.kind == "note":
            # One line per note: a line break in a note must not print a forged entry.
            body = Text("  " + one_line(event.reason))
        elif event.kind == "undo":
            body = _undo_text(undone.get(event.event_id), lang)
        elif event.kind == "reopen":
            body = Text(pick(lang, "  Chưa kết luận (mở lại)", "  Not concluded (reopened)"))
            body.stylize("yellow")
            if event.reason:
                body.append(f" — {one_line(event.reason)}")
        else:
            body = Text(pick(lang, "  Đã rà soát xong", "  Review complete"), style="green")
            if event.reason:
                body.append(f" — {one_line(event.reason)}")
        console.print(body, overflow="fold")
    console.print()
    console.print(
        pick(lang, f"{len(events)} mục trong nhật ký.", f"{len(events)} entries in the log."),
        style="bold",
    )


def _undo_text(effect, lang: str) -> Text:
    """“Cần chỉnh sửa” (#12) withdrawn → what is in force again."""
    body = Text("  ")
    if effect is None or effect.withdrawn is None:
        body.append(pick(lang, "Rút lại một quyết định trước", "An earlier decision withdrawn"))
        return body
    body.append(_decision_text(effect.withdrawn.decision, lang), style="dim strike")
    body.append(f" (#{effect.withdrawn.seq}) → ")
    body.append(_decision_text(effect.restored, lang), style="bold")
    return body


def print_followup(
    items,
    lang: str,
    *,
    compared: bool,
    previous_built_at: str | None,
    console: Console | None = None,
) -> None:
    """Findings followed across the rebuild, grouped by unit, with their decisions."""
    from .core.fmt import vn_datetime
    from .core.i18n import t

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
            body.append(pick(lang, "quyết định: ", "decision: "), style="dim")
            body.append(_decision_text(item.decision, lang))
            if item.decided_by:
                body.append(
                    f" ({one_line(item.decided_by)}, {vn_datetime(item.decided_at)})", style="dim"
                )
            if item.corrected_but_present:
                body.append(
                    pick(
                        lang,
                        "\n‼ Đã đánh dấu “đã chỉnh sửa” nhưng vẫn còn",
                        "\n‼ Marked “corrected” but still present",
                    ),
                    style="bold red",
                )
            table.add_row(Text(f"{mark} {pick(lang, vi, en)}", style=style), body)
        console.print(table)
        console.print()
    flagged = sum(1 for i in items if i.corrected_but_present)
    if flagged:
        console.print(t("followup_flagged", lang, count=flagged), style="bold red")
