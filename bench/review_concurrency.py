"""Benchmark the review decision store under several concurrent sessions.

    python bench/review_concurrency.py [--procs 8] [--per-proc 200] [--readers 2] [--json OUT]
                                       [--store postgresql://...]

Runs N writer processes that each record M decisions through ``ReviewStore`` (about 5%
of the saves are sent twice with the same event_id, like a retry after a lost
acknowledgement) while R reader processes poll ``events_after`` / ``current_decisions``.
Then, in the same run, the same number of processes insert into a bare sqlite3 table with
the same pragmas (WAL, synchronous=FULL, busy_timeout): the floor that the store is
compared with. With ``--store postgresql://…`` the same workload also runs against the
PostgreSQL store (through the same ``record_decision``, the URL's role must be a reviewer
who may record on every unit: ``ntm-review store init-postgres --reviewer NAME``), and
its p50/p99 are printed beside SQLite's, from the same run.

Prints a Markdown table: decisions per second, p50/p99 latency of one save, and the
number of decisions lost (must be 0). ``--dir`` runs on a chosen file system (for
example the shared folder on the server) instead of a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.review.sqlite import DECISIONS, REASON_REQUIRED, ReviewStore  # noqa: E402

UNITS = ("06745", "06748", "06751", "06754")
FINDINGS = [f"R{rule:02d}:{unit}:{n}" for rule in (1, 7) for unit in UNITS for n in range(25)]


def _open(location: str, reviewer: str):
    if location.startswith(("postgresql://", "postgres://")):
        from tui.core.review.postgres import PgReviewStore

        return PgReviewStore(location, pool_size=1)
    return ReviewStore(Path(location), reviewer=reviewer)


def _store_writer(path: str, index: int, per_proc: int, retry_rate: float, start, out) -> None:
    try:
        store = _open(path, f"bench{index}")
        rng = random.Random(index)
        latencies: list[float] = []
        ids: list[str] = []
        retries = 0
        start.wait()
        began = time.monotonic()
        for _ in range(per_proc):
            key = rng.choice(FINDINGS)
            decision = rng.choice(DECISIONS)
            reason = "lý do" if decision in REASON_REQUIRED else ""
            unit = key.split(":")[1]
            event_id = str(uuid.uuid4())
            t0 = time.perf_counter()
            store.record_decision(key, "commune", unit, unit, 2025, decision, reason, event_id)
            latencies.append(time.perf_counter() - t0)
            if rng.random() < retry_rate:
                store.record_decision(key, "commune", unit, unit, 2025, decision, reason, event_id)
                retries += 1
            ids.append(event_id)
        ended = time.monotonic()
        store.close()
        out.put({"ids": ids, "lat": latencies, "retries": retries, "t": (began, ended)})
    except BaseException:
        out.put({"error": traceback.format_exc()})


def _store_reader(path: str, start, stop, out) -> None:
    try:
        store = _open(path, "bench-reader")
        start.wait()
        last, polls = 0, 0
        while not stop.is_set():
            batch = store.events_after(last)
            if batch:
                last = batch[-1].seq
            store.current_decisions()
            polls += 1
            time.sleep(0.02)
        store.close()
        out.put({"polls": polls, "last": last})
    except BaseException:
        out.put({"error": traceback.format_exc()})


def _bare_writer(path: str, index: int, per_proc: int, start, out) -> None:
    try:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        latencies: list[float] = []
        ids: list[str] = []
        start.wait()
        began = time.monotonic()
        for i in range(per_proc):
            event_id = str(uuid.uuid4())
            t0 = time.perf_counter()
            conn.execute(
                "INSERT INTO t (event_id, finding_key, decision, reviewer, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (event_id, f"R01:{i}", "corrected", f"bench{index}", time.time()),
            )
            latencies.append(time.perf_counter() - t0)
            ids.append(event_id)
        ended = time.monotonic()
        conn.close()
        out.put({"ids": ids, "lat": latencies, "retries": 0, "t": (began, ended)})
    except BaseException:
        out.put({"error": traceback.format_exc()})


def _collect(out, count: int) -> list[dict[str, Any]]:
    results = [out.get(timeout=600) for _ in range(count)]
    for r in results:
        if "error" in r:
            raise SystemExit(f"a benchmark process failed:\n{r['error']}")
    return results


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _summarise(results: list[dict[str, Any]], stored: set[str], rows: int) -> dict[str, Any]:
    sent = [eid for r in results for eid in r["ids"]]
    latencies = [x for r in results for x in r["lat"]]
    began = min(r["t"][0] for r in results)
    ended = max(r["t"][1] for r in results)
    wall = ended - began
    return {
        "decisions": len(sent),
        "retries": sum(r["retries"] for r in results),
        "wall_s": round(wall, 3),
        "per_s": round(len(sent) / wall, 1) if wall > 0 else None,
        "p50_ms": round(_percentile(latencies, 50) * 1000, 2),
        "p99_ms": round(_percentile(latencies, 99) * 1000, 2),
        "max_ms": round(max(latencies) * 1000, 2),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2),
        "rows": rows,
        "lost": len(set(sent) - stored),
        "duplicates": rows - len(stored),
    }


def run_store(
    folder: Path, procs: int, per_proc: int, readers: int, retry_rate: float, ctx, url=None
):
    path = url or folder / "review-bench.sqlite"
    _open(str(path), "bench-setup").close()
    start = ctx.Barrier(procs + readers)
    stop = ctx.Event()
    out, reader_out = ctx.Queue(), ctx.Queue()
    workers = [
        ctx.Process(target=_store_writer, args=(str(path), i, per_proc, retry_rate, start, out))
        for i in range(procs)
    ]
    watchers = [
        ctx.Process(target=_store_reader, args=(str(path), start, stop, reader_out))
        for _ in range(readers)
    ]
    for p in workers + watchers:
        p.start()
    results = _collect(out, procs)
    stop.set()
    reader_results = _collect(reader_out, readers)
    for p in workers + watchers:
        p.join()
    if url is not None:
        with _open(url, "bench-check") as store:
            events = store.events()
        stored = {e.event_id for e in events}
        rows, integrity = len(events), "ok"
    else:
        conn = sqlite3.connect(path)
        stored = {r[0] for r in conn.execute("SELECT event_id FROM event")}
        rows = conn.execute("SELECT count(*) FROM event").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
    summary = _summarise(results, stored, rows)
    summary["reader_polls"] = sum(r["polls"] for r in reader_results)
    summary["integrity"] = integrity
    return summary


def run_bare(folder: Path, procs: int, per_proc: int, ctx) -> dict[str, Any]:
    path = folder / "bare-bench.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(
        "CREATE TABLE t (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, "
        "finding_key TEXT, decision TEXT, reviewer TEXT NOT NULL, created_at TEXT NOT NULL)"
    )
    conn.close()
    start = ctx.Barrier(procs)
    out = ctx.Queue()
    workers = [
        ctx.Process(target=_bare_writer, args=(str(path), i, per_proc, start, out))
        for i in range(procs)
    ]
    for p in workers:
        p.start()
    results = _collect(out, procs)
    for p in workers:
        p.join()
    conn = sqlite3.connect(path)
    stored = {r[0] for r in conn.execute("SELECT event_id FROM t")}
    rows = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    conn.close()
    return _summarise(results, stored, rows)


def _row(name: str, procs: int, s: dict[str, Any]) -> str:
    return (
        f"| {name} | {procs} | {s['decisions']} | {s['wall_s']:.2f} | {s['per_s']:.0f} "
        f"| {s['p50_ms']:.2f} | {s['p99_ms']:.2f} | {s['max_ms']:.2f} | {s['lost']} "
        f"| {s['duplicates']} |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procs", type=int, default=8, help="writer processes (default 8)")
    parser.add_argument("--per-proc", type=int, default=200, help="decisions per writer")
    parser.add_argument("--readers", type=int, default=2, help="polling reader processes")
    parser.add_argument("--retry-rate", type=float, default=0.05, help="share of saves resent")
    parser.add_argument("--dir", type=Path, help="folder to run in (default: a temp folder)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write results as JSON")
    parser.add_argument(
        "--store",
        metavar="URL",
        help="also run the workload on this PostgreSQL review store (postgresql://...)",
    )
    parser.add_argument(
        "--start-method",
        choices=multiprocessing.get_all_start_methods(),
        default="fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn",
    )
    args = parser.parse_args(argv)
    ctx = multiprocessing.get_context(args.start_method)

    with tempfile.TemporaryDirectory(prefix="ntm-review-bench-", dir=args.dir) as tmp:
        folder = Path(tmp)
        store = run_store(folder, args.procs, args.per_proc, args.readers, args.retry_rate, ctx)
        bare = run_bare(folder, args.procs, args.per_proc, ctx)
        pg = None
        if args.store:
            pg = run_store(
                folder, args.procs, args.per_proc, args.readers, args.retry_rate, ctx, args.store
            )

    ratio = store["per_s"] / bare["per_s"] if bare["per_s"] else float("nan")
    print(
        f"ntm-review decision store: {args.procs} writers x {args.per_proc} decisions, "
        f"{args.readers} readers, {store['retries']} retried saves, "
        f"sqlite {sqlite3.sqlite_version}, Python {platform.python_version()}\n"
    )
    print(
        "| workload | procs | decisions | wall s | decisions/s | p50 ms | p99 ms | max ms "
        "| lost | duplicates |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(_row("ReviewStore.record_decision (SQLite)", args.procs, store))
    if pg is not None:
        print(_row("PgReviewStore.record_decision (PostgreSQL)", args.procs, pg))
    print(_row("bare sqlite3 INSERT (floor)", args.procs, bare))
    print(
        f"\nstore / bare throughput: {ratio:.2f}; reader polls: {store['reader_polls']}; "
        f"integrity_check: {store['integrity']}; decisions lost: {store['lost']}"
    )
    if pg is not None:
        print(
            f"PostgreSQL / SQLite store, p50: {pg['p50_ms'] / store['p50_ms']:.2f}, "
            f"p99: {pg['p99_ms'] / store['p99_ms']:.2f}; PostgreSQL decisions lost: {pg['lost']}"
        )

    if args.json:
        report = {
            "procs": args.procs,
            "per_proc": args.per_proc,
            "readers": args.readers,
            "retry_rate": args.retry_rate,
            "start_method": args.start_method,
            "sqlite_version": sqlite3.sqlite_version,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "store": store,
            "bare_sqlite": bare,
            "postgresql": pg,
            "ratio": round(ratio, 3),
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    ok = store["lost"] == 0 and store["duplicates"] == 0 and store["integrity"] == "ok"
    ok = ok and (pg is None or (pg["lost"] == 0 and pg["duplicates"] == 0))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
