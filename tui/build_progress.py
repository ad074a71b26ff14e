"""`ntm-review demo` at every scale, with a Rich progress bar on the terminal.

The core reports build stages (tui.core.progress.BuildProgress); this draws them, on stderr
and only when stderr is a terminal, so that piped output and tests see no bar.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from .core.data.build import BuildReport
from .core.lang.language import Lang, as_lang

SCALES = ("city", "province", "national")
STAGES = {
    "units": ("Nạp danh mục và đơn vị", "Loading catalogues and units"),
    "data": ("Sinh dữ liệu theo đơn vị", "Generating data, unit by unit"),
    "load": ("Nạp vào cơ sở dữ liệu", "Loading into the database"),
    "rules": ("Chạy các quy tắc", "Running the rules"),
    "summary": ("Tổng hợp theo đơn vị", "Summarising by unit"),
    "finish": ("Ghi tệp", "Writing the file"),
}


class RichBuildProgress:
    """A tui.core.progress.BuildProgress drawn as one bar per stage."""

    def __init__(self, lang: Lang | str, console: Console | None = None) -> None:
        self.lang = as_lang(lang)
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not self.console.is_terminal,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> RichBuildProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._close_task()
        self.progress.stop()

    def _close_task(self) -> None:
        if self.task is not None:
            task = self.progress.tasks[-1]
            self.progress.update(self.task, total=task.total or 1, completed=task.total or 1)
            self.progress.stop_task(self.task)

    def stage(self, name: str, total: int | None = None) -> None:
        self._close_task()
        vi, en = STAGES.get(name, (name, name))
        self.task = self.progress.add_task(self.lang.pick(vi, en), total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)


def build_demo_scale(db_path: Path, scale: str, seed: int, lang: Lang) -> BuildReport:
    """Build the demo database of a scale (city, province or national) at db_path."""
    with RichBuildProgress(lang) as progress:
        if scale == "city":
            from .core.data.build import build_demo_database

            return build_demo_database(db_path, seed=seed, progress=progress)
        from .core.data.national import build_scale_database

        return build_scale_database(db_path, scale, seed=seed, progress=progress)
