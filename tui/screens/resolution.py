"""One resolution: header, grounds with the four required categories, works with capital, findings."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from ..core.data import reads
from ..core.data.reads import (
    BasisLine,
    CapitalLine,
    CapitalSource,
    ProvincialLink,
    RequiredCategory,
    ResolutionHeader,
    ResolutionNote,
)
from ..core.fmt import vn_date
from ..core.rules.bodies import body_for, deployment_body
from ..core.rules.findings import Finding
from ..keys import bindings
from ..text import tr
from ..widgets.footer import Footer
from ..widgets.review_table import ReviewTable
from . import requests
from .base import ReviewScreen


class ResolutionScreen(ReviewScreen):
    HELP_VI = (
        "Một nghị quyết: số, ngày, kỳ họp, trích yếu; các dòng căn cứ nguyên văn với văn bản và "
        "loại căn cứ nhận dạng được; bốn căn cứ bắt buộc (✔ có, ✖ thiếu); danh mục công trình với "
        "vốn theo từng nguồn; và các phát hiện. Tab chuyển giữa các bảng, Enter trên phát hiện để "
        "đi tới đối tượng."
    )
    HELP_EN = (
        "One resolution: number, date, session, title; its grounds as written with the recognised "
        "document and category; the four required grounds (✔ present, ✖ missing); its works with "
        "capital per source; and its findings. Tab moves between tables, Enter on a finding jumps "
        "to its subject."
    )
    BINDINGS = bindings(
        "findings.open",
        "review.needs_correction",
        "review.accept",
        "review.corrected",
        "review.not_applicable",
        "review.undo",
        "review.note",
        "review.log",
    )

    def __init__(self, resolution_id: str, session=None) -> None:
        super().__init__(session)
        self.resolution_id = resolution_id
        self.findings: list[Finding] = []
        self.basis_links: dict[str, ProvincialLink] = {}
        self.finding_by_key: dict[str, Finding] = {}

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="resolution"):
            yield Static(tr("loading", lang), id="status-line", classes="status", markup=False)
            yield Static("", id="res-title", classes="head", markup=False)
            yield Static("", id="res-meta", markup=False)
            yield Static("", id="res-grounds", markup=False)
            yield Label(tr("section_basis", lang), classes="section")
            yield ReviewTable(id="basis", cursor_type="row", zebra_stripes=True)
            yield Label(tr("section_works", lang), classes="section")
            yield ReviewTable(id="capital", cursor_type="row", zebra_stripes=True)
            yield Static("", id="res-notes", markup=False)
            yield Label(tr("section_findings", lang), classes="section")
            yield ReviewTable(id="res-findings", cursor_type="row", zebra_stripes=True)
            # The legal basis of the highlighted finding: that of the rule period the
            # resolution's date falls in.
            yield Static("", id="res-finding-basis", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    def show_resolution(self, resolution_id: str) -> None:
        """Make this (already built) screen show another resolution, or the same one
        afresh, before it is pushed again (the app reuses one resolution screen). Nothing
        of the resolution shown before stays; scroll and cursors start at the top and the
        first table has the focus, as on a new screen."""
        self.workers.cancel_group(self, "resolution")
        self.workers.cancel_group(self, "detail")
        self.resolution_id = resolution_id
        self.shown = None
        self.findings = []
        self.basis_links = {}
        self.finding_by_key = {}
        self._generation = -1  # reloaded when shown (on_screen_resume)
        self.query_one("#status-line", Static).update(tr("loading", self.lang))
        for name in ("res-title", "res-meta", "res-grounds", "res-notes", "res-finding-basis"):
            self.query_one(f"#{name}", Static).update("")
        self.query_one("#res-notes", Static).display = True
        for table in self.query(ReviewTable):
            table.clear(columns=True)
            table.scroll_to(0, 0, animate=False, immediate=True)
        self.query_one("#resolution", VerticalScroll).scroll_to(0, 0, animate=False, immediate=True)
        self.set_focus(self.query_one("#basis", ReviewTable))

    def load_data(self) -> None:
        session, rid = self.session, self.resolution_id

        def fetch() -> tuple[dict, dict] | None:
            store = session.store
            if store is None:
                return None
            data = {
                "id": rid,
                "header": reads.read(store, ResolutionHeader, resolution_id=rid),
                "basis": reads.read(store, BasisLine, resolution_id=rid),
                # Grounds citing a provincial resolution held in the data (its mechanism).
                "links": {
                    link.line_id: link
                    for link in reads.read(store, ProvincialLink, resolution_id=rid)
                },
                "categories": reads.read(store, RequiredCategory, resolution_id=rid),
                "capital": reads.read(store, CapitalLine, resolution_id=rid),
                "notes": reads.read(store, ResolutionNote, resolution_id=rid),
                "sources": reads.read(store, CapitalSource),
                "body": None,
                "findings": [
                    Finding(*r) for r in store.rows("views/resolution_findings", resolution_id=rid)
                ],
            }
            if data["header"]:
                # Who reviews it: the body valid on the resolution's date (core/bodies).
                header = data["header"][0]
                data["body"] = body_for(
                    store, header.unit_code, header.issue_date, deployment_body(session.meta)
                )
            decisions = session.decisions_for([f.finding_key for f in data["findings"]])
            return data, decisions

        def apply(result: tuple[dict, dict] | None) -> None:
            if result is not None:
                self._show(*result)

        self.load_in_worker(fetch, apply, group="resolution")

    def _show(self, data: dict, decisions: dict) -> None:
        lang = self.lang
        session = self.session
        if data["id"] != self.resolution_id:
            return  # loaded for the resolution this screen showed before
        self.shown = (data, decisions)
        self.loaded_decisions = decisions
        self.shown_width = self.size.width
        if not data["header"]:
            self.query_one("#res-title", Static).update(self.resolution_id)
            return
        h: ResolutionHeader = data["header"][0]
        number, title, kind, submission, amends = (
            h.number,
            h.title,
            h.kind,
            h.submission_ref,
            h.amends_number,
        )
        self.query_one("#status-line", Static).update(
            session.status_text(f"{h.unit_code} {h.unit_name} › {number}")
        )
        self.query_one("#res-title", Static).update(Text(title, style="bold"))
        meta = tr(
            "res_head",
            lang,
            number=number,
            date=vn_date(h.issue_date),
            session=h.session or "—",
            status=tr(f"status_{h.status}", lang),
        )
        if submission:
            meta += tr("res_submission", lang, submission=submission)
        if amends:
            meta += tr("res_amends", lang, amends=amends)
        if data["body"]:
            meta += " · " + tr("reviewed_by", lang, body=data["body"].label(lang))
        self.query_one("#res-meta", Static).update(meta)
        grounds = Text(tr("required_grounds", lang) + " ", style="bold")
        if kind == "ntm":
            for category in data["categories"]:
                name = lang.pick(category.name_vi, category.name_en)
                present = category.present
                grounds.append(
                    f"{'✔' if present else '✖'} {name}  ",
                    style="green" if present else self.emphasis("error"),
                )
        else:
            grounds.append(tr("grounds_na", lang), style="dim")
        self.query_one("#res-grounds", Static).update(grounds)

        self.basis_links = data["links"]
        with self.query_one("#basis", ReviewTable).refill() as table:
            self._fill_basis(table, data)
        with self.query_one("#capital", ReviewTable).refill() as table:
            self._fill_capital(table, data)
        self._fill_notes(data)
        self.findings = data["findings"]
        self.finding_by_key = {f.finding_key: f for f in self.findings}
        with self.query_one("#res-findings", ReviewTable).refill() as table:
            self.fill_finding_rows(
                table, self.findings, decisions, empty=tr("empty_resolution_findings", self.lang)
            )
        self.refresh_bindings()

    def _fill_basis(self, table: ReviewTable, data: dict) -> None:
        lang = self.lang
        # Document numbers are never cut ("06/2022/NQ-HĐN" is another document): their
        # column fits the longest; the category fits up to 18 columns, then ends in "…";
        # the ground as written takes what is left.
        doc_width = max(
            [cell_len(tr("col_document", lang)), cell_len(tr("unrecognised", lang))]
            + [cell_len(b.doc_number) for b in data["basis"] if b.doc_number]
            + [cell_len(f"→ {link.number}") for link in data["links"].values()]
        )
        category_width = min(
            max(
                [cell_len(tr("col_basis_category", lang))]
                + [cell_len(lang.pick(b.category_vi, b.category_en) or "") for b in data["basis"]]
            ),
            18,
        )
        force_width = 8
        fixed = 3 + doc_width + category_width + force_width + 2 * 5 + 2
        text_width = max(self.size.width - fixed, 20)
        table.add_column("#", width=3)
        table.add_column(tr("col_ground", lang), width=text_width)
        table.add_column(tr("col_document", lang), width=doc_width)
        table.add_column(tr("col_basis_category", lang), width=category_width)
        table.add_column(tr("col_in_force", lang), width=force_width)
        for b in data["basis"]:
            line_id, doc_number, method, in_force = b.line_id, b.doc_number, b.method, b.in_force
            link = data["links"].get(line_id)
            doc_cell = (
                Text(f"→ {link.number}", style="cyan")  # Enter opens the provincial resolution
                if link
                else Text(doc_number)
                if doc_number
                else Text(
                    tr("unrecognised", lang) if method is None else "—",
                    style="yellow" if method is None else "dim",
                )
            )
            force_cell = (
                Text("—", style="dim")
                if in_force is None
                else (
                    Text(tr("yes", lang), style="green")
                    if in_force
                    else Text(tr("no", lang), style=self.emphasis("error"))
                )
            )
            table.add_row(
                str(b.line_no),
                Text(b.text, style=self.emphasis("error") if b.findings else ""),
                doc_cell,
                lang.pick(b.category_vi, b.category_en) or "",
                force_cell,
                key=line_id,
            )

    def _fill_capital(self, table: ReviewTable, data: dict) -> None:
        """Works with one column per capital source used in this resolution."""
        lang = self.lang
        used_codes = {c.source_code for c in data["capital"]}
        used = [s.code for s in data["sources"] if s.code in used_codes]
        table.add_columns(
            tr("col_work", lang),
            tr("col_criterion", lang),
            Text(tr("col_total", lang), justify="right"),
            *(Text(code, justify="right") for code in used),
        )
        works: dict[str, dict] = {}
        for c in data["capital"]:
            w = works.setdefault(
                c.project_id,
                {
                    "name": c.name,
                    "criterion": c.criterion_code,
                    "total": c.total_investment,
                    "lines": {},
                },
            )
            if c.source_code is not None:
                w["lines"][c.source_code] = c.amount
        if not works:
            table.add_row(
                Text(tr("no_works", lang), style=self.emphasis("error")),
                "",
                "",
                *("" for _ in used),
            )
        for project_id, w in works.items():
            table.add_row(
                w["name"],
                str(w["criterion"])
                if w["criterion"] is not None
                else Text("—", style=self.emphasis("error")),
                Text(self.money(w["total"]), justify="right"),
                *(
                    Text(
                        self.money(w["lines"][code])
                        if code in w["lines"] and w["lines"][code] is not None
                        else ("?" if code in w["lines"] else ""),
                        justify="right",
                        style=self.emphasis("error")
                        if code in w["lines"] and w["lines"][code] is None
                        else "",
                    )
                    for code in used
                ),
                key=project_id,
            )

    def _fill_notes(self, data: dict) -> None:
        lang = self.lang
        # The commune's "Ghi chú", shown only when the imported file had any.
        notes = Text()
        for n in data["notes"]:
            if notes:
                notes.append("\n")
            notes.append(tr("notes_label", lang) + " ", style="bold")
            if n.entity_kind != "resolution":
                source = n.source_code
                notes.append(f"{n.label}{' › ' + source if source else ''}: ", style="italic")
            notes.append(n.note)
        box = self.query_one("#res-notes", Static)
        box.update(notes)
        box.display = bool(data["notes"])

    @on(DataTable.RowSelected, "#basis, #capital")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        link = self.basis_links.get(event.row_key.value or "") if event.row_key else None
        if event.data_table.id == "basis" and link:
            # the provincial resolution it cites
            self.post_message(requests.OpenResolution(link.resolution_id))
        else:
            self.post_message(requests.DetailRequested())  # a ground or a work: in full

    @on(DataTable.RowHighlighted, "#res-findings")
    def _finding_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        key = event.row_key.value if event.row_key else None
        basis = ""
        finding = self.finding_by_key.get(key.split(":", 1)[1]) if key else None
        if finding is not None:
            basis = finding.legal_basis(self.lang)
        line = self.query_one("#res-finding-basis", Static)
        line.update(Text(tr("finding_basis", self.lang, text=basis), style="dim") if basis else "")

    @on(DataTable.RowSelected, "#res-findings")
    def _finding_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value if event.row_key else None
        if key and key.startswith("finding:"):
            finding = self.finding_by_key.get(key.split(":", 1)[1])
            if finding is not None and finding.resolution_id != self.resolution_id:
                self.post_message(requests.JumpToFinding(finding))
            elif finding is not None:
                self.post_message(requests.DetailRequested())  # already here: in full

    def action_open_row(self) -> None:
        table = self.query_one("#res-findings", DataTable)
        basis = self.query_one("#basis", DataTable)
        if table.has_focus and table.row_count:
            table.action_select_cursor()
        elif basis.has_focus and (link := self._basis_link_under_cursor()):
            # the provincial resolution it cites
            self.post_message(requests.OpenResolution(link.resolution_id))
        elif isinstance(self.focused, DataTable) and self.focused.row_count:
            self.post_message(requests.DetailRequested())  # a ground or a work: in full

    def detail_view(self):
        """A ground in full adds the registry document it cites: title and issue date."""
        from .detail import DetailScreen

        view = super().detail_view()
        basis = self.query_one("#basis", ReviewTable)
        if view is None or not basis.has_focus or not self.shown:
            return view
        line_id = basis.cursor_key()
        row = next((b for b in self.shown[0]["basis"] if b.line_id == line_id), None)
        if row is None or row.doc_number is None:
            return view
        lang = self.lang
        number, title_vi, title_en = row.doc_number, row.doc_title_vi, row.doc_title_en
        issued, confirmed = row.doc_issue_date, row.doc_confirmed
        issued_text = (
            tr("doc_issued_on", lang, date=vn_date(issued))
            if issued is not None
            else tr("doc_issue_unknown", lang)
        )
        if not confirmed:
            issued_text += " " + tr("doc_unconfirmed", lang)
        document = f"{number} — {lang.pick(title_vi, title_en)}\n{issued_text}"
        return DetailScreen(
            view.title_text, [*view.sections, (tr("detail_document", lang), document)], lang
        )

    def _basis_link_under_cursor(self) -> ProvincialLink | None:
        return self.basis_links.get(self.query_one("#basis", ReviewTable).cursor_key() or "")

    def findings_have_focus(self) -> bool:
        return self.query_one("#res-findings", DataTable).has_focus

    def selected_finding(self) -> Finding | None:
        table = self.query_one("#res-findings", DataTable)
        if not table.has_focus or not self.findings:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        if row_key.value and row_key.value.startswith("finding:"):
            return self.finding_by_key.get(row_key.value.split(":", 1)[1])
        return None

    def selected_entity(self) -> tuple[str, str, str] | None:
        finding = self.selected_finding()
        if finding is not None:
            return (finding.entity_kind, finding.entity_id, finding.message(self.lang))
        focused = self.focused
        if (
            isinstance(focused, DataTable)
            and focused.row_count
            and focused.id in ("basis", "capital")
        ):
            row_key, _ = focused.coordinate_to_cell_key(focused.cursor_coordinate)
            cells = focused.get_row_at(focused.cursor_row)
            label = " | ".join(c.plain if isinstance(c, Text) else str(c) for c in cells[:2])
            if row_key.value:
                return ("basis_line" if focused.id == "basis" else "project", row_key.value, label)
        return ("resolution", self.resolution_id, self.resolution_id)

    def copy_text(self) -> str | None:
        finding = self.selected_finding()
        if finding:
            return (
                f"{finding.short_id} [{finding.rule_id}] {finding.message(self.lang)}"
                f" ({tr('finding_basis', self.lang, text=finding.legal_basis(self.lang))})"
            )
        focused = self.focused
        if isinstance(focused, DataTable) and focused.row_count:
            cells = focused.get_row_at(focused.cursor_row)
            return " | ".join(c.plain if isinstance(c, Text) else str(c) for c in cells)
        return None
