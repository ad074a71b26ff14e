"""The tables an export holds: findings with decisions, unit summaries, capital, surplus."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ...data.store import Store
from ...errors import UsageError
from ...lang.language import Lang, as_lang
from ...rules.bodies import bodies_for, deployment_body, finding_bodies
from ...rules.engine import rules_by_id
from ...rules.findings import ENTITY_LABELS, SEVERITY_LABELS, Finding, load_findings
from .messages import GROUP_LABELS, UNIT_KIND_LABELS

# -- tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    kind: str = "text"  # text | int | money | date | datetime
    width: int | None = None  # characters; None: from the content

    def header(self, lang: Lang) -> str:
        return lang.pick(self.vi, self.en)


@dataclass
class Table:
    key: str
    title_vi: str  # the sheet name (≤ 31 characters)
    title_en: str
    file_stem: str  # the CSV file name in the directory layout
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)

    def title(self, lang: Lang) -> str:
        return lang.pick(self.title_vi, self.title_en)

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
    lang: Lang,
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
    from ...review.service import track_findings
    from ...review.tracking import owner_label, vn_day

    tracked = track_findings(
        store, reviews, [(f.finding_key, f.rule_id, f.unit_code, f.year, False) for f in findings]
    )
    yes_no = lang.pair(("có", "yes")), lang.pair(("không", "no"))
    for f, body in zip(findings, bodies, strict=True):
        track = tracked[f.finding_key]
        if track.due_source.startswith("correction_days="):
            days = track.due_source.split("=", 1)[1]
            due_source = lang.pick(
                f"{days} ngày kể từ ngày thông báo", f"{days} days after the notice"
            )
        elif track.due_source == "reviewer":
            due_source = lang.pair(("do người rà soát đặt", "set by the reviewer"))
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
                lang.pair(GROUP_LABELS[rule.group]) if rule else "",
                lang.pair(SEVERITY_LABELS[f.severity]),
                f.unit_code,
                f.unit_name,
                body.label(lang) if body else None,
                f.year,
                numbers.get(f.resolution_id) if f.resolution_id else None,
                lang.pair(ENTITY_LABELS.get(f.entity_kind, (f.entity_kind, f.entity_kind))),
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


def _decision_labels(lang: Lang) -> dict[str, str]:
    from ...review.sqlite import DECISION_LABELS

    return dict(DECISION_LABELS[lang.code])


def _summary_table(
    store: Store,
    findings: list[Finding],
    decisions: dict[str, Any],
    unit: str | None,
    year: int | None,
    lang: Lang,
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
            [code, name, lang.pair(UNIT_KIND_LABELS.get(kind, (kind, kind))), yr]
            + [body.label(lang) if body else None, *numbers]
            + [total, decided]
        )
    return table


def _capital_table(store: Store, unit: str | None, year: int | None, lang: Lang) -> Table:
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


def _surplus_table(store: Store, unit: str | None, year: int | None, lang: Lang) -> Table:
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
                lang.pick(cat_vi, cat_en),
                lang.pick(field_vi, field_en),
                project_name or item,
                amount,
            ]
        )
    return table


def _scope_body(tables: list[Table], lang: Lang) -> str:
    """The one body that reviews everything exported, else "by unit" (see the column)."""
    summary = next(t for t in tables if t.key == "units")
    column = summary.column("reviewing_body")
    names = {row[column] for row in summary.rows if row[column]}
    if len(names) <= 1:
        return names.pop() if names else "—"
    return lang.pick(
        "theo từng đơn vị (cột Cơ quan thẩm tra)", "by unit (the Reviewing body column)"
    )


def check_unit(store: Store, unit: str | None) -> None:
    if unit is not None and not store.dicts("views/unit", code=unit):
        raise UsageError("unknown_unit", code=unit)


def collect(
    store: Store,
    reviews: Any,
    unit: str | None = None,
    year: int | None = None,
    lang: Lang | str = "vi",
) -> ExportData:
    """The four tables of an export, in the UI language. `reviews` may be None."""
    lang = as_lang(lang)
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
    every = lang.pair(("tất cả", "all"))
    info = [
        (lang.pair(("Dữ liệu", "Database")), str(store.path)),
        (lang.pair(("Đơn vị", "Unit")), unit or every),
        (lang.pair(("Năm", "Year")), str(year) if year else every),
        (
            lang.pair(("Thời điểm xuất", "Exported at")),
            datetime.now().strftime("%d/%m/%Y %H:%M"),
        ),
        (lang.pair(("Cơ quan thẩm tra", "Reviewing body")), _scope_body(tables, lang)),
        (lang.pair(("Số phát hiện", "Findings")), str(len(findings))),
        (lang.pair(("Đã quyết định", "Decided")), str(len(decisions))),
    ]
    demo = None
    if meta.get("dataset_kind") == "demo":
        demo = meta.get(lang.pick("notice_vi", "notice_en")) or lang.pick(
            "DỮ LIỆU MẪU", "DEMO DATA"
        )
    return ExportData(tables, info, demo)
