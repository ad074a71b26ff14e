"""A draft conclusion notice (thông báo kết luận) for one unit and year.

The Word file follows the basic presentation rules of Nghị định 30/2020/NĐ-CP (Phụ lục I):
A4 paper; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the
header block as a borderless two-column table (issuing body and number on the left, the
national name and motto on the right, each with a short rule under it, then the place and
date line in italics); the document kind and its summary centred in bold; body text
justified at 14 pt; "Nơi nhận" in bold italics at 12 pt with its list at 11 pt.

The same content can be written as Markdown. The content is built once (`build_notice`)
and rendered twice, so the two formats cannot say different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import config_value
from ..data.store import Store
from ..data.unitmap import notice_day, reviewing_body
from ..errors import UsageError
from ..fmt import money, official_date, vn_date
from ..lang.i18n import render
from ..rules.bodies import check_unit_existed
from ..rules.engine import GROUPS, rules_by_id
from ..rules.findings import load_findings
from ..safe import safe
from .export import (
    GROUP_LABELS,
    UNIT_KIND_LABELS,
    ExportError,
    atomic_write,
    check_output_file,
    check_unit,
    pick,
)
from .formats import NOTICE_FORMATS

# The format each file extension of OUT means.
NOTICE_SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md"}
FONT = "Times New Roman"
BODY_PT = 14

_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ADMIN_WORDS = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "tỉnh", "phường", "xã")
_ROMAN = ("I", "II", "III", "IV", "V")

# Sentences of the notice: (Vietnamese, English).
TEXT: dict[str, tuple[str, str]] = {
    "standing": ("THƯỜNG TRỰC", "STANDING COMMITTEE"),
    "number": ("Số: …/TB-HĐND", "No.: …/TB-HĐND"),
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "kind": ("THÔNG BÁO", "NOTICE"),
    "draft": ("DỰ THẢO", "DRAFT"),
    "demo": (
        "Bản dự thảo này lập từ DỮ LIỆU MẪU: các nghị quyết, công trình và số tiền đều là giả "
        "định, không phải số liệu thật; không dùng để ban hành.",
        "This draft was made from DEMO DATA: the resolutions, works and amounts are invented, "
        "not real figures; it must not be issued.",
    ),
    "subject": (
        "Kết luận giám sát việc ban hành nghị quyết về xây dựng nông thôn mới và phân bổ kết "
        "dư ngân sách năm {year} của HĐND {unit}",
        "Conclusions of the supervision of the resolutions on new rural development and "
        "budget-surplus allocation adopted in {year} by the People's Council of {unit}",
    ),
    "intro": (
        "Thực hiện Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân năm 2015, "
        "Thường trực {body} đã thẩm tra {resolutions} nghị quyết do HĐND {unit} ban hành "
        "năm {year} về xây dựng nông thôn mới và phân bổ kết dư ngân sách ({works} công "
        "trình, tổng mức đầu tư {investment} đồng). Thường trực {body_short} thông báo kết "
        "luận như sau:",
        "Under the 2015 Law on Supervisory Activities of the National Assembly and People's "
        "Councils, the Standing Committee of the {body} reviewed {resolutions} "
        "{resolutions:resolution|resolutions} "
        "adopted in {year} by the People's Council of {unit} on new rural development and "
        "budget-surplus allocation ({works} {works:work|works}, total investment {investment} đồng). "
        "The Standing Committee of the {body_short} concludes as follows:",
    ),
    "reviewed": ("Các nghị quyết đã thẩm tra:", "Resolutions reviewed:"),
    "resolution_line": (
        "Nghị quyết số {number} ngày {date} {title}",
        "Resolution {number} of {date}: {title}",
    ),
    "no_resolutions": (
        "Trong năm {year}, không có nghị quyết nào của HĐND {unit} trong dữ liệu thẩm tra.",
        "No resolution of the People's Council of {unit} for {year} is in the reviewed data.",
    ),
    "results": ("KẾT QUẢ THẨM TRA", "FINDINGS"),
    "group_clean": ("Không phát hiện vấn đề.", "No issue found."),
    "no_findings": (
        "Qua thẩm tra, các nghị quyết của HĐND {unit} năm {year} không có nội dung phải khắc phục.",
        "The review found nothing to correct in the resolutions of {unit} for {year}.",
    ),
    "basis": ("Căn cứ: {text}", "Basis: {text}"),
    "opinion": ("Ý kiến thẩm tra: {label}", "Reviewer's decision: {label}"),
    "opinion_reason": (
        "Ý kiến thẩm tra: {label} — {reason}",
        "Reviewer's decision: {label} — {reason}",
    ),
    "corrections": ("YÊU CẦU KHẮC PHỤC", "CORRECTIONS REQUIRED"),
    "corrections_intro": (
        "Đề nghị Thường trực HĐND, UBND {unit} chỉ đạo khắc phục các nội dung sau:",
        "The Standing Committee of the People's Council and the People's Committee of {unit} "
        "are asked to correct the following:",
    ),
    "corrections_none": (
        "Không có nội dung phải khắc phục.",
        "There is nothing to correct.",
    ),
    "corrected_head": ("Các nội dung đơn vị đã khắc phục:", "Already corrected by the unit:"),
    "accepted_head": (
        "Các nội dung được chấp nhận hoặc không áp dụng (kèm lý do):",
        "Accepted or not applicable (with reasons):",
    ),
    "deadline": (
        "Kết quả khắc phục báo cáo Thường trực {body_short} trước ngày …/…/…",
        "Report the corrections to the Standing Committee of the {body_short} by …/…/…",
    ),
    "deadline_dated": (
        "Kết quả khắc phục báo cáo Thường trực {body_short} chậm nhất ngày {due}.",
        "Report the corrections to the Standing Committee of the {body_short} by {due}.",
    ),
    "correction_due": (
        "{message} — Thực hiện: {owner}; hạn: {due} ({source}).",
        "{message} — By: {owner}; due: {due} ({source}).",
    ),
    "number_issued": ("Số: {number}", "No.: {number}"),
    "due_source_days": (
        "{days} ngày kể từ ngày thông báo",
        "{days} days after the notice",
    ),
    "due_source_reviewer": ("hạn do người rà soát đặt", "set by the reviewer"),
    "annex": ("PHỤ LỤC: BẰNG CHỨNG KHẮC PHỤC", "ANNEX: PROOF OF CORRECTIONS"),
    "annex_none": (
        "Chưa có bằng chứng khắc phục nào được ghi nhận.",
        "No proof of correction has been recorded yet.",
    ),
    "annex_line": (
        "{message} — {evidence} ({who}, {when})",
        "{message} — {evidence} ({who}, {when})",
    ),
    "recipients": ("Nơi nhận:", "Recipients:"),
    "recipient_unit": (
        "- Thường trực HĐND, UBND {unit};",
        "- Standing Committee and People's Committee of {unit};",
    ),
    "recipient_body": ("- Thường trực {body_short};", "- Standing Committee of the {body_short};"),
    "recipient_archive": ("- Lưu: VT.", "- Archive."),
    "signer_for": ("TM. THƯỜNG TRỰC HĐND", "ON BEHALF OF THE STANDING COMMITTEE"),
    "signer_title": ("CHỦ TỊCH", "CHAIR"),
    "signer_blank": ("(Dự thảo, chưa ký)", "(Draft, not signed)"),
}


def tx(key: str, lang: str, **params: Any) -> str:
    vi, en = TEXT[key]
    return render(en if lang == "en" else vi, params)


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
    lang: str
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
    for word in _ADMIN_WORDS:
        if rest.lower().startswith(word + " "):
            return rest[len(word) + 1 :].strip()
    return rest.strip()


def _short_body(body: str, place: str) -> str:
    """'HĐND thành phố Móng Cái' → 'HĐND thành phố'."""
    if place and body.endswith(place):
        short = body[: -len(place)].strip()
        return short or body
    return body


def _about(title: str, lang: str) -> str:
    """What a resolution is about, to follow its number: "về …" rather than "Nghị quyết về …"."""
    title = title.strip().rstrip(".")
    if lang == "en":
        return title
    rest = re.sub(r"^Nghị quyết\s+", "", title, flags=re.I)
    if rest != title and rest:
        return rest
    return f"về {title[:1].lower()}{title[1:]}" if title else ""


def _date_line(place: str, today: date, lang: str) -> str:
    if lang == "en":
        return f"{place}, {today.day} {_EN_MONTHS[today.month - 1]} {today.year}"
    return f"{place}, {official_date(today)}"


def build_notice(
    store: Store,
    reviews: Any,
    unit: str,
    year: int,
    lang: str = "vi",
    today: date | None = None,
) -> Notice:
    """The content of the notice. `reviews` is a ReviewStore or None."""
    check_unit(store, unit)
    check_unit_existed(store, unit, year)  # else its notice names an abolished council
    today = today or date.today()
    meta = store.meta()
    # The unit as it was that year, and the body that reviewed it then (unitmap).
    info = (store.dicts("views/unit_in_year", code=unit, year=year) or [None])[0]
    info = info or store.dicts("views/unit", code=unit)[0]
    kind = pick(lang, UNIT_KIND_LABELS.get(info["kind"], (info["kind"], info["kind"])))
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
    from ..review.sqlite import DECISION_LABELS

    labels = DECISION_LABELS["en" if lang == "en" else "vi"]
    from ..review.service import track_findings
    from ..review.tracking import owner_label, vn_day

    # Once issued (notice --issue), the notice carries its number and date, and the
    # deadlines run from that date; a draft counts them from its own date.
    issued = reviews.ledger().notices.get((unit, year)) if reviews is not None else None
    if issued is not None:
        today = issued[1]
    tracked = track_findings(
        store, reviews, [(f.finding_key, f.rule_id, unit, f.year, False) for f in findings], today
    )
    annex: list[str] = []
    dues = []
    rules = rules_by_id()
    groups = {g: NoticeGroup(g, pick(lang, GROUP_LABELS[g])) for g in GROUPS}
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
            from ..review.tracking import default_due

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
            accepted.append(f"{message} ({label}:{reason})" if reason else f"{message} ({label})")

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


# -- Word -------------------------------------------------------------------------------


def _set_widths(table: Any, widths: tuple[Any, ...]) -> None:
    """Fix the column widths: Word reads the cells' widths, LibreOffice the table grid."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _rule(cell_or_doc: Any, indent_mm: float) -> None:
    """A short horizontal line: an empty paragraph with a top border, inset both sides."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    par = cell_or_doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = par.paragraph_format
    fmt.left_indent = Mm(indent_mm)
    fmt.right_indent = Mm(indent_mm)
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    p_pr = par._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "000000")
    border.append(top)
    p_pr.append(border)
    _run(par, "", size=2)


def _run(par: Any, text: str, *, bold: bool = False, italic: bool = False, size: float = BODY_PT):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = par.add_run(safe(text))  # a raw control character makes the .docx unreadable
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    return run


def _par(
    container: Any,
    text: str = "",
    *,
    align: str = "justify",
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    par = container.add_paragraph()
    par.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    fmt = par.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Mm(12.7)
    if text:
        _run(par, text, bold=bold, italic=italic, size=size)
    return par


def _first_par(cell: Any, text: str, **kwargs: Any):
    """Use the empty paragraph a new table cell starts with."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = cell.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.paragraph_format.space_after = Pt(0)
    _run(par, text, **kwargs)
    return par


