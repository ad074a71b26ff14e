"""The app's data lifecycle: the audited DuckDB file opened read-only in a worker (so the
first frame never waits for it), a lock held by another process retried quietly, a
rebuilt file noticed and reopened, and the review store opened beside it. A mixin of
NtmReviewApp (tui/app.py).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, NamedTuple

from textual import work

from .core.errors import NtmError
from .screens.error import RETRY_SECONDS, ErrorScreen
from .text import tr

if TYPE_CHECKING:
    from .core.data.store import Store
    from .core.review.sqlite import EventStore


class ReviewsOpened(NamedTuple):
    """The review store as the open worker found it: the store (None: unavailable), its
    last seq, and the sentences (message, severity) to show the reviewer."""

    reviews: EventStore | None
    seq: int | None
    notices: list[tuple[str, str]]


class StoreLifecycle:
    @work(thread=True, exclusive=True, group="open")
    def open_store(self) -> None:
        # The store and duckdb are imported here, in the worker, so that loading them
        # (a fifth of the start-up imports) runs while Textual draws its first frame.
        from .core.data import reads
        from .core.data.store import Store

        try:
            store = Store.open(self.db_path)
            meta = store.meta()
            years = reads.years(store)
        except NtmError as err:
            self.call_from_thread(self._open_failed, err)
            return
        # The review store beside it, in this worker too (a server may be slow to answer).
        opened = self._open_reviews() if self.reviews is None else None
        self.call_from_thread(self._store_ready, store, meta, years, opened)

    def when_open(self, use):
        """use(store) for a worker thread, waiting while a rebuilt file is reopened (and
        trying again if the reopen closed the store under it); None if it never opens."""
        for _ in range(3):
            if not self._store_open.wait(60.0):
                return None
            store = self.store
            if store is None:
                continue
            try:
                return use(store)
            except NtmError:
                if self.store is store:
                    raise
        return None

    def _store_ready(
        self, store: Store, meta: dict, years: list[int], opened: ReviewsOpened | None = None
    ) -> None:
        old = self.store
        self.store = store
        self._store_open.set()
        self.meta = meta
        self.years = years or [2023]
        default = (
            int(meta["default_year"]) if meta.get("default_year", "").isdigit() else self.years[0]
        )
        if self.year not in self.years:
            self.year = default if default in self.years else self.years[0]
        if opened is not None:
            self._reviews_opened(opened)
        if old is not None:
            old.close()
        if isinstance(self.screen, ErrorScreen):
            self.pop_screen()
        self.generation += 1
        self._reload_screen()
        self.reopening = False

    def _open_reviews(self) -> ReviewsOpened:
        """Open the review store (in the open worker): the store, its last seq and what
        to tell the reviewer about it, applied on the event loop by _reviews_opened."""
        from .core.review.service import existing_review_store, open_review_store
        from .core.review.sqlite import ReviewError

        notices: list[tuple[str, str]] = []
        try:
            # The reviewers file (if any) limits which units this login may decide on.
            reviews = open_review_store(self.db_path)
        except ReviewError as err:
            if err.key != "store_unwritable":
                return ReviewsOpened(None, None, [(err.message(self.lang), "error")])
            # Group read but no write: every decision is still shown; saving says why not.
            try:
                reviews = existing_review_store(self.db_path)
            except ReviewError:
                reviews = None
            if reviews is None:
                return ReviewsOpened(None, None, [(err.message(self.lang), "error")])
            read_only = ReviewError("store_read_only", path=reviews.location)
            notices.append((read_only.message(self.lang), "warning"))
        seq = None
        try:
            seq = reviews.last_seq()
        except ReviewError as err:
            notices.append((err.message(self.lang), "error"))
        return ReviewsOpened(reviews, seq, notices)

    def _reviews_opened(self, opened: ReviewsOpened) -> None:
        for message, severity in opened.notices:
            self.notify(message, severity=severity, timeout=10)
        if opened.reviews is None:
            return
        if self.reviews is not None:  # opened twice meanwhile: keep the first
            opened.reviews.close()
            return
        self.reviews = opened.reviews
        self.review_seq = opened.seq
        if self.reviews.engine == "postgresql":
            # The server says who the reviewer is (peer authentication), not this login.
            self.reviewer = self.reviews.reviewer
        if self.reviews.pushes_events:
            self.reviews.subscribe(self._review_event_pushed)
        self._check_chain()

    def _review_event_pushed(self) -> None:
        """From the store's listener thread: another session committed an event."""
        with contextlib.suppress(Exception):  # the app may be closing
            self.call_from_thread(self._poll_reviews)

    @work(thread=True, group="chain")
    def _check_chain(self) -> None:
        """Walk the log's hash chain once per session; warn when it is broken."""
        reviews = self.reviews
        if reviews is None:
            return
        from .core.review.sqlite import ReviewError

        try:
            report = reviews.verify_chain()
        except ReviewError:
            return
        if report.chained and report.broken_seq is not None:
            message = tr("chain_broken_banner", self.lang, seq=report.broken_seq)
            self.call_from_thread(self.notify, message, severity="error", timeout=3600)

    def _open_failed(self, err: NtmError) -> None:
        self.reopening = False
        from .core.data.store import LockedDatabase

        retrying = isinstance(err, LockedDatabase) or err.key == "db_locked_unknown"
        if isinstance(self.screen, ErrorScreen):
            self.screen.error = err
            self.screen.refresh(recompose=True)
        else:
            self.push_screen(ErrorScreen(err, self.lang, retrying))
        if retrying:
            self.set_timer(RETRY_SECONDS, self.open_store)

    def retry_open(self) -> None:
        self.open_store()

    async def _watch_file(self) -> None:
        store = self.store
        if store is None or not store.is_replaced():
            return
        # DuckDB keeps one database instance per path in a process: while the old
        # connection is open, connecting to the same path again returns the *old* file.
        # Detach the old store so no new query starts on it, let the queries already
        # running finish, close it, and only then open the new file.
        self.reopening = True
        self._told_reopening = False
        self._store_open.clear()
        self.store = None
        for worker in [w for w in self.workers if w.is_running and w.group not in ("open", "save")]:
            with contextlib.suppress(Exception):
                await worker.wait()
        store.close()
        self.notify(tr("data_reloaded", self.lang))
        self.open_store()
