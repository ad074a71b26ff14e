"""The review session the screens work in: store handles, year, money unit, language,
and how decisions are drawn. The app owns one Session, changes it (a year switched, a
file reopened, a save made) and hands it to every screen it shows; screens read it and
ask the app for anything else with messages (tui/screens/requests.py), so no screen
imports the app.

Reads that touch a store (decisions_for, progress_for) run in the screens' worker
threads, never on the UI thread.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text

from .core.fmt import money_unit_label
from .core.lang.language import Lang, as_lang
from .core.rules.compare import model_unit_for
from .report import emphasis
from .text import tr
from .widgets.status_line import StatusText

if TYPE_CHECKING:
    from .core.data.store import Store

DECISION_STYLES = {
    "needs_correction": "bold red",
    "accepted": "yellow",
    "corrected": "green",
    "not_applicable": "dim",
}


class Session:
    def __init__(self, lang: Lang | str, *, reviewer: str, no_color: bool = False) -> None:
        self.lang: Lang = as_lang(lang)
        self.no_color = no_color
        self.money_unit = "dong"
        self.store: Store | None = None
        self.reviews = None
        self.meta: dict[str, str] = {}
        self.years: list[int] = []
        self.year = 0
        self.reviewer = reviewer
        # Bumped whenever what screens show may have changed (a save, a reload, a year):
        # a screen whose data is older reloads when it comes back.
        self.generation = 0
        # A confirmation shown in the status line: (message, monotonic deadline).
        self.flash_note: tuple[str, float] | None = None
        self._ledger: tuple[int, object] | None = None  # (review seq, folded ledger)

    @property
    def model_unit(self) -> str | None:
        """The model commune of the year on screen."""
        return model_unit_for(self.meta, self.year)

    # -- drawing decisions -----------------------------------------------------------------
    def status_text(self, where: str) -> StatusText | Text:
        """The status line: fitted when drawn, so the reviewer's login always shows; for a
        few seconds after a decision, what was recorded on which finding instead."""
        if self.flash_note is not None and time.monotonic() < self.flash_note[1]:
            return Text(self.flash_note[0], style="bold", no_wrap=True, overflow="ellipsis")
        lang = self.lang
        demo = (
            self.meta.get("dataset_kind") == "demo"
            or self.meta.get("demo_data_remaining") == "true"
        )
        unit = money_unit_label(self.money_unit, lang)
        return StatusText(
            badge=tr("demo_badge", lang) if demo else "",
            where=where,
            year=f"{tr('year', lang)} {self.year}",
            money=f"{tr('money_unit', lang)}: {unit}",
            money_short=unit,
            reviewer=f"{tr('reviewer', lang)}: {self.reviewer}",
            reviewer_short=self.reviewer,
        )

    def decision_label(self, decision: str | None, *, dim_none: bool = False) -> Text:
        if decision is None:
            return Text("·" if dim_none else "", style="dim")
        from .core.review.sqlite import DECISION_LABELS

        label = DECISION_LABELS[self.lang.code][decision]
        return Text(label, style=self.decision_style(decision))

    def decision_style(self, decision: str) -> str:
        if decision == "needs_correction":
            return emphasis("error", self.no_color)  # bold reverse under NO_COLOR
        return DECISION_STYLES.get(decision, "")

    def decision_cell(self, event, *, who: bool = True) -> Text:
        """A finding's decision as a list shows it, with who decided (other reviewers'
        work is visible at a glance)."""
        if event is None:
            return Text("·", style="dim")
        from .core.review.sqlite import DECISION_LABELS

        label = DECISION_LABELS[self.lang.code][event.decision]
        if event.decision == "corrected":
            # Shown only for findings that still occur: marked corrected, yet still there.
            cell = Text(f"⚠ {label}", style=emphasis("error", self.no_color))
        else:
            cell = Text(label, style=self.decision_style(event.decision))
        if who and event.reviewer:
            cell.append(f" · {event.reviewer}", style="dim")
        return cell

    def undo_text(self, effect) -> Text:
        """An undo event in the log: the decision withdrawn → the one in force again."""
        text = Text(f"{tr('event_undo', self.lang)}: ", style="cyan")
        if effect is None or effect.withdrawn is None:
            return text
        withdrawn = self.decision_label(effect.withdrawn.decision)
        withdrawn.stylize("strike")
        text.append_text(withdrawn)
        text.append(" → ")
        text.append_text(self.decision_label(effect.restored, dim_none=True))
        return text

    # -- reads (worker threads) ------------------------------------------------------------
    def decisions_for(self, finding_keys: list[str]) -> dict:
        reviews = self.reviews
        if reviews is None or not finding_keys:
            return {}
        try:
            return reviews.current_decisions(finding_keys)
        except Exception:  # noqa: BLE001 - a review-store hiccup must not blank the screen
            return {}

    def ledger(self, reviews):
        """The tracking events folded, once per review-store seq (the overview asks on
        every refill, the detail of every finding)."""
        seq = reviews.last_seq()
        cached = self._ledger
        if cached is not None and cached[0] == seq:
            return cached[1]
        ledger = reviews.ledger()
        self._ledger = (seq, ledger)
        return ledger

    def track(self, store: Store, rows) -> dict:
        """core.review.service.track_findings with the ledger cached per seq."""
        from .core.review.service import track_findings

        reviews = self.reviews
        ledger = self.ledger(reviews) if reviews is not None else None
        return track_findings(store, reviews, rows, ledger=ledger)

    def progress_for(
        self, store: Store, unit_codes: list[str], year: int
    ) -> dict[str, tuple[int, int, bool, int]]:
        """unit → (decided, all findings, review concluded, overdue without proof)."""
        from .core.data.reads import keys_by_unit

        if not unit_codes:
            return {}
        by_unit = keys_by_unit(store, unit_codes, year)
        all_keys = [f.finding_key for found in by_unit.values() for f in found]
        decided = self.decisions_for(all_keys)
        reviews = self.reviews
        concluded: set[str] = set()
        if reviews is not None:
            try:
                concluded = reviews.concluded_units(year)
            except Exception:  # noqa: BLE001
                concluded = set()
        late: set[str] = set()
        if reviews is not None and all_keys:
            try:
                tracked = self.track(
                    store,
                    (
                        (f.finding_key, f.rule_id, code, year, False)
                        for code, found in by_unit.items()
                        for f in found
                    ),
                )
                late = {k for k, item in tracked.items() if item.overdue}
            except Exception:  # noqa: BLE001 - a review-store hiccup must not blank the screen
                late = set()
        result = {}
        for code in unit_codes:
            keys = [f.finding_key for f in by_unit.get(code, [])]
            result[code] = (
                sum(1 for k in keys if k in decided),
                len(keys),
                code in concluded,
                sum(1 for k in keys if k in late),
            )
        return result
