"""The notice as a Word file, following Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 paper;
margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the header block
as a borderless two-column table; body text justified at 14 pt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...safe import safe
from .content import Notice
from .text import tx

FONT = "Times New Roman"
BODY_PT = 14

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
    doc.core_properties.language = n.lang.pick("vi-VN", "en-GB")

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
