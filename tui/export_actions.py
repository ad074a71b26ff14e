"""The app's exports: the findings (workbook, CSV, Markdown), the data in the import
layout, or a conclusion notice, for the unit on screen or the whole scope, written into
the configured export folder (else the working folder). The writing runs in a worker and
ends with one line naming the file, or one sentence saying why not. A mixin of
NtmReviewApp (tui/app.py).
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from .core.errors import NtmError
from .screens.export import ExportChoice
from .text import tr


class ExportActions:
    def export_dir(self) -> Path:
        return self.config.export_dir or Path.cwd()

    def action_export(self) -> None:
        if self.store is None:
            return
        unit_code = getattr(self.screen, "unit_code", None)
        if unit_code:
            scope = tr("export_scope_unit", self.lang, unit=unit_code, year=self.year)
        else:
            scope = tr("export_scope_all", self.lang, year=self.year)

        def chosen(choice: str | None) -> None:
            if choice:
                self._export(choice, unit_code, self.year)

        self.push_screen(ExportChoice(scope, self.lang, unit_code), chosen)

    @work(thread=True, group="export")
    def _export(self, choice: str, unit_code: str | None, year: int) -> None:
        from datetime import datetime

        from .core.io.export import export_findings
        from .core.io.notice import write_notice

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        scope = unit_code or "tat-ca"
        folder = self.export_dir()
        try:
            if choice.startswith("notice"):
                fmt = choice.split("-", 1)[1]
                out = folder / f"thong-bao-ket-luan-{scope}-{year}-{stamp}.{fmt}"
                written = write_notice(
                    self.store, self.reviews, unit_code, year, out, fmt=fmt, lang=self.lang
                )
            else:
                suffix = {"xlsx": ".xlsx", "csv": "/", "md": ".md", "import-xlsx": ".xlsx"}[choice]
                name = "du-lieu" if choice == "import-xlsx" else "phat-hien"
                out = folder / f"ntm-review-{name}-{scope}-{year}-{stamp}"
                target = Path(f"{out}{suffix}") if suffix != "/" else out
                if suffix == "/":
                    target.mkdir(parents=True, exist_ok=True)
                written = export_findings(
                    self.store,
                    self.reviews,
                    choice,
                    target,
                    unit=unit_code,
                    year=year if choice != "import-xlsx" else None,
                    lang=self.lang,
                )
        except NtmError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, tr("export_done", self.lang, path=written), timeout=15)
