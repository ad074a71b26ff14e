"""Exports: findings with decisions, per-unit summaries, capital and surplus tables.

`export_findings` writes one of four formats:

- ``xlsx``: sheets "Phát hiện", "Tổng hợp đơn vị", "Vốn", "Kết dư" (English titles with
  lang='en') and an information sheet; money as integer đồng with a thousands format,
  dates as real dates (dd/mm/yyyy), a frozen header row and filters.
- ``csv``: the findings as one CSV file; or, when OUT is a directory or ends with "/",
  one CSV per table (phat_hien.csv, tong_hop_don_vi.csv, von.csv, ket_du.csv). UTF-8
  with a byte-order mark so that Excel reads Vietnamese correctly; money as integer đồng
  without separators, dates as dd/mm/yyyy.
- ``md``: the same tables as Markdown.
- ``import-xlsx``: the data itself in the import layout (tui.core.io.layout), so that it
  can be imported into another database.

Files are written to a temporary name beside OUT and renamed into place, so a failed
export never leaves half a file. Every failure is an ExportError: one sentence, exit 2.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..data.extract import extract
from ..data.store import Store
from ..errors import NtmError, UsageError
from ..faults import WriteFailed, write_atomically
from ..fmt import money, vn_date
from ..lang.i18n import render
from ..rules.bodies import bodies_for, deployment_body, finding_bodies
from ..rules.engine import rules_by_id
from ..rules.findings import ENTITY_LABELS, SEVERITY_LABELS, Finding, load_findings
from ..safe import CSV_ENCODING, write_csv, xlsx_append
from . import layout
from .formats import EXPORT_FORMATS

FORMATS = EXPORT_FORMATS

# Excel shows "#,##0" with the separators of the reader's locale; LibreOffice honours the
# locale tag, so [$-42A] (Vietnamese) makes it read 1.234.567 everywhere it can.
MONEY_FORMAT = "[$-42A]#,##0"
INT_FORMAT = "0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

GROUP_LABELS = {
    "coverage": (
        "Việc ban hành nghị quyết về nông thôn mới",
        "Resolutions on new rural development",
    ),
    "resolution": ("Số, ký hiệu nghị quyết", "Resolution numbers"),
    "basis": ("Căn cứ ban hành", "Legal grounds"),
    "works": ("Danh mục công trình", "Works"),
    "capital": ("Nguồn vốn", "Capital"),
    "surplus": ("Phân bổ kết dư ngân sách", "Budget surplus allocation"),
}
UNIT_KIND_LABELS = {
    "xa": ("xã", "commune"),
    "phuong": ("phường", "ward"),
    "thi_tran": ("thị trấn", "town"),
    "dac_khu": ("đặc khu", "special zone"),
    "tinh": ("tỉnh", "province"),
    "thanh_pho": ("thành phố", "city"),
}

_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_format": (
        "Định dạng “{fmt}” không được hỗ trợ; hãy chọn một trong: {choices}.",
        "The format “{fmt}” is not supported; choose one of: {choices}.",
    ),
    "format_suffix_mismatch": (
        "Tệp {path} có đuôi {suffix} nhưng --format là {fmt}; hãy đặt đuôi .{fmt} hoặc bỏ --format.",
        "{path} ends in {suffix} but --format is {fmt}; name the file .{fmt} or leave out --format.",
    ),
    "format_suffix_unknown": (
        "Không biết ghi {path} theo định dạng nào; hãy đặt tên tệp có đuôi {suffixes}.",
        "Cannot tell which format {path} should have; give the file one of the extensions {suffixes}.",
    ),
    "out_is_directory": (
        "{path} là một thư mục; hãy ghi rõ tên tệp, ví dụ {example}.",
        "{path} is a directory; give a file name, e.g. {example}.",
    ),
    "out_dir_missing": (
        "Thư mục {path} không tồn tại; hãy tạo thư mục trước hoặc chọn nơi ghi khác.",
        "The folder {path} does not exist; create it first or choose another place.",
    ),
    "out_unwritable": (
        "Không ghi được {path} ({detail}); hãy chọn nơi ghi khác hoặc kiểm tra quyền ghi.",
        "Cannot write {path} ({detail}); choose another place or check the permissions.",
    ),
    "review_store": ("{detail}", "{detail}"),
    "written": ("Đã ghi {path}", "Wrote {path}"),
    "written_dir": (
        "Đã ghi {count} tệp vào thư mục {path}",
        "Wrote {count} {count:file|files} into {path}",
    ),
}

_OS_DETAILS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("không có quyền ghi", "permission denied"),
    errno.EPERM: ("không có quyền ghi", "permission denied"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "read-only file system"),
    errno.ENOSPC: ("ổ đĩa đã đầy", "the disk is full"),
    errno.ENOTDIR: (
        "một phần của đường dẫn là tệp chứ không phải thư mục",
        "part of the path is a file, not a folder",
    ),
    errno.ENOENT: ("không tạo được tệp ở đó", "a file cannot be created there"),
    errno.EISDIR: ("đây là một thư mục", "it is a directory"),
}


def say(key: str, lang: str, **params: object) -> str:
    """A sentence of this module in the UI language."""
    vi, en = _MESSAGES[key]
    return render(en if lang == "en" else vi, params)


def pick(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang == "en" else pair[0]


class ExportError(NtmError):
    """An export could not be written: one sentence in the UI language, exit code 2."""

    def message(self, lang: str = "vi") -> str:
        params = dict(self.params)
        inner = params.get("error")
        if inner is not None and hasattr(inner, "message"):
            params["detail"] = inner.message(lang)
        detail = params.get("detail")
        if isinstance(detail, OSError):
            params["detail"] = os_detail(detail, lang)
        return say(self.key, lang, **params)


def os_detail(exc: OSError, lang: str) -> str:
    pair = _OS_DETAILS.get(exc.errno or 0)
    if pair:
        return pick(lang, pair)
    return exc.strerror or type(exc).__name__


# -- tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    kind: str = "text"  # text | int | money | date | datetime
    width: int | None = None  # characters; None: from the content

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


@dataclass
class Table:
    key: str
    title_vi: str  # the sheet name (≤ 31 characters)
    title_en: str
    file_stem: str  # the CSV file name in the directory layout
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_vi

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


@dataclass
class ExportData:
    tables: list[Table]
    info: list[tuple[str, str]]  # (label, value) lines shown before the tables
    demo_notice: str | None


def _local(timestamp: str | None) -> datetime | None:
    """An ISO timestamp with offset as a naive local datetime (spreadsheets know no zones)."""
    if not timestamp:
        return None
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _notes_by_finding(reviews: Any, unit: str | None, keys: set[str]) -> dict[str, list]:
    notes: dict[str, list] = {}
    if reviews is None or not keys:
        return notes
    for event in reviews.events(unit_code=unit):
        if event.kind == "note" and event.finding_key in keys:
            notes.setdefault(event.finding_key, []).append(event)
    return notes


def _findings_table(
    store: Store,
    reviews: Any,
    findings: list[Finding],
    decisions: dict[str, Any],
    notes: dict[str, list],
    unit: str | None,
    year: int | None,
    lang: str,
) -> Table:
    rules = rules_by_id()
    numbers = {rid: num for rid, num, _ in store.rows("export/resolutions", unit=unit, year=year)}
    # Who reviews each finding's resolution: the body valid on its date (core/bodies).
    bodies = finding_bodies(store, findings, unit, year)
    table = Table(
        "findings",
        "Phát hiện",
        "Findings",
        "phat_hien",
        [
            Column("rule_id", "Mã quy tắc", "Rule id", width=24),
            Column("rule", "Quy tắc", "Rule", width=36),
            Column("group", "Nhóm", "Group", width=20),
            Column("severity", "Mức độ", "Severity", width=10),
            Column("unit_code", "Mã đơn vị", "Unit code", width=10),
            Column("unit_name", "Đơn vị", "Unit", width=16),
            Column("reviewing_body", "Cơ quan thẩm tra", "Reviewing body", width=30),
            Column("year", "Năm", "Year", "int", width=7),
            Column("resolution", "Nghị quyết", "Resolution", width=16),
            Column("entity_kind", "Đối tượng", "Entity", width=14),
            Column("entity_id", "Mã đối tượng", "Entity id", width=24),
            Column("message", "Nội dung phát hiện", "Finding", width=60),
            Column("legal_basis", "Căn cứ pháp lý", "Legal basis", width=50),
            Column("decision", "Quyết định", "Decision", width=16),
            Column("reviewer", "Người quyết định", "Decided by", width=14),
            Column("decided_at", "Thời điểm quyết định", "Decided at", "datetime", width=17),
            Column("reason", "Lý do", "Reason", width=40),
            Column("notes", "Ghi chú", "Notes", width=40),
            Column("owner", "Cơ quan thực hiện", "Owner", width=18),
            Column("due", "Hạn khắc phục", "Due", "date", width=12),
            Column("due_source", "Căn cứ hạn", "Due date basis", width=30),
            Column("notice", "Thông báo", "Notice", width=24),
            Column("evidence", "Bằng chứng khắc phục", "Proof of correction", width=50),
            Column("acceptance_until", "Chấp nhận đến", "Accepted until", "date", width=12),
            Column("overdue", "Quá hạn", "Overdue", width=10),
            Column("overdue_days", "Số ngày quá hạn", "Days overdue", "int", width=8),
            Column("finding_key", "Mã phát hiện", "Finding key", width=30),
        ],
    )
    labels = _decision_labels(lang)
    from ..review.service import track_findings
    from ..review.tracking import owner_label, vn_day

    tracked = track_findings(
        store, reviews, [(f.finding_key, f.rule_id, f.unit_code, f.year, False) for f in findings]
    )
    yes_no = pick(lang, ("có", "yes")), pick(lang, ("không", "no"))
    for f, body in zip(findings, bodies, strict=True):
        track = tracked[f.finding_key]
        if track.due_source.startswith("correction_days="):
            days = track.due_source.split("=", 1)[1]
            due_source = pick(
                lang, (f"{days} ngày kể từ ngày thông báo", f"{days} days after the notice")
            )
        elif track.due_source == "reviewer":
            due_source = pick(lang, ("do người rà soát đặt", "set by the reviewer"))
        else:
            due_source = track.due_source
        rule = rules.get(f.rule_id)
        decision = decisions.get(f.finding_key)
        note_text = "\n".join(
            f"{n.reviewer} ({_local(n.created_at):%d/%m/%Y %H:%M}): {n.text}"
            for n in notes.get(f.finding_key, [])
        )
        table.rows.append(
            [
                f.rule_id,
                rule.title(lang) if rule else f.rule_id,
                pick(lang, GROUP_LABELS[rule.group]) if rule else "",
                pick(lang, SEVERITY_LABELS[f.severity]),
                f.unit_code,
                f.unit_name,
                body.label(lang) if body else None,
                f.year,
                numbers.get(f.resolution_id) if f.resolution_id else None,
                pick(lang, ENTITY_LABELS.get(f.entity_kind, (f.entity_kind, f.entity_kind))),
                f.entity_id,
                f.message(lang),
                f.legal_basis(lang),
                labels.get(decision.decision, decision.decision) if decision else None,
                decision.reviewer if decision else None,
                _local(decision.created_at) if decision else None,
                (decision.reason or None) if decision else None,
                note_text or None,
                owner_label(track.owner, lang) or None,
                track.due,
                due_source or None,
                f"{track.notice_number} ({vn_day(track.notice_date)})"
                if track.notice_number
                else None,
                track.evidence.text(lang) if track.evidence else None,
                track.until,
                yes_no[0] if track.overdue else yes_no[1],
                track.overdue_days,
                f.finding_key,
            ]
        )
    return table


def _decision_labels(lang: str) -> dict[str, str]:
    from ..review.sqlite import DECISION_LABELS

    return dict(DECISION_LABELS["en" if lang == "en" else "vi"])


def _summary_table(
    store: Store,
    findings: list[Finding],
    decisions: dict[str, Any],
    unit: str | None,
    year: int | None,
    lang: str,
) -> Table:
    table = Table(
        "units",
        "Tổng hợp đơn vị",
        "Unit summary",
        "tong_hop_don_vi",
        [
            Column("unit_code", "Mã đơn vị", "Unit code", width=10),
            Column("unit_name", "Đơn vị", "Unit", width=16),
            Column("kind", "Loại", "Kind", width=9),
            Column("year", "Năm", "Year", "int", width=7),
            Column("reviewing_body", "Cơ quan thẩm tra", "Reviewing body", width=30),
            Column("resolutions", "Số nghị quyết", "Resolutions", "int", width=10),
            Column("ntm_resolutions", "Nghị quyết NTM", "NTM resolutions", "int", width=10),
            Column("projects", "Công trình", "Works", "int", width=10),
            Column("total_investment", "Tổng mức đầu tư", "Total investment", "money", 18),
            Column("capital_central", "Vốn trung ương", "Central capital", "money", 18),
            Column("capital_local", "Vốn địa phương", "Local capital", "money", 18),
            Column("capital_community", "Vốn cộng đồng", "Community capital", "money", 18),
            Column("capital_other", "Vốn khác", "Other capital", "money", 18),
            Column("surplus_available", "Số kết dư", "Surplus available", "money", 18),
            Column("surplus_allocated", "Kết dư đã phân bổ", "Surplus allocated", "money", 18),
            Column("findings_error", "Lỗi", "Errors", "int", width=8),
            Column("findings_warning", "Cảnh báo", "Warnings", "int", width=9),
            Column("findings_info", "Thông tin", "Info", "int", width=9),
            Column("findings", "Tổng phát hiện", "Findings", "int", width=10),
            Column("decided", "Đã quyết định", "Decided", "int", width=10),
        ],
    )
    per_unit: dict[tuple[str, int | None], list[int]] = {}
    for f in findings:
        counts = per_unit.setdefault((f.unit_code, f.year), [0, 0])
        counts[0] += 1
        counts[1] += f.finding_key in decisions
    summary = store.rows("export/unit_summary", unit=unit, year=year)
    # A unit-year's body: the one valid on the last day of the year the unit existed.
    bodies = bodies_for(
        store, [(row[0], date(row[3], 12, 31)) for row in summary], deployment_body(store.meta())
    )
    for row in summary:
        code, name, kind, yr, *numbers = row
        total, decided = per_unit.get((code, yr), [0, 0])
        body = bodies.get((code, date(yr, 12, 31)))
        table.rows.append(
            [code, name, pick(lang, UNIT_KIND_LABELS.get(kind, (kind, kind))), yr]
            + [body.label(lang) if body else None, *numbers]
            + [total, decided]
        )
    return table


def _capital_table(store: Store, unit: str | None, year: int | None, lang: str) -> Table:
    rows = store.rows("export/capital", unit=unit, year=year)
    sources = store.rows("views/capital_sources")
    used = [s for s in sources if any(r[9] == s[0] for r in rows)]
    table = Table(
        "capital",
        "Vốn",
        "Capital",
        "von",
        [
            Column("unit_code", "Mã đơn vị", "Unit code", width=10),
            Column("unit_name", "Đơn vị", "Unit", width=16),
            Column("year", "Năm", "Year", "int", width=7),
            Column("resolution", "Nghị quyết", "Resolution", width=16),
            Column("resolution_date", "Ngày nghị quyết", "Resolution date", "date", width=12),
            Column("work", "Công trình", "Work", width=40),
            Column("criterion", "Tiêu chí", "Criterion", "int", width=8),
            Column("total_investment", "Tổng mức đầu tư", "Total investment", "money", 18),
            *(
                Column(f"source:{code}", name_vi, name_en, "money", 18)
                for code, name_vi, name_en, *_ in used
            ),
            Column("capital_total", "Cộng các nguồn", "All sources", "money", 18),
            Column("unstated", "Dòng vốn chưa ghi số tiền", "Lines without amount", "int", 12),
            Column(
                "programme_share", "Chương trình, tỷ lệ lồng ghép", "Programme and share", width=30
            ),
        ],
    )
    works: dict[str, list[Any]] = {}
    lines: dict[str, dict[str, Any]] = {}
    unstated: dict[str, int] = {}
    for (
        unit_code,
        unit_name,
        yr,
        number,
        issued,
        pid,
        name,
        crit,
        total,
        src,
        amount,
        share,
    ) in rows:
        if pid not in works:
            works[pid] = [unit_code, unit_name, yr, number, issued, name, crit, total, []]
            lines[pid] = {}
            unstated[pid] = 0
        if src is not None:
            # A source may have several lines (commune budget: kết dư + tăng thu): add them.
            if amount is None:
                unstated[pid] += 1
                lines[pid].setdefault(src, None)
            else:
                lines[pid][src] = (lines[pid].get(src) or 0) + amount
            if share:
                works[pid][8].append(share)
    for pid, (*head, shares) in works.items():
        amounts = lines[pid]
        stated = [a for a in amounts.values() if a is not None]
        table.rows.append(
            [
                *head,
                *(amounts.get(code) for code, *_ in used),
                sum(stated) if amounts else None,
                unstated[pid],
                "; ".join(shares) or None,
            ]
        )
    return table


def _surplus_table(store: Store, unit: str | None, year: int | None, lang: str) -> Table:
    table = Table(
        "surplus",
        "Kết dư",
        "Surplus",
        "ket_du",
        [
            Column("unit_code", "Mã đơn vị", "Unit code", width=10),
            Column("unit_name", "Đơn vị", "Unit", width=16),
            Column("year", "Năm phân bổ", "Year allocated", "int", width=8),
            Column("fiscal_year", "Năm ngân sách", "Budget year", "int", width=8),
            Column("available", "Số kết dư", "Available", "money", 18),
            Column("settlement_ref", "NQ phê chuẩn quyết toán", "Settlement approval", width=18),
            Column("settlement_date", "Ngày phê chuẩn", "Approval date", "date", width=12),
            Column("resolution", "NQ phân bổ", "Allocating resolution", width=16),
            Column("resolution_date", "Ngày NQ phân bổ", "Allocation date", "date", width=12),
            Column("line_no", "STT", "Line", "int", width=5),
            Column("category", "Nội dung chi", "Category", width=28),
            Column("field", "Lĩnh vực", "Field", width=18),
            Column("item", "Dự án / khoản chi", "Project / item", width=40),
            Column("amount", "Số tiền", "Amount", "money", 18),
        ],
    )
    for row in store.rows("export/surplus", unit=unit, year=year):
        (
            code,
            name,
            yr,
            fiscal,
            available,
            settle_ref,
            settle_date,
            number,
            issued,
            line_no,
            cat_vi,
            cat_en,
            field_vi,
            field_en,
            project_name,
            item,
            amount,
        ) = row
        table.rows.append(
            [
                code,
                name,
                yr,
                fiscal,
                available,
                settle_ref,
                settle_date,
                number,
                issued,
                line_no,
                cat_en if lang == "en" else cat_vi,
                field_en if lang == "en" else field_vi,
                project_name or item,
                amount,
            ]
        )
    return table


def _scope_body(tables: list[Table], lang: str) -> str:
    """The one body that reviews everything exported, else "by unit" (see the column)."""
    summary = next(t for t in tables if t.key == "units")
    column = summary.column("reviewing_body")
    names = {row[column] for row in summary.rows if row[column]}
    if len(names) <= 1:
        return names.pop() if names else "—"
    return pick(
        lang, ("theo từng đơn vị (cột Cơ quan thẩm tra)", "by unit (the Reviewing body column)")
    )


def check_unit(store: Store, unit: str | None) -> None:
    if unit is not None and not store.dicts("views/unit", code=unit):
        raise UsageError("unknown_unit", code=unit)


def collect(
    store: Store, reviews: Any, unit: str | None = None, year: int | None = None, lang: str = "vi"
) -> ExportData:
    """The four tables of an export, in the UI language. `reviews` may be None."""
    check_unit(store, unit)
    findings = load_findings(store, unit=unit, year=year)
    keys = {f.finding_key for f in findings}
    decisions = reviews.current_decisions(keys) if reviews is not None and keys else {}
    notes = _notes_by_finding(reviews, unit, keys)
    meta = store.meta()
    tables = [
        _findings_table(store, reviews, findings, decisions, notes, unit, year, lang),
        _summary_table(store, findings, decisions, unit, year, lang),
        _capital_table(store, unit, year, lang),
        _surplus_table(store, unit, year, lang),
    ]
    every = pick(lang, ("tất cả", "all"))
    info = [
        (pick(lang, ("Dữ liệu", "Database")), str(store.path)),
        (pick(lang, ("Đơn vị", "Unit")), unit or every),
        (pick(lang, ("Năm", "Year")), str(year) if year else every),
        (
            pick(lang, ("Thời điểm xuất", "Exported at")),
            datetime.now().strftime("%d/%m/%Y %H:%M"),
        ),
        (pick(lang, ("Cơ quan thẩm tra", "Reviewing body")), _scope_body(tables, lang)),
        (pick(lang, ("Số phát hiện", "Findings")), str(len(findings))),
        (pick(lang, ("Đã quyết định", "Decided")), str(len(decisions))),
    ]
    demo = None
    if meta.get("dataset_kind") == "demo":
        demo = meta.get("notice_en" if lang == "en" else "notice_vi") or pick(
            lang, ("DỮ LIỆU MẪU", "DEMO DATA")
        )
    return ExportData(tables, info, demo)


# -- output paths ---------------------------------------------------------------------


def _wants_directory(out: Path, raw: str) -> bool:
    return out.is_dir() or raw.endswith(("/", os.sep))


def check_output_file(out: Path, example_name: str) -> None:
    """Refuse, in one sentence, an OUT that cannot be a file we write."""
    if out.is_dir():
        raise ExportError("out_is_directory", path=out, example=out / example_name)
    parent = out.parent
    if parent.exists() and not parent.is_dir():
        raise ExportError("out_unwritable", path=out, detail=OSError(errno.ENOTDIR, "not a dir"))
    if not parent.exists():
        # A file somewhere up the path makes it unwritable, not missing.
        for ancestor in parent.parents:
            if ancestor.exists():
                if not ancestor.is_dir():
                    raise ExportError(
                        "out_unwritable", path=out, detail=OSError(errno.ENOTDIR, "not a dir")
                    )
                break
        raise ExportError("out_dir_missing", path=parent)


def atomic_write(out: Path, write: Callable[[Path], None]) -> Path:
    """Run write(temp) on a fresh temporary beside `out`, then rename it over `out`
    (core/faults.py: O_EXCL random temporaries, no planted symlink followed)."""
    try:
        return write_atomically(out, write)
    except WriteFailed as err:
        cause = err.cause if isinstance(err.cause, OSError) else OSError(str(err.cause))
        raise ExportError("out_unwritable", path=out, detail=cause) from None


# -- xlsx -----------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return vn_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return money(value)
    return str(value)


def _column_width(column: Column, values: Iterable[Any], lang: str) -> float:
    if column.width:
        return column.width
    longest = max((len(_cell_text(v)) for v in values), default=0)
    return max(8, min(60, max(longest, len(column.header(lang))) + 2))


def _xlsx_sheet(wb: Any, table: Table, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(table.title(lang))
    ws.append([c.header(lang) for c in table.columns])
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        xlsx_append(ws, row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        fmt = {
            "money": MONEY_FORMAT,
            "int": INT_FORMAT,
            "date": DATE_FORMAT,
            "datetime": DATETIME_FORMAT,
        }.get(column.kind)
        width = _column_width(column, (r[index - 1] for r in table.rows), lang)
        ws.column_dimensions[letter].width = width
        long_text = column.kind == "text" and width >= 30
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            if fmt:
                cell.number_format = fmt
            elif long_text:
                cell.alignment = wrap
    ws.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(table.rows) + 1)}"


def write_xlsx(data: ExportData, out: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for table in data.tables:
        _xlsx_sheet(wb, table, lang)
    ws = wb.create_sheet(pick(lang, ("Thông tin", "About")))
    if data.demo_notice:
        ws.append([data.demo_notice])
        ws["A1"].font = Font(bold=True, color="C00000")
    for label, value in data.info:
        xlsx_append(ws, [label, value])
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60
    wb.properties.creator = "ntm-review"
    wb.properties.title = pick(lang, ("Kết quả thẩm tra", "Review results"))
    wb.save(out)


# -- csv ------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return vn_date(value)
    return value


def write_csv_table(table: Table, out: Path, lang: str) -> None:
    with open(out, "w", newline="", encoding=CSV_ENCODING) as handle:
        write_csv(
            handle,
            [c.header(lang) for c in table.columns],
            ([_csv_value(v) for v in row] for row in table.rows),
        )


# -- markdown -------------------------------------------------------------------------


def _md_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == "money":
        text = money(value)
    elif column.kind == "int":
        text = str(value)
    else:
        text = _cell_text(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def markdown_table(table: Table, lang: str) -> list[str]:
    right = {"money", "int"}
    lines = [
        "| " + " | ".join(c.header(lang) for c in table.columns) + " |",
        "|" + "|".join("---:" if c.kind in right else "---" for c in table.columns) + "|",
    ]
    for row in table.rows:
        cells = (_md_cell(v, c) for v, c in zip(row, table.columns, strict=True))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def write_md(data: ExportData, out: Path, lang: str) -> None:
    lines = [f"# {pick(lang, ('Kết quả thẩm tra', 'Review results'))}", ""]
    if data.demo_notice:
        lines += [f"> **{data.demo_notice}**", ""]
    lines += [f"- {label}: {value}" for label, value in data.info]
    for table in data.tables:
        lines += ["", f"## {table.title(lang)}", ""]
        if table.key != "findings":
            lines += [pick(lang, ("Số tiền tính bằng đồng.", "Amounts in đồng.")), ""]
        if table.rows:
            lines += markdown_table(table, lang)
        else:
            lines.append(pick(lang, ("(không có dòng nào)", "(no rows)")))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- import layout --------------------------------------------------------------------


def import_rows(
    store: Store, unit: str | None = None, year: int | None = None
) -> dict[str, list[list[Any]]]:
    """The data in scope as rows of each layout sheet (values typed, refs generated).

    References are numbered in the order extract() returns the data: NQ1, NQ2, … for
    resolutions, CT1, … for works, KD1, … for surpluses, so the same database always
    gives the same file. A reference to a resolution outside the scope is left empty.
    """
    data = extract(store).data
    resolutions = [
        r
        for r in data.resolutions
        if (unit is None or r.unit_code == unit) and (year is None or r.year == year)
    ]
    surpluses = [
        s
        for s in data.surpluses
        if (unit is None or s.unit_code == unit) and (year is None or s.year == year)
    ]
    res_ref = {r.resolution_id: f"NQ{i}" for i, r in enumerate(resolutions, start=1)}
    out: dict[str, list[list[Any]]] = {sheet.key: [] for sheet in layout.SHEETS}
    work_no = 0
    for r in resolutions:
        ref = res_ref[r.resolution_id]
        values = {
            "res_ref": ref,
            "unit_code": r.unit_code,
            "number": r.number,
            "issue_date": r.issue_date,
            "year": r.year,
            "session": r.session,
            "title": r.title,
            "kind": r.kind,
            "status": r.status,
            "submission_ref": r.submission_ref,
            "amends_ref": res_ref.get(r.amends_id) if r.amends_id else None,
            "note": r.note,
        }
        out["resolutions"].append(_layout_row(layout.RESOLUTIONS, values))
        for line_no, text in enumerate(r.basis, start=1):
            out["basis"].append(
                _layout_row(layout.BASIS, {"res_ref": ref, "line_no": line_no, "text": text})
            )
        for p in r.projects:
            work_no += 1
            work_ref = f"CT{work_no}"
            values = {
                "res_ref": ref,
                "work_ref": work_ref,
                "name": p.name,
                "location": p.location,
                "scale": p.scale,
                "period": p.period,
                "criterion_code": p.criterion_code,
                "group_code": p.group_code,
                "total_investment": p.total_investment,
                "policy_decision_ref": p.policy_decision_ref,
                "policy_delegated": p.policy_delegated,
                "small_mechanism": p.small_mechanism,
                "commune_group": p.commune_group,
                "sector": p.sector,
                "phase": p.phase,
                "note": p.note,
            }
            out["works"].append(_layout_row(layout.WORKS, values))
            for c in p.capital:
                values = {
                    "work_ref": work_ref,
                    "source_code": c.source_code,
                    "amount": c.amount,
                    "programme_share": c.programme_share,
                    "revenue_kind": c.revenue_kind,
                    "note": c.note,
                }
                out["capital"].append(_layout_row(layout.CAPITAL, values))
        # The commune's stated total of the list, as a "Cộng" row under its works (the
        # importer checks it again); totals of parts of the list are not carried over.
        listed = sum(p.total_investment or 0 for p in r.projects)
        whole = [
            t
            for t in r.stated_totals
            if t.measure == layout.WORKS.field("total_investment").header_vi
            and t.listed == listed
            and r.projects
        ]
        if whole:
            out["works"].append(
                _layout_row(
                    layout.WORKS, {"name": "Cộng", "total_investment": whole[0].stated}, total=True
                )
            )
    for k, s in enumerate(surpluses, start=1):
        ref = f"KD{k}"
        values = {
            "surplus_ref": ref,
            "unit_code": s.unit_code,
            "year": s.year,
            "fiscal_year": s.fiscal_year,
            "available": s.available,
            "settlement_ref": s.settlement_ref,
            "settlement_date": s.settlement_date,
            "res_ref": res_ref.get(s.resolution_id) if s.resolution_id else None,
            "note": s.note,
        }
        out["surpluses"].append(_layout_row(layout.SURPLUSES, values))
        for line_no, line in enumerate(s.lines, start=1):
            values = {
                "surplus_ref": ref,
                "line_no": line_no,
                "category_code": line.category_code,
                "field_code": line.field_code,
                "project_name": line.project_name,
                "item": line.item,
                "amount": line.amount,
                "note": line.note,
            }
            out["surplus_lines"].append(_layout_row(layout.SURPLUS_LINES, values))
    return out


def _layout_row(sheet: layout.Sheet, values: dict[str, Any], total: bool = False) -> list[Any]:
    row = []
    for f in sheet.fields:
        value = values.get(f.key)
        if f.kind == "bool" and not total:
            value = "có" if value else "không"
        elif isinstance(value, str):
            value = value or None
        row.append(value)
    return row


_LAYOUT_FORMATS = {"money": MONEY_FORMAT, "date": DATE_FORMAT, "year": INT_FORMAT, "int": "0"}


def write_import_xlsx(store: Store, out: Path, unit: str | None, year: int | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = import_rows(store, unit, year)
    wb = Workbook()
    guide = wb.active
    guide.title = layout.README_SHEET_VI
    guide.append(["Trang", "Cột", "Bắt buộc", "Giải thích", "Sheet", "Column", "Explanation"])
    for sheet in layout.SHEETS:
        for f in sheet.fields:
            guide.append(
                [
                    sheet.title_vi,
                    f.header_vi,
                    "có" if f.required else "không",
                    f.help_vi,
                    sheet.title_en,
                    f.header_en,
                    f.help_en,
                ]
            )
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFG", (16, 26, 9, 60, 16, 26, 60), strict=True):
        guide.column_dimensions[letter].width = width
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for sheet in layout.SHEETS:
        ws = wb.create_sheet(sheet.title_vi)
        # The amounts are exact đồng: say so, or the importer would have to assume it.
        ws.append([f.header_vi + (" (đồng)" if f.kind == "money" else "") for f in sheet.fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows[sheet.key]:
            xlsx_append(ws, row)
        for index, f in enumerate(sheet.fields, start=1):
            letter = get_column_letter(index)
            fmt = _LAYOUT_FORMATS.get(f.kind, "@")
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
            width = {"money": 18, "date": 12, "year": 8, "int": 6, "bool": 10}.get(f.kind)
            if width is None:
                longest = max((len(str(r[index - 1] or "")) for r in rows[sheet.key]), default=0)
                width = max(10, min(60, max(longest, len(f.header_vi)) + 2))
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = (
            f"A1:{get_column_letter(len(sheet.fields))}{max(1, len(rows[sheet.key]) + 1)}"
        )
    wb.properties.creator = "ntm-review"
    wb.save(out)


# -- entry point ----------------------------------------------------------------------

DEFAULT_NAMES = {
    "xlsx": "ket-qua-tham-tra.xlsx",
    "csv": "phat-hien.csv",
    "md": "ket-qua-tham-tra.md",
    "import-xlsx": "du-lieu.xlsx",
}


def export_findings(
    store: Store,
    reviews: Any,
    fmt: str,
    out: Path | str,
    unit: str | None = None,
    year: int | None = None,
    lang: str = "vi",
) -> Path:
    """Write an export; return the file (or, for CSV into a directory, the directory).

    `reviews` is a ReviewStore or None (then no decision or note appears).
    Raises UsageError for an unknown unit and ExportError for a bad format or OUT.
    """
    raw = str(out)
    out = Path(out).expanduser()
    if fmt not in FORMATS:
        raise ExportError("bad_format", fmt=fmt, choices=", ".join(FORMATS))
    check_unit(store, unit)
    if fmt == "import-xlsx":
        check_output_file(out, DEFAULT_NAMES[fmt])
        return atomic_write(out, lambda p: write_import_xlsx(store, p, unit, year))
    if fmt == "csv" and _wants_directory(out, raw):
        if not out.is_dir():
            check_output_file(out, DEFAULT_NAMES[fmt])
            try:
                out.mkdir()
            except OSError as exc:
                raise ExportError("out_unwritable", path=out, detail=exc) from None
        data = collect(store, reviews, unit, year, lang)
        for table in data.tables:
            target = out / f"{table.file_stem}.csv"
            if target.is_dir():
                raise ExportError("out_is_directory", path=target, example=target / "x.csv")
            atomic_write(target, lambda p, t=table: write_csv_table(t, p, lang))
        return out
    check_output_file(out, DEFAULT_NAMES[fmt])
    data = collect(store, reviews, unit, year, lang)
    if fmt == "csv":
        return atomic_write(out, lambda p: write_csv_table(data.tables[0], p, lang))
    if fmt == "md":
        return atomic_write(out, lambda p: write_md(data, p, lang))
    return atomic_write(out, lambda p: write_xlsx(data, p, lang))
