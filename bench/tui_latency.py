"""Measure the TUI as a user sees it, in a real terminal (tmux), against a floor.

    python bench/tui_latency.py [--db PATH] [--runs 5] [--json OUT]

- first paint: launch to the overview drawn (a known unit name visible), against a
  minimal Textual app that paints one label, in the same run;
- filter: from a key typed into the overview filter to the list redrawn, over a typed
  word and its backspaces (median and worst).
Timings are wall-clock and noisy on a 2-core machine: read the ratio, not the number.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOCKET = f"ntm-bench-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def capture() -> str:
    return tmux("capture-pane", "-t", "b", "-p")


def wait_for(predicate, timeout: float = 20.0, step: float = 0.005) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate(capture()):
            return time.perf_counter() - start
        time.sleep(step)
    raise TimeoutError("screen never showed the expected text")


def start(command: str, size=(120, 40)) -> float:
    tmux("kill-server")
    t0 = time.perf_counter()
    tmux("new-session", "-d", "-s", "b", "-x", str(size[0]), "-y", str(size[1]), command)
    return t0


def first_paint(command: str, marker: str) -> float:
    t0 = start(command)
    wait_for(lambda s: marker in s)
    elapsed = time.perf_counter() - t0
    tmux("kill-server")
    return elapsed


def filter_latencies(command: str, word: str = "hai xuan") -> list[float]:
    start(command)
    tmux("set", "-g", "escape-time", "10")
    wait_for(lambda s: "Hải Xuân" in s)
    time.sleep(0.5)
    tmux("send-keys", "-t", "b", "/")
    wait_for(lambda s: "Lọc theo tên" in s or "Filter by" in s)
    latencies = []
    typed = ""
    for ch in list(word) + ["BSpace"] * len(word):
        before = capture()
        typed = typed[:-1] if ch == "BSpace" else typed + ch
        t0 = time.perf_counter()
        if ch == "BSpace":
            tmux("send-keys", "-t", "b", "BSpace")
        else:
            tmux("send-keys", "-t", "b", "-l", ch)
        try:
            wait_for(lambda s, b=before: s != b, timeout=5)
            # the list and caption settle after the input echo: wait for no change for 30 ms
            stable = capture()
            while True:
                time.sleep(0.03)
                now = capture()
                if now == stable:
                    break
                stable = now
            latencies.append(time.perf_counter() - t0 - 0.03)
        except TimeoutError:
            latencies.append(float("nan"))
    tmux("kill-server")
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is required", file=sys.stderr)
        return 2
    exe = shutil.which("ntm-review") or str(Path(sys.executable).parent / "ntm-review")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "demo.duckdb"
        if args.db is None:
            subprocess.run([exe, "demo", "--db", str(db)], check=True, capture_output=True)
        env = "TERM=xterm-256color"
        app_cmd = f"{env} {exe} --db {db}"
        floor_cmd = f"{env} {sys.executable} {ROOT / 'bench' / 'minimal_app.py'}"
        floor = [first_paint(floor_cmd, "READY-MINIMAL") for _ in range(args.runs)]
        app = [first_paint(app_cmd, "Hải Xuân") for _ in range(args.runs)]
        keys = filter_latencies(app_cmd)
    result = {
        "first_paint_floor_s": statistics.median(floor),
        "first_paint_app_s": statistics.median(app),
        "first_paint_ratio": statistics.median(app) / statistics.median(floor),
        "filter_key_median_ms": statistics.median(keys) * 1000,
        "filter_key_worst_ms": max(keys) * 1000,
        "runs": args.runs,
    }
    print("| measure | app | floor | ratio |")
    print("|---|---|---|---|")
    print(
        f"| first paint (median of {args.runs}) | {result['first_paint_app_s']:.2f} s | "
        f"{result['first_paint_floor_s']:.2f} s | {result['first_paint_ratio']:.2f} |"
    )
    print(
        f"| filter keystroke (median / worst of {len(keys)}) | {result['filter_key_median_ms']:.0f} ms / "
        f"{result['filter_key_worst_ms']:.0f} ms | | |"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
