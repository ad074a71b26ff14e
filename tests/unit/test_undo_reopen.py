"""Issue 14, item 10: undo and reopen are new events in the append-only store, with the
same meaning on SQLite and on PostgreSQL; and a decision recorded against what the
reviewer saw (expect_seq) is refused when another reviewer decided meanwhile.

Every test runs once per engine; the PostgreSQL one on the real throwaway cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pgcluster import SERVER_USER

from tui.core.review.postgres import PgReviewStore, init_postgres
from tui.core.review.sqlite import ReviewError, ReviewStore

UNIT = "06721"
KEY = "rule_a|2023|06721|r1"
OTHER_KEY = "rule_b|2023|06721|r2"


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path: Path) -> Iterator[tuple]:
    """(mine, theirs): two reviewers' sessions on one store of the given engine."""
    if request.param == "sqlite":
        path = tmp_path / "review.sqlite"
        pair = (ReviewStore(path, reviewer="ntmtui1"), ReviewStore(path, reviewer="ntmtui2"))
    else:
        cluster = request.getfixturevalue("pg_cluster")
        database = request.getfixturevalue("pg_db")
        init_postgres(cluster.url(SERVER_USER, database), {"ntmtui1": None, "ntmtui2": None})
        pair = (
            PgReviewStore(cluster.url("ntmtui1", database)),
            PgReviewStore(cluster.url("ntmtui2", database)),
        )
    try:
        yield pair
    finally:
        for store in pair:
            store.close()


def decide(store, decision: str, key: str = KEY, reason: str = "", **kwargs):
    return store.record_decision(
        key, "resolution", key.rsplit("|", 1)[1], UNIT, 2023, decision, reason, **kwargs
    )


def in_force(store, key: str = KEY) -> tuple[str, str] | None:
    event = store.current_decisions([key]).get(key)
    return (event.decision, event.reviewer) if event else None


def test_undo_restores_the_decision_before_and_is_attributed(stores) -> None:
    mine, theirs = stores
    decide(theirs, "accepted", reason="đã giải trình")
    mistake = decide(mine, "needs_correction")
    assert in_force(mine) == ("needs_correction", "ntmtui1")
    undo = mine.undo_decision(mistake.event_id)
    assert (undo.kind, undo.reviewer, undo.finding_key, undo.reason) == (
        "undo",
        "ntmtui1",
        KEY,
        mistake.event_id,
    )
    assert undo.unit_code == UNIT and undo.year == 2023
    assert in_force(mine) == ("accepted", "ntmtui2")
    assert in_force(theirs) == ("accepted", "ntmtui2")
    assert mine.current_decisions()[KEY].reviewer == "ntmtui2"
    # Append-only: the mistake is still in the log, followed by its undo.
    assert [e.kind for e in mine.events(finding_key=KEY)] == ["decision", "decision", "undo"]
    assert mine.verify_chain().broken_seq is None


def test_undo_of_the_first_decision_leaves_none_and_the_unit_cannot_be_concluded(stores):
    mine, _ = stores
    only = decide(mine, "corrected")
    mine.undo_decision(only.event_id)
    assert in_force(mine) is None
    with pytest.raises(ReviewError) as refused:
        mine.conclude_unit(UNIT, 2023, [KEY])
    assert refused.value.key == "unit_incomplete"
    again = decide(mine, "needs_correction")
    # SQLite records what was in force before (none); PostgreSQL's event_stamp trigger
    # (migration 001) still names the latest decision event, the withdrawn one.
    expected_previous = None if mine.engine == "sqlite" else "corrected"
    assert again.previous_decision == expected_previous
    assert in_force(mine) == ("needs_correction", "ntmtui1")


def test_undo_refused_when_another_reviewer_decided_since(stores) -> None:
    mine, theirs = stores
    own = decide(mine, "needs_correction")
    decide(theirs, "corrected")
    with pytest.raises(ReviewError) as refused:
        mine.undo_decision(own.event_id)
    assert refused.value.key == "undo_superseded"
    sentence = refused.value.message("vi")
    assert "ntmtui2" in sentence and "Đã khắc phục" in sentence and sentence.count(".") == 1
    assert in_force(mine) == ("corrected", "ntmtui2")
    assert [e.kind for e in mine.events()] == ["decision", "decision"]


