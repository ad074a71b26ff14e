"""The notice as Markdown."""

from __future__ import annotations

from .content import Notice
from .text import tx

# -- Markdown ---------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def render_md(n: Notice) -> str:
    e = _md_escape
    lines = [
        f"| {e(n.body_upper)}<br>**{e(n.standing)}** | **{e(n.nation)}**<br>**{e(n.motto)}** |",
        "|:---:|:---:|",
        f"| {e(n.number)} | *{e(n.date_line)}* |",
        "",
        f"**{n.draft}**",
        "",
    ]
    if n.demo_note:
        lines += [f"> *{e(n.demo_note)}*", ""]
    lines += [f"# {n.kind}", "", f"**{e(n.subject)}**", "", e(n.intro), ""]
    lines.append(e(n.reviewed_head))
    lines += [f"- {e(r)}" for r in n.reviewed]
    lines += ["", f"## I. {n.results_head}", ""]
    if n.no_findings:
        lines += [e(n.no_findings), ""]
    for i, g in enumerate(n.groups, start=1):
        lines += [f"### {i}. {e(g.title)}", ""]
        if not g.rules:
            lines += [e(n.group_clean), ""]
        for r in g.rules:
            lines += [
                f"**{e(r.title)}**",
                "",
                f"*{e(tx('basis', n.lang, text=r.legal_basis))}*",
                "",
            ]
            for f in r.findings:
                lines.append(f"- {e(f.message)}")
                if f.opinion:
                    lines.append(f"  *{e(f.opinion)}*")
            lines.append("")
    lines += [f"## II. {n.corrections_head}", "", e(n.corrections_intro), ""]
    lines += [f"{i}. {e(c)}" for i, c in enumerate(n.corrections, start=1)]
    if n.corrections:
        lines += ["", e(n.deadline)]
    if n.corrected:
        lines += ["", e(n.corrected_head), ""] + [f"- {e(c)}" for c in n.corrected]
    if n.accepted:
        lines += ["", e(n.accepted_head), ""] + [f"- {e(a)}" for a in n.accepted]
    lines += [
        "",
        "| | |",
        "|:---|:---:|",
        f"| ***{e(n.recipients_head)}*** | **{e(n.signer[0])}** |",
    ]
    right = [f"**{e(n.signer[1])}**", "", f"*{e(n.signer_blank)}*"]
    for i in range(max(len(n.recipients), len(right))):
        left = e(n.recipients[i]) if i < len(n.recipients) else ""
        lines.append(f"| {left} | {right[i] if i < len(right) else ''} |")
    if n.annex_head:
        lines += ["", f"## {e(n.annex_head)}", ""]
        lines += [f"{i}. {e(a)}" for i, a in enumerate(n.annex, start=1)] or [
            e(tx("annex_none", n.lang))
        ]
    return "\n".join(lines) + "\n"
