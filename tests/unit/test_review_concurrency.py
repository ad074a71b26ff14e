"""Many sessions at once on one review store, and sessions killed mid-save.

RELIABILITY.md: 8 processes x 200 decisions with readers active must end with every
decision present exactly once. Saves are retried with the same event_id to simulate a
commit whose acknowledgement was lost.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
import traceback
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

try:
    import tui  # noqa: F401
except ModuleNotFoundError:  # the repo is not installed and pytest has no pythonpath set
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tui.core.review.sqlite import DECISIONS, REASON_REQUIRED, ReviewStore  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="uses fork and SIGKILL"),
]

WRITERS = 8
PER_WRITER = 200
READERS = 2
RETRY_RATE = 0.05
UNITS = ("06745", "06748", "06751", "06754")
# A small shared pool, so that writers keep deciding on the same findings and the
# previous_decision chain is exercised under contention.
FINDINGS = [f"R{rule:02d}:{unit}:{n}" for rule in (1, 7) for unit in UNITS for n in range(5)]

CTX = multiprocessing.get_context("fork")


def _save(store: ReviewStore, rng: random.Random, event_id: str):
    key = rng.choice(FINDINGS)
    decision = rng.choice(DECISIONS)
    reason = f"lý do {event_id[:8]}" if decision in REASON_REQUIRED else ""
    unit = key.split(":")[1]
    args = (key, "commune", unit, unit, 2025, decision, reason)
    return args, store.record_decision(*args, event_id=event_id)


def _writer(path: str, index: int, start, results) -> None:
    try:
        store = ReviewStore(Path(path), reviewer=f"writer{index}")
        rng = random.Random(1000 + index)
        start.wait()
        ids, retries = [], 0
        for _ in range(PER_WRITER):
            event_id = str(uuid.uuid4())
            args, event = _save(store, rng, event_id)
            if rng.random() < RETRY_RATE:
                # The commit happened but the caller did not hear back: send it again.
                again = store.record_decision(*args, event_id=event_id)
                assert again == event, (again, event)
                retries += 1
            ids.append(event_id)
        store.close()
        results.put(("writer", index, ids, retries, None))
    except BaseException:
        results.put(("writer", index, [], 0, traceback.format_exc()))


def _reader(path: str, index: int, start, stop, results) -> None:
    try:
        store = ReviewStore(Path(path), reviewer=f"reader{index}")
        start.wait()
        seen: list[int] = []
        last, polls = 0, 0
        while True:
            stopping = stop.is_set()  # read before polling: the last poll sees everything
            batch = store.events_after(last)
            seen.extend(e.seq for e in batch)
            if batch:
                last = batch[-1].seq
            if polls % 5 == 0:
                store.current_decisions()
            assert store.last_seq() >= last
            polls += 1
            if stopping:
                break
            time.sleep(0.01)
        store.close()
        results.put(("reader", index, seen, polls, None))
    except BaseException:
        results.put(("reader", index, [], 0, traceback.format_exc()))


def test_eight_writers_two_readers_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    ReviewStore(path, reviewer="setup").close()  # the schema exists before the rush
    start = CTX.Barrier(WRITERS + READERS)
    stop = CTX.Event()
    results = CTX.Queue()
    writers = [
        CTX.Process(target=_writer, args=(str(path), i, start, results)) for i in range(WRITERS)
    ]
    readers = [
        CTX.Process(target=_reader, args=(str(path), i, start, stop, results))
        for i in range(READERS)
    ]
    began = time.monotonic()
    for p in writers + readers:
        p.start()

    outcomes = [results.get(timeout=120) for _ in writers]
    stop.set()
    outcomes += [results.get(timeout=60) for _ in readers]
    for p in writers + readers:
        p.join(30)
        assert p.exitcode == 0
    elapsed = time.monotonic() - began
    errors = [o[4] for o in outcomes if o[4]]
    assert not errors, errors[0]

    sent = [eid for kind, _, ids, _, _ in outcomes if kind == "writer" for eid in ids]
    retries = sum(n for kind, _, _, n, _ in outcomes if kind == "writer")
    assert len(sent) == len(set(sent)) == WRITERS * PER_WRITER
    assert retries > 0  # some saves really were sent twice

    conn = sqlite3.connect(path)
    total, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT event_id) FROM event"
    ).fetchone()
    stored = {r[0] for r in conn.execute("SELECT event_id FROM event")}
    seqs = [r[0] for r in conn.execute("SELECT seq FROM event ORDER BY seq")]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert total == distinct == WRITERS * PER_WRITER == 1600
    assert stored == set(sent), f"lost {len(set(sent) - stored)}, extra {len(stored - set(sent))}"

    # Every reader saw every event, once, in order.
    for kind, index, seen, polls, _ in outcomes:
        if kind == "reader":
            assert polls > 1, f"reader {index} barely polled"
            assert seen == seqs, f"reader {index} saw {len(seen)} of {len(seqs)} events"

    # previous_decision was read and written atomically: each decision on a finding
    # names the decision before it, whichever process made either of them.
    with ReviewStore(path, reviewer="auditor") as store:
        history: dict[str, list] = defaultdict(list)
        for event in store.events():
            history[event.finding_key].append(event)
        for key, events in history.items():
            previous = None
            for event in events:
                assert event.previous_decision == previous, (key, event)
                previous = event.decision
        latest = store.current_decisions()
        assert {k: v.seq for k, v in latest.items()} == {k: v[-1].seq for k, v in history.items()}
    print(f"\n1600 decisions, {retries} retries, {elapsed:.1f} s with process start-up")


# -- kill -9 ---------------------------------------------------------------------------


def _doomed_writer(path: str, pipe_fd: int) -> None:
    """Save decisions forever, reporting each id only after record_decision returned."""
    store = ReviewStore(Path(path), reviewer="doomed")
    rng = random.Random(os.getpid())
    while True:
        event_id = str(uuid.uuid4())
        _save(store, rng, event_id)
        os.write(pipe_fd, (event_id + "\n").encode())  # < PIPE_BUF: atomic


def _read_lines(fd: int, want: int | None) -> list[str]:
    """Read acknowledged ids until at least ``want`` arrived (None: until EOF)."""
    data = b""
    while want is None or data.count(b"\n") < want:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    assert data.endswith(b"\n") or not data
    return data.decode().split()


def test_kill_9_keeps_every_acknowledged_decision(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite"
    watcher = ReviewStore(path, reviewer="watcher")  # another session stays open throughout
    acknowledged: list[str] = []
    rng = random.Random(7)
    for round_ in range(10):
        read_fd, write_fd = os.pipe()
        child = CTX.Process(target=_doomed_writer, args=(str(path), write_fd))
        child.start()
        os.close(write_fd)
        try:
            acknowledged += _read_lines(read_fd, rng.randint(20, 150))
            time.sleep(rng.uniform(0, 0.01))  # land somewhere inside a save
            os.kill(child.pid, signal.SIGKILL)
            child.join(30)
            acknowledged += _read_lines(read_fd, None)  # whatever was sent before death
        finally:
            os.close(read_fd)
            if child.is_alive():
                child.kill()
        assert child.exitcode == -signal.SIGKILL, f"round {round_}: child was not killed"

        with ReviewStore(path, reviewer="recovery") as reopened:
            assert reopened.integrity_check() == "ok"
            stored = {e.event_id for e in reopened.events()}
            missing = set(acknowledged) - stored
            assert not missing, f"round {round_}: {len(missing)} acknowledged decisions lost"
            # The store is still writable after the crash.
            reopened.record_decision("R99:after", "commune", "x", "06745", 2025, "corrected")
        assert watcher.last_seq() >= len(acknowledged)

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows, distinct = conn.execute("SELECT count(*), count(DISTINCT event_id) FROM event").fetchone()
    conn.close()
    assert rows == distinct
    assert len(acknowledged) == len(set(acknowledged)) > 0
    watcher.close()