def test_undo_refused_twice_and_for_someone_elses_decision(stores) -> None:
    mine, theirs = stores
    own = decide(mine, "needs_correction")
    mine.undo_decision(own.event_id)
    with pytest.raises(ReviewError) as twice:
        mine.undo_decision(own.event_id)
    assert twice.value.key == "undo_done_already"
    other = decide(theirs, "needs_correction", key=OTHER_KEY)
    with pytest.raises(ReviewError) as not_own:
        mine.undo_decision(other.event_id)
    assert not_own.value.key == "undo_not_own"
    assert "ntmtui2" in not_own.value.message("en")
    # The retry of an undo already stored (same event id) is not a second undo.
    retry = mine.undo_decision(own.event_id, event_id=mine.events()[-2].event_id)
    assert retry.kind == "undo"
    assert [e.kind for e in mine.events()] == ["decision", "undo", "decision"]


def test_undo_refused_while_the_unit_is_concluded(stores) -> None:
    mine, _ = stores
    own = decide(mine, "corrected")
    mine.conclude_unit(UNIT, 2023, [KEY])
    with pytest.raises(ReviewError) as refused:
        mine.undo_decision(own.event_id)
    assert refused.value.key == "undo_concluded"
    mine.reopen_unit(UNIT, 2023)
    mine.undo_decision(own.event_id)
    assert in_force(mine) is None


def test_reopen_makes_a_concluded_unit_not_concluded_until_concluded_again(stores) -> None:
    mine, theirs = stores
    with pytest.raises(ReviewError) as nothing:
        mine.reopen_unit(UNIT, 2023)
    assert nothing.value.key == "unit_not_concluded"
    decide(mine, "corrected")
    mine.conclude_unit(UNIT, 2023, [KEY])
    assert theirs.concluded_units(2023) == {UNIT}
    reopened = theirs.reopen_unit(UNIT, 2023, reason="  cần xem lại  ")
    assert (reopened.kind, reopened.reviewer, reopened.reason) == (
        "reopen",
        "ntmtui2",
        "cần xem lại",
    )
    assert mine.concluded_units(2023) == set()
    assert mine.concluded_units(2024) == set()
    mine.conclude_unit(UNIT, 2023, [KEY])
    assert mine.concluded_units(2023) == {UNIT}
    assert [e.kind for e in mine.events(unit_code=UNIT)] == [
        "decision",
        "conclusion",
        "reopen",
        "conclusion",
    ]


def test_expect_seq_refuses_a_decision_made_since_and_records_over_what_was_seen(stores):
    mine, theirs = stores
    # Seen with no decision (0); another reviewer decides meanwhile: refused.
    theirs_event = decide(theirs, "needs_correction")
    with pytest.raises(ReviewError) as refused:
        decide(mine, "corrected", expect_seq=0)
    assert refused.value.key == "decision_changed"
    assert refused.value.params["seq"] == theirs_event.seq
    assert "ntmtui2" in refused.value.message("vi")
    assert in_force(mine) == ("needs_correction", "ntmtui2")
    # Seen as it is now: recorded.
    recorded = decide(mine, "corrected", expect_seq=theirs_event.seq)
    assert recorded.previous_decision == "needs_correction"
    assert in_force(mine) == ("corrected", "ntmtui1")


def test_a_sqlite_log_with_undo_and_reopen_copies_to_postgresql_with_the_same_meaning(
    pg_cluster, pg_db, tmp_path: Path
) -> None:
    from tui.core.review.postgres import copy_events

    path = tmp_path / "review.sqlite"
    with ReviewStore(path, reviewer="ntmtui1") as mine:
        decide(mine, "corrected")
        mistake = decide(mine, "needs_correction")
        mine.undo_decision(mistake.event_id)
        mine.conclude_unit(UNIT, 2023, [KEY])
        mine.reopen_unit(UNIT, 2023)
        source = mine.events()
        expected = (in_force(mine), mine.concluded_units(2023))
    owner = pg_cluster.url(SERVER_USER, pg_db)
    init_postgres(owner, {"ntmtui1": None})
    assert copy_events(source, owner) == (5, 0)
    with PgReviewStore(pg_cluster.url("ntmtui1", pg_db)) as copied:
        assert [(e.kind, e.reason) for e in copied.events()] == [(e.kind, e.reason) for e in source]
        assert (in_force(copied), copied.concluded_units(2023)) == expected
        assert expected == (("corrected", "ntmtui1"), set())