def render_docx(n: Notice, out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = f"{n.kind} - {n.subject}"
    doc.core_properties.author = "ntm-review"
    doc.core_properties.language = "en-GB" if n.lang == "en" else "vi-VN"

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    # Header block: issuing body and number | national name, motto, place and date.
    head = doc.add_table(rows=2, cols=2)
    _no_borders(head)
    _set_widths(head, (Mm(60), Mm(105)))
    top_left, top_right = head.rows[0].cells
    _first_par(top_left, n.body_upper, size=13)
    _par(top_left, n.standing, align="center", bold=True, size=13, after=0)
    _rule(top_left, 20)
    _first_par(top_right, n.nation, bold=True, size=13)
    _par(top_right, n.motto, align="center", bold=True, size=14, after=0)
    _rule(top_right, 19)
    bottom_left, bottom_right = head.rows[1].cells
    _first_par(bottom_left, n.number, size=13)
    _first_par(bottom_right, n.date_line, italic=True, size=14)

    _par(doc, n.draft, align="left", bold=True, size=13, before=12, after=0)
    if n.demo_note:
        _par(doc, n.demo_note, align="left", italic=True, size=12, after=0)
    _par(doc, n.kind, align="center", bold=True, size=14, before=12, after=0)
    _par(doc, n.subject, align="center", bold=True, size=14, after=0)
    _rule(doc, 65)
    _par(doc, "", after=0)
    _par(doc, n.intro, indent=True)
    _par(doc, n.reviewed_head, indent=True)
    for line in n.reviewed:
        _par(doc, f"- {line}", indent=True)

    _par(doc, f"I. {n.results_head}", align="left", bold=True, before=6)
    if n.no_findings:
        _par(doc, n.no_findings, indent=True)
    for i, g in enumerate(n.groups, start=1):
        _par(doc, f"{i}. {g.title}", align="left", bold=True, indent=True)
        if not g.rules:
            _par(doc, n.group_clean, indent=True)
        for r in g.rules:
            _par(doc, f"{r.title}", bold=True, italic=True, indent=True, after=0)
            _par(doc, tx("basis", n.lang, text=r.legal_basis), italic=True, indent=True, size=13)
            for f in r.findings:
                par = _par(doc, f"- {f.message}", indent=True, after=0 if f.opinion else 6)
                if f.opinion:
                    par = _par(doc, f.opinion, italic=True, indent=True)

    _par(doc, f"II. {n.corrections_head}", align="left", bold=True, before=6)
    _par(doc, n.corrections_intro, indent=True)
    for i, c in enumerate(n.corrections, start=1):
        _par(doc, f"{i}. {c}", indent=True)
    if n.corrections:
        _par(doc, n.deadline, indent=True)
    if n.corrected:
        _par(doc, n.corrected_head, indent=True, italic=True)
        for c in n.corrected:
            _par(doc, f"- {c}", indent=True)
    if n.accepted:
        _par(doc, n.accepted_head, indent=True, italic=True)
        for a in n.accepted:
            _par(doc, f"- {a}", indent=True)
    _par(doc, "", after=0)

    # Recipients | signature.
    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    _set_widths(foot, (Mm(80), Mm(85)))
    left, right = foot.rows[0].cells
    par = left.paragraphs[0]
    par.paragraph_format.space_after = Pt(0)
    _run(par, n.recipients_head, bold=True, italic=True, size=12)
    for item in n.recipients:
        _par(left, item, align="left", size=11, after=0)
    _first_par(right, n.signer[0], bold=True, size=14)
    _par(right, n.signer[1], align="center", bold=True, size=14, after=36)
    _par(right, n.signer_blank, align="center", italic=True, size=13, after=0)
    if n.annex_head:
        doc.add_page_break()
        _par(doc, n.annex_head, align="center", bold=True, size=14, after=6)
        for i, line in enumerate(n.annex, start=1):
            _par(doc, f"{i}. {line}", indent=True)
        if not n.annex:
            _par(doc, tx("annex_none", n.lang), indent=True)
    doc.save(out)


# -- entry point ------------------------------------------------------------------------


def notice_format(out: Path, fmt: str | None) -> str:
    """The format OUT's extension says, checked against an explicit `fmt`.

    A file named .md must not receive Word bytes, nor a .docx Markdown: an extension that
    contradicts `fmt`, or one that names no notice format, is refused (ExportError). A
    name without an extension takes `fmt`, which must then be given.
    """
    suffix = out.suffix.lower()
    by_suffix = NOTICE_SUFFIXES.get(suffix)
    if by_suffix is None and (suffix or fmt is None):
        raise ExportError("format_suffix_unknown", path=out, suffixes=", ".join(NOTICE_SUFFIXES))
    if fmt is not None and by_suffix is not None and fmt != by_suffix:
        raise ExportError("format_suffix_mismatch", path=out, suffix=out.suffix, fmt=fmt)
    return by_suffix or fmt


def write_notice(
    store: Store,
    reviews: Any,
    unit: str,
    year: int,
    out: Path | str,
    fmt: str | None = None,
    lang: str = "vi",
    today: date | None = None,
) -> Path:
    """Write the draft notice for one unit and year; return the file written.

    `fmt` None takes the format from OUT's extension (.docx, .md). `reviews` is a
    ReviewStore or None. Raises UsageError for an unknown unit and ExportError for a bad
    format, an extension that contradicts it or says none, or a bad OUT.
    """
    if fmt is not None and fmt not in NOTICE_FORMATS:
        raise ExportError("bad_format", fmt=fmt, choices=", ".join(NOTICE_FORMATS))
    if not unit:
        raise UsageError("unknown_unit", code=unit)
    out = Path(out).expanduser()
    check_output_file(out, f"thong-bao-{unit}-{year}.{fmt or 'docx'}")
    fmt = notice_format(out, fmt)
    notice = build_notice(store, reviews, unit, year, lang, today)
    if fmt == "md":
        text = render_md(notice)
        return atomic_write(out, lambda p: p.write_text(text, encoding="utf-8"))
    return atomic_write(out, lambda p: render_docx(notice, p))
