"""Rich output of the headless commands: grouped, coloured, readable at 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .core.findings import Finding, severity_label
from .core.i18n import pick

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
SEVERITY_MARKS = {"error": "✖", "warning": "▲", "info": "●"}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


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


def print_findings(findings: list[Finding], lang: str, console: Console | None = None) -> None:
    console = console or _console()
    if not findings:
        console.print(pick(lang, "Không có phát hiện nào.", "No findings."), style="green")
        return
    for (code, name), group in groupby(findings, key=lambda f: (f.unit_code, f.unit_name)):
        items = list(group)
        console.print(
            Text(f"{code} {name}", style="bold"),
            Text(f"— {counts_sentence(items, lang)}", style="dim"),
        )
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=12)
        table.add_column(ratio=1, overflow="fold")
        for f in items:
            body = Text(f.message(lang))
            body.append(f"\n{f.rule_id} · {f.year or ''}", style="dim")
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
        head = Text(f"{comparison.unit_code} {comparison.unit_name}", style="bold")
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
                + Text(names, style="yellow")
            )
