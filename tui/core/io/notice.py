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

from datetime import date
from pathlib import Path
from typing import Any

from ..data.store import Store
from ..errors import UsageError
from ..lang.language import VI, Lang
from .exporting.messages import ExportError
from .exporting.paths import atomic_write, check_output_file
from .formats import NOTICE_FORMATS
from .noticing.content import Notice, build_notice
from .noticing.markdown import render_md
from .noticing.word import render_docx

__all__ = ["Notice", "build_notice", "notice_format", "write_notice"]

# The format each file extension of OUT means.
NOTICE_SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md"}


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
    lang: Lang = VI,
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
