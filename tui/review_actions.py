"""The app's side of reviewing: decisions (with the mid-air question), notes, undo,
the log, conclusion and reopening, and other reviewers' work showing up. Every write
goes through core.review.service in a worker; this asks, shows and confirms. A mixin
of NtmReviewApp (tui/app.py), which routes the screens' requests here.
"""

from __future__ import annotations

from textual import work

from .core.errors import NtmError
from .core.lang.i18n import t
from .core.rules.findings import Finding
from .screens import requests
from .screens.log import LogScreen
from .screens.prompt import TextPrompt
from .text import tr


class ReviewActions:
    # -- review: decisions, notes, log, conclusion ------------------------------------
    def _poll_reviews_if_needed(self) -> None:
        if self.reviews is not None and not self.reviews.pushes_events:
            self._poll_reviews()

    def _poll_reviews(self) -> None:
        """Other reviewers' decisions show up within a couple of seconds, without restarting.
        The review store is read in a worker (a busy SQLite file or a slow server never
        holds up a key); one poll at a time."""
        if self.reviews is None or self._polling:
            return
        self._polling = True
        self._read_review_changes(self.reviews, self.review_seq)

    @work(thread=True, group="poll")
    def _read_review_changes(self, reviews, previous: int | None) -> None:
        try:
            seq = reviews.last_seq()
            events = reviews.events_after(previous) if previous not in (None, seq) else []
        except Exception:  # noqa: BLE001 - a busy store is retried at the next tick
            seq, events = previous, []
        self.call_from_thread(self._review_changes_read, previous, seq, events)

    def _review_changes_read(self, previous: int | None, seq: int | None, events) -> None:
        self._polling = False
        if seq == previous or self.review_seq != previous:
            return  # nothing new, or a save of this session's moved the seq meanwhile
        self.review_seq = seq
        if previous is not None:
            self._announce_change_under_cursor(events)
            self.generation += 1
            self._reload_screen()

    def _last_seq_quietly(self) -> int | None:
        """The log's last seq, read in a save's worker (None: unreadable now; the next
        poll tells)."""
        reviews = self.reviews
        if reviews is None:
            return None
        try:
            return reviews.last_seq()
        except Exception:  # noqa: BLE001 - a busy store: the next poll catches up
            return None

    def _announce_change_under_cursor(self, events) -> None:
        """One line when someone else decided (or noted) the finding under the cursor."""
        if not self.screen_stack:  # shutting down
            return
        selected = getattr(self.screen, "selected_finding", lambda: None)()
        if selected is None:
            return
        mine = self.reviews.reviewer if self.reviews is not None else None
        for event in events:
            if event.finding_key != selected.finding_key or event.reviewer == mine:
                continue
            if event.kind == "decision":
                what = self.decision_label(event.decision).plain
            else:
                what = tr(f"event_{event.kind}", self.lang)
            self.notify(tr("changed_under_cursor", self.lang, who=event.reviewer, what=what))

    def _need_reviews(self) -> bool:
        if self.reviews is None:
            self.notify(tr("review_unavailable", self.lang), severity="error")
            return False
        return True

    def decide(self, finding: Finding | None, decision: str, seen) -> None:
        """A decision key: a reason (or proof) prompt, or at once. seen: what the screen
        showed on the finding when it last loaded (False: it shows no decisions)."""
        from .core.review.sqlite import REASON_REQUIRED

        if finding is None:
            self.notify(tr("no_finding_selected", self.lang), severity="warning")
            return
        if not self._need_reviews():
            return
        if decision in REASON_REQUIRED or decision == "corrected":
            # What the reviewer sees now (read in a worker), checked again on submit.
            self._ask_reason(self.reviews, finding, decision)
        else:
            # One key records at once: against what the screen showed when it last loaded,
            # so another reviewer's decision since is never overwritten without a word.
            self._save_decision(finding, decision, "", seen, by_key=True)

    @work(thread=True, group="ask")
    def _ask_reason(self, reviews, finding: Finding, decision: str) -> None:
        from .core.review.service import current_decision

        try:
            seen = current_decision(reviews, finding.finding_key)
        except Exception:  # noqa: BLE001 - a busy store: treated as "no decision seen"
            seen = None
        self.call_from_thread(self._reason_prompt, finding, decision, seen)

    def _reason_prompt(self, finding: Finding, decision: str, seen) -> None:
        """The reason (or, for a correction, the proof) of a decision, then the save."""
        from .screens.two_field_prompt import TwoFieldPrompt

        lang = self.lang
        if decision == "corrected":
            # Marking corrected asks for the proof (issue 17); a file is optional.
            def save_proof(answer: tuple[str, str] | None) -> None:
                if answer is not None:
                    self._save_decision(finding, decision, "", seen, proof=answer)

            prompt = TwoFieldPrompt(
                tr("proof_for", lang),
                finding.message(lang),
                tr("proof_file_label", lang),
                lang,
                first_placeholder=tr("proof_placeholder", lang),
            )
            self.push_screen(prompt, save_proof)
            return
        title = tr("reason_for", lang, decision=self.decision_label(decision).plain)

        def check(_: str, until: str) -> str | None:
            return self._until_problem(until)

        def save(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                reason, until = answer
                self._save_decision(finding, decision, reason, seen, until=until)

        prompt = TwoFieldPrompt(
            title, finding.message(lang), tr("until_label", lang), lang, check=check
        )
        self.push_screen(prompt, save)

    def _until_problem(self, text: str) -> str | None:
        """One sentence when an acceptance's end date is not a date after today."""
        from .core.review.sqlite import ReviewError
        from .core.review.tracking import parse_day, today, vn_day

        if not text:
            return None
        until = parse_day(text)
        if until is None:
            return t("bad_day", self.lang, value=text)
        try:
            now = today()
        except NtmError as err:
            return err.message(self.lang)
        if until <= now:
            return ReviewError("until_in_past", until=vn_day(until), today=vn_day(now)).message(
                self.lang
            )
        return None

    @work(thread=True, group="save")
    def _save_decision(
        self,
        finding: Finding,
        decision: str,
        reason: str,
        seen=False,
        *,
        by_key: bool = False,
        until: str = "",
        proof: tuple[str, str] | None = None,
    ) -> None:
        """Record through the one write path (core.review.service.decide). seen: the
        decision event the reviewer saw (None: no decision), or False for no check; a
        decision recorded meanwhile by someone else is asked about.
        until: an acceptance's end date as typed; proof: (resolution or document, file)."""
        from .core.review import service
        from .core.review.sqlite import ReviewError
        from .core.review.tracking import parse_day

        store = self.store
        if store is None:  # the data is being reopened after a rebuild
            self.call_from_thread(
                self.notify, tr("review_unavailable", self.lang), severity="error"
            )
            return
        try:
            evidence = None
            if proof is not None:
                evidence = service.proof_from_typed(
                    self.db_path, store, finding.unit_code, proof[0], proof[1]
                )
            outcome = service.decide(
                self.reviews,
                store,
                finding.finding_key,
                decision,
                reason=reason,
                seen=seen,
                until=parse_day(until) if until else None,
                proof=evidence,
            )
        except (ReviewError, NtmError) as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        if isinstance(outcome, service.ChangedMeanwhile):
            extra = {"by_key": by_key, "until": until, "proof": proof}
            self.call_from_thread(
                self._confirm_overwrite, finding, decision, reason, seen, outcome.changed, extra
            )
            return
        self.call_from_thread(
            self._decision_recorded, outcome.event, finding, self._last_seq_quietly()
        )

    def _decision_recorded(self, event, finding: Finding, seq: int | None = None) -> None:
        """One line: what was recorded on which finding, and that `u` undoes it."""
        self.last_decision = (event, finding)
        message = self.one_line(
            "decision_saved_on",
            finding.message(self.lang),
            decision=self.decision_label(event.decision).plain,
            id=finding.short_id,
        )
        self._saved(message, flash=True, seq=seq)

    def _confirm_overwrite(
        self, finding: Finding, decision: str, reason: str, seen, changed, extra=None
    ):
        """Another reviewer decided this finding since the reviewer saw it (while the reason
        prompt was open, or since the screen loaded): say who and what, and record only if
        the reviewer says so. extra: the save's keyword arguments (by_key, until, proof)."""
        extra = extra or {}
        by_key = extra.get("by_key", False)
        from .core.fmt import vn_datetime
        from .screens.confirm import ConfirmPrompt

        lang = self.lang
        now = self.decision_label(changed.decision).plain
        question = tr(
            "midair_question_key" if by_key else "midair_question",
            lang,
            who=changed.reviewer,
            now=now,
            when=vn_datetime(changed.created_at),
            seen=self.decision_label(seen.decision).plain if seen else tr("no_decision_yet", lang),
            mine=self.decision_label(decision).plain,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                # Checked again against what the reviewer has now seen.
                self._save_decision(finding, decision, reason, changed, **extra)
            else:
                self.notify(tr("midair_kept", lang, now=now, who=changed.reviewer))

        title = tr("midair_title_key" if by_key else "midair_title", lang)
        self.push_screen(ConfirmPrompt(title, question, lang), answered)

    def undo(self) -> None:
        """`u`: withdraw this session's last decision with an undo event."""
        from .core.review.sqlite import ReviewError

        if not self._need_reviews():
            return
        if self.last_decision is None:
            self.notify(ReviewError("undo_nothing").message(self.lang), severity="warning")
            return
        self._undo(*self.last_decision)

    @work(thread=True, group="save")
    def _undo(self, event, finding: Finding) -> None:
        from .core.review import service
        from .core.review.sqlite import ReviewError

        try:
            now = service.undo(self.reviews, event.event_id, finding.finding_key)
        except ReviewError as err:
            if err.key in ("undo_superseded", "undo_done_already", "undo_not_own"):
                self.call_from_thread(setattr, self, "last_decision", None)
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        now_label = (
            self.decision_label(now.decision).plain if now else tr("no_decision_yet", self.lang)
        )
        self.call_from_thread(self._undone, event, finding, now_label, self._last_seq_quietly())

    def _undone(self, event, finding: Finding, now_label: str, seq: int | None = None) -> None:
        self.last_decision = None
        message = self.one_line(
            "decision_undone",
            finding.message(self.lang),
            withdrawn=self.decision_label(event.decision).plain,
            id=finding.short_id,
            now=now_label,
        )
        self._saved(message, flash=True, seq=seq)

    def _saved(self, message: str, *, flash: bool = False, seq: int | None = None) -> None:
        """After a write of this session's: the seq its worker read (so the next poll
        does not take the write for another reviewer's), and the screen refilled."""
        if flash:
            self.flash(message)
        else:
            self.notify(message)
        if seq is not None:
            self.review_seq = seq
        self.generation += 1
        self._reload_screen()

    def note(self, entity: tuple[str, str, str] | None, finding: Finding | None) -> None:
        if entity is None:
            self.notify(tr("no_row_selected", self.lang), severity="warning")
            return
        if not self._need_reviews():
            return

        def save(text: str | None) -> None:
            if text is not None:
                self._save_note(entity[0], entity[1], finding, text)

        self.push_screen(TextPrompt(tr("note_for", self.lang), entity[2], self.lang), save)

    @work(thread=True, group="save")
    def _save_note(self, kind: str, entity_id: str, finding: Finding | None, text: str) -> None:
        from .core.review import service
        from .core.review.sqlite import ReviewError

        def save(store):
            return service.note_on_entity(
                self.reviews,
                store,
                kind,
                entity_id,
                text,
                finding_key=finding.finding_key if finding else None,
                year=finding.year if finding else None,
            )

        try:
            # A rebuilt file may be reopening: wait for it rather than drop the note.
            saved = self.when_open(save)
        except ReviewError as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        if saved is None or isinstance(saved, service.EntityGone):
            self.call_from_thread(
                self.notify, t("note_not_saved", self.lang, text=text), severity="error", timeout=30
            )
            return
        self.call_from_thread(
            self._saved, tr("note_saved", self.lang), seq=self._last_seq_quietly()
        )

    def show_log(self, screen) -> None:
        """The log of what is selected on a screen (the palette's entry)."""
        ask = getattr(screen, "log_request", None)
        self.open_log(ask() if ask is not None else requests.LogRequested(None, None, {}))

    def open_log(self, request: requests.LogRequested) -> None:
        if not self._need_reviews():
            return
        finding, entity = request.finding, request.entity
        if finding is not None:
            self.push_screen(
                LogScreen(finding_key=finding.finding_key, subject=finding.message(self.lang))
            )
            return
        if entity is not None and entity[0] != "unit":
            self.push_screen(LogScreen(entity=(entity[0], entity[1]), subject=entity[2]))
            return
        if request.scope.get("unit_code"):
            unit_code = request.scope["unit_code"]
            self.push_screen(LogScreen(unit_code=unit_code, subject=unit_code))
        else:
            self.push_screen(LogScreen())

    def conclude(self, unit_code: str) -> None:
        """`K`: asks first (Có/Không), then records the conclusion."""
        if not self._need_reviews():
            return
        from .screens.confirm import ConfirmPrompt

        year, lang = self.year, self.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._conclude(unit_code, year)
            else:
                self.notify(tr("conclude_kept", lang))

        self.push_screen(
            ConfirmPrompt(
                tr("conclude_title", lang, unit=unit_code, year=year),
                tr("conclude_question", lang, unit=unit_code, year=year),
                lang,
            ),
            answered,
        )

    def reopen(self, unit_code: str) -> None:
        """`R`: asks first, then appends a reopen event (the unit is not concluded)."""
        if not self._need_reviews():
            return
        from .screens.confirm import ConfirmPrompt

        year, lang = self.year, self.lang

        def answered(yes: bool | None) -> None:
            if yes:
                self._reopen(unit_code, year)

        self.push_screen(
            ConfirmPrompt(
                tr("reopen_title", lang, unit=unit_code, year=year),
                tr("reopen_question", lang, unit=unit_code, year=year),
                lang,
            ),
            answered,
        )

    def _reopen(self, unit_code: str, year: int) -> None:
        from .core.review import service

        self._record_unit_step(service.reopen_unit, "reopened", unit_code, year)

    def _conclude(self, unit_code: str, year: int) -> None:
        from .core.review import service

        self._record_unit_step(service.conclude_unit, "concluded", unit_code, year)

    @work(thread=True, group="save")
    def _record_unit_step(self, record, done_label: str, unit_code: str, year: int) -> None:
        """Conclude or reopen a unit's year (record: the service's function) in a worker,
        waiting for a rebuilt file to reopen; one line says what was done or why not."""
        from .core.review.sqlite import ReviewError

        try:
            done = self.when_open(lambda store: record(self.reviews, store, unit_code, year))
        except (ReviewError, NtmError) as err:
            self.call_from_thread(self.notify, err.message(self.lang), severity="error", timeout=8)
            return
        if done is None:
            self.call_from_thread(
                self.notify, tr("review_unavailable", self.lang), severity="error", timeout=8
            )
            return
        self.call_from_thread(
            self._saved,
            tr(done_label, self.lang, unit=unit_code, year=year),
            seq=self._last_seq_quietly(),
        )
