"""The hash chain that makes the embedded (SQLite) review log tamper-evident.

Each event's link holds the hash of the previous link and its own hash: sha256 over the
previous hash and every column of the event (seq, id, kind, keys, decision, reason,
reviewer, time). Editing, inserting or deleting an event behind the store's back breaks
the chain at that event, and walk_chain() names the first broken link.

What it cannot prove: anyone who may write the file can also recompute every hash after
an edit (there is no secret), and cutting events off the end of the log together with
their links leaves a shorter chain that is still whole. The chain catches a careless or
naive edit, not a determined member of the reviewers' group: for attribution that holds
against them, use the PostgreSQL store (README, "Shared server").

Nothing here imports textual.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from typing import Any

__all__ = ["GENESIS_HASH", "ChainReport", "event_hash", "walk_chain"]

# The "previous hash" of the first event.
GENESIS_HASH = "0" * 64


def event_hash(previous: str, event: Any) -> str:
    """sha256 of the previous link's hash and the event's columns, in a canonical form."""
    payload = json.dumps([previous, *astuple(event)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass
class ChainReport:
    """The result of walking the chain: whole, or the first broken link and why."""

    checked: int
    broken_seq: int | None = None
    # 'missing_link' (an event with no link: written behind the store's back),
    # 'previous_mismatch' (an event before it was removed or changed),
    # 'content_mismatch' (this event was changed), 'event_deleted' (its link remains).
    reason: str | None = None
    # False when the store predates the chain (read-only open of an old store).
    chained: bool = True
    # Links from this seq on were written when the event was saved; earlier ones were
    # computed once when an older store was upgraded.
    chain_since: int = 1

    @property
    def ok(self) -> bool:
        return self.chained and self.broken_seq is None


def walk_chain(
    links: Iterable[tuple[Any, str | None, str | None]], orphan_seqs: Iterable[int] = ()
) -> ChainReport:
    """links: (event, prev_hash, hash) in seq order; orphan_seqs: links without an event."""
    previous = GENESIS_HASH
    checked = 0
    broken: tuple[int, str] | None = None
    for event, link_previous, link_hash in links:
        if link_hash is None:
            broken = (event.seq, "missing_link")
        elif link_previous != previous:
            broken = (event.seq, "previous_mismatch")
        elif event_hash(previous, event) != link_hash:
            broken = (event.seq, "content_mismatch")
        if broken is not None:
            break
        previous = link_hash
        checked += 1
    orphans = sorted(orphan_seqs)
    if orphans and (broken is None or orphans[0] < broken[0]):
        broken = (orphans[0], "event_deleted")
    if broken is None:
        return ChainReport(checked=checked)
    return ChainReport(checked=checked, broken_seq=broken[0], reason=broken[1])
