"""The national-scale benchmark: the application and a floor, side by side, in one run.

    python bench/national.py [--scale national|province|city] [--seed N] [--db PATH]
                             [--runs 5] [--units 5] [--no-ssh] [--json OUT] [--md OUT]

Measures, in a real terminal (tmux, 120x40) where a terminal is involved:

- first paint: launch to the overview drawn (its first row visible), at the city demo and
  at the chosen scale, against a minimal Textual app painting one label (floor);
- filter: per keystroke at that scale, from the key sent to the list redrawn (the caption
  names the new filter text), median and worst over a typed word and its backspaces,
  against an app whose keystroke only rewrites a caption (bench/minimal_interactive.py);
- drill-down: Enter on a unit to its screen drawn (its status line filled), median and
  worst over several units (the model commune and the units with the most works),
  against the same minimal app pushing a screen with one label; then, on each unit
  screen, Enter on its first resolution to the resolution screen drawn (its status line
  names the number), against the same floor;
- check: `ntm-review check --format json > /dev/null` at that scale, against one DuckDB
  scan of all capital lines (`SELECT sum(amount) FROM capital_allocation`) in a fresh
  process;
- memory: peak RSS (VmHWM) of the TUI process at that scale, after the filter and
  drill-down session;
- import: `ntm-review import` against reading the same workbook with python-calamine
  alone, when the importer exists (bench/import_throughput.py makes the workbook);
- over SSH (unless --no-ssh): first paint and drill-downs with the app started through
  `ssh -tt 127.0.0.1` to an sshd of the benchmark's own (temporary host key, temporary
  user key, a free high port), against the ssh connection alone as the floor.

The scale's database is built once and kept (default: $TMPDIR/ntm-review-bench/), then
reused while its scale, seed and schema match; a build in this run is timed too. Prints a
Markdown table with both numbers and the ratio, and writes JSON (--json) and the table
(--md). Timings are wall-clock on whatever else the machine is doing: on a shared 2-core
machine, read the ratios, and re-run before believing a single number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (120, 40)
# Issue 12's targets. The millisecond ones were set on a quiet machine whose floors were
# 13 ms (drill-down) and 17 / 43 ms (keystroke, median / worst); "ratio" is the same
# target as a multiple of the floor, which is what a loaded shared machine can judge.
TARGETS = {
    "first_paint_scale_ratio": {"limit": 1.5, "label": "≤ 1.5×"},
    "first_paint_demo_ratio": {"limit": 1.5, "label": "≤ 1.5×"},
    "filter_median_ms": {"limit": 35.0, "ratio": 35 / 17, "label": "≤ 35 ms (≈ 2.1×)"},
    "filter_worst_ms": {"limit": 100.0, "ratio": 100 / 43, "label": "≤ 100 ms (≈ 2.3×)"},
    "drill_down_median_ms": {"limit": 60.0, "ratio": 60 / 13, "label": "≤ 60 ms (≈ 4.6×)"},
    "drill_down_worst_ms": {"limit": 120.0, "ratio": 120 / 13, "label": "≤ 120 ms (≈ 9.2×)"},
    "resolution_median_ms": {"limit": 60.0, "ratio": 60 / 13, "label": "≤ 60 ms (≈ 4.6×)"},
    "check_ratio": {"limit": 2.0, "label": "≤ 2×"},
    "import_ratio": {"limit": 4.0, "label": "≥ 60,000 rows/s (≤ 4×)"},
    "tui_peak_rss_mb": {"limit": 200.0, "label": "≤ 200 MB"},
}
FLOOR_SCAN = (
    "import duckdb, sys; "
    "con = duckdb.connect(sys.argv[1], read_only=True); "
    "print(con.execute('SELECT sum(amount) FROM capital_allocation').fetchone()[0])"
)


# -- a terminal ----------------------------------------------------------------------


@dataclass
class Terminal:
    """A tmux server (own socket, no user config) running one command at a time.

    Every start gets a new server on a new socket: reusing a socket right after
    kill-server can race with the dying server and leave no session at all.
    """

    socket: str = ""
    session: str = "bench"

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout

    def start(self, command: str) -> float:
        """Start `command`; return the perf_counter time just before tmux was asked."""
        self.stop()
        self.socket = f"ntm-national-{uuid.uuid4().hex[:10]}"
        started = time.perf_counter()
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
            command,
        )  # fmt: skip
        self.tmux("set", "-g", "escape-time", "10")
        self.tmux("set", "-g", "remain-on-exit", "on")  # a crash leaves its last screen
        return started

    def stop(self) -> None:
        if self.socket:
            self.tmux("kill-server")
            self.socket = ""

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", self.session, "-p")

    def keys(self, *keys: str, literal: bool = False) -> float:
        sent = time.perf_counter()
        self.tmux("send-keys", "-t", self.session, *(("-l",) if literal else ()), *keys)
        return sent

    def wait(self, predicate, timeout: float = 30.0) -> float:
        """Poll the screen until predicate(screen); return the perf_counter time it held."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if predicate(self.screen()):
                return time.perf_counter()
            time.sleep(0.002)
        raise TimeoutError(f"the screen never showed what was expected:\n{self.screen()}")

    def app_pid(self) -> int | None:
        """The pid of the program in the pane (the pane's process or its child)."""
        found = self.tmux("list-panes", "-t", self.session, "-F", "#{pane_pid}").split()
        if not found:
            return None
        pid = int(found[0])
        for _ in range(3):
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"ntm-review" in cmdline:
                return pid
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            if not children:
                return pid
            pid = int(children[0])
        return pid


def vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# -- the databases -----------------------------------------------------------------


def _meta(db: Path) -> dict[str, str] | None:
    from tui.core.data.store import Store
    from tui.core.errors import NtmError

    try:
        with Store.open(db) as store:
            return store.meta()
    except NtmError:
        return None


def prepare_database(exe: str, scale: str, seed: int, db: Path) -> dict | None:
    """Reuse db if it holds this scale and seed at the current schema; else build it.

    Returns the build's time and the builder's peak RSS, or None when reused.
    """
    meta = _meta(db) if db.exists() else None
    if meta and meta.get("scale") == scale and meta.get("seed") == str(seed):
        return None
    db.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [exe, "demo", "--scale", scale, "--seed", str(seed), "--db", str(db), "--lang", "en"],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": round(seconds, 2),
        # RUSAGE_CHILDREN is the largest child so far: exact when this build is the largest.
        "peak_rss_mb": round(peak / 1024, 1) if peak > before else None,
    }


def overview_facts(db: Path) -> dict:
    """What the benchmark waits for and drills into, read through the app's own views."""
    from tui.core.data.store import Store

    with Store.open(db) as store:
        meta = store.meta()
        year = int(meta.get("default_year") or store.rows("views/years")[0][0])

        def page(sort: str, limit: int) -> list[tuple]:
            return store.rows(
                "views/overview_page",
                year=year, filter="", sort=sort, descending=sort != "code", limit=limit, offset=0,
            )  # fmt: skip

        first = page("code", 1)[0]
        busiest = [(r[0], r[1]) for r in page("projects", 20)]
        model = meta.get("model_unit")
        model_rows = store.dicts("views/unit", code=model) if model else []
        counts = {k[6:]: int(v) for k, v in meta.items() if k.startswith("count_")}
        units = [(model, model_rows[0]["name"])] if model_rows else []
        units += [u for u in busiest if u[0] != model]
        # The resolution the unit screen's cursor starts on (its first row), by unit.
        first_resolution = {
            code: rows[0][1]
            for code, _ in units
            if (rows := store.rows("views/unit_resolutions", unit=code, year=year))
        }
    return {
        "year": year,
        "first_name": first[1],
        "units": units,
        "first_resolution": first_resolution,
        "counts": counts,
        "meta": meta,
    }


# -- measurements ------------------------------------------------------------------


def app_command(exe: str, db: Path, home: Path) -> str:
    env = {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "share"),
    }
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    return f"exec env {assignments} {shlex.quote(exe)} --db {shlex.quote(str(db))} --lang vi"


def floor_command(home: Path, script_name: str = "minimal_app.py") -> str:
    script = ROOT / "bench" / script_name
    return (
        f"exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "
        f"XDG_CONFIG_HOME={shlex.quote(str(home / 'config'))} "
        f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    )


def first_paint(term: Terminal, command: str, marker: str) -> float:
    started = term.start(command)
    shown = term.wait(lambda s: marker in s)
    term.stop()
    return shown - started


def filter_session(
    term: Terminal, command: str, first_name: str, word: str, *, open_filter: bool = True
) -> list[float]:
    """Type word into the overview filter, then delete it: seconds per key to the redraw."""
    term.start(command)
    term.wait(lambda s: first_name in s)
    time.sleep(0.3)
    if open_filter:
        term.keys("/", literal=True)
    term.wait(lambda s: "Lọc theo tên" in s)
    latencies = []
    typed = ""
    for key in list(word) + ["BSpace"] * len(word):
        typed = typed[:-1] if key == "BSpace" else typed + key
        # The caption names the filter once the new list is drawn ("Lọc: “hai x”").
        expected = f"“{typed}”"

        def redrawn(screen: str, expected: str = expected, typed: str = typed) -> bool:
            return expected in screen if typed else "Lọc: “" not in screen

        sent = term.keys(key, literal=key != "BSpace")
        latencies.append(term.wait(redrawn, timeout=10) - sent)
    return latencies


def floor_drill_downs(term: Terminal, codes: list[str]) -> list[float]:
    """In the running minimal app: Enter pushes a screen naming the text; Escape pops it."""
    samples = []
    for code in codes:
        term.keys("C-u")
        term.wait(lambda s: "Lọc: “" not in s)
        term.keys(code, literal=True)
        term.wait(lambda s, c=code: f"“{c}”" in s)
        marker = f"OPENED {code}  ·"
        sent = term.keys("Enter")
        samples.append(term.wait(lambda s, m=marker: m in s, timeout=15) - sent)
        time.sleep(0.2)
        term.keys("Escape")
        term.wait(lambda s, m=marker: m not in s and "READY-MINIMAL" in s)
        time.sleep(0.3)
    return samples


def escape(term: Terminal, arrived) -> None:
    """Escape, then wait for the screen below. On a loaded machine an Escape read together
    with the key after it is parsed as one alt-key (RELIABILITY.md: Escape takes ~105 ms
    to register), so an Escape that changed nothing after a long wait is sent again."""
    for attempt in range(3):
        term.keys("Escape")
        try:
            term.wait(arrived, timeout=10 if attempt < 2 else 30)
            return
        except TimeoutError:
            if attempt == 2:
                raise


def clear_filter(term: Terminal) -> None:
    """Empty the overview's filter field: ctrl+u, after `/` again if the `/` sent after an
    Escape was swallowed with it (see escape())."""
    for attempt in range(3):
        term.keys("C-u")
        try:
            term.wait(lambda s: "Lọc: “" not in s, timeout=5 if attempt < 2 else 30)
            return
        except TimeoutError:
            if attempt == 2:
                raise
            term.keys("/", literal=True)
            time.sleep(0.3)


def type_filter(term: Terminal, text: str) -> None:
    """Empty the filter and type text into it, until the list says it is filtered by it
    (a key swallowed on a loaded machine, see escape(), costs one more try)."""
    for attempt in range(3):
        clear_filter(term)
        term.keys(text, literal=True)
        try:
            term.wait(lambda s: f"“{text}”" in s, timeout=10 if attempt < 2 else 30)
            return
        except TimeoutError:
            if attempt == 2:
                raise
            term.keys("/", literal=True)
            time.sleep(0.3)


def drill_downs(
    term: Terminal, units: list[tuple[str, str]], first_resolution: dict[str, str]
) -> list[dict]:
    """In the running app (overview, filter open): open each unit, then its first
    resolution (Enter on the unit screen's first row), and come back."""
    samples = []
    for code, name in units:
        type_filter(term, code)
        term.keys("Enter")  # leave the filter field for the list
        time.sleep(0.15)
        # The status line: "code name" then its separator, whose spaces shorten at 80.
        marker = re.compile(re.escape(f"{code} {name}") + r"\s+·")
        sent = term.keys("Enter")
        shown = term.wait(lambda s, m=marker: m.search(s) is not None, timeout=15)
        sample = {"unit": code, "name": name, "seconds": shown - sent}
        number = first_resolution.get(code)
        if number:
            time.sleep(0.3)
            res_marker = f"{code} {name} › {number}"
            sent = term.keys("Enter")
            shown = term.wait(lambda s, m=res_marker: m in s, timeout=15)
            sample["resolution"] = number
            sample["resolution_seconds"] = shown - sent
            time.sleep(0.2)
            escape(term, lambda s, m=marker, r=res_marker: m.search(s) is not None and r not in s)
        samples.append(sample)
        time.sleep(0.2)
        escape(term, lambda s, m=marker: m.search(s) is None and "Lọc: “" in s)
        time.sleep(0.3)
        term.keys("/", literal=True)
        time.sleep(0.15)
    return samples


# -- over SSH ------------------------------------------------------------------------


class LocalSshd:
    """An sshd of our own on 127.0.0.1 (a high port, a temporary host key, this user's
    temporary key in authorized_keys), so that first paint and drill-down can be measured
    through a real SSH session. None of the system's sshd configuration is used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.problem = ""

    def start(self) -> bool:
        sshd = shutil.which("sshd") or "/usr/sbin/sshd"
        if not Path(sshd).exists() or not shutil.which("ssh"):
            self.problem = "openssh-server (sshd) or the ssh client is not installed"
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        host_key, user_key = self.folder / "host_key", self.folder / "user_key"
        for key in (host_key, user_key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        (self.folder / "authorized_keys").write_text((self.folder / "user_key.pub").read_text())
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = self.folder / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {host_key}",
                    f"AuthorizedKeysFile {self.folder / 'authorized_keys'}",
                    f"PidFile {self.folder / 'sshd.pid'}",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "AcceptEnv LANG LC_*",
                ]
            )
            + "\n"
        )
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation directory
        self.process = subprocess.Popen(
            [sshd, "-D", "-e", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "sshd.log", "w"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            probe = subprocess.run(self.ssh_args("true"), capture_output=True, timeout=20)
            if probe.returncode == 0:
                return True
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        log = (self.folder / "sshd.log").read_text().strip().splitlines()
        self.problem = f"sshd did not accept a login: {log[-1] if log else 'no log'}"
        self.stop()
        return False

    def ssh_args(self, remote: str, *, tty: bool = False) -> list[str]:
        return [
            "ssh",
            *(["-tt"] if tty else ["-T"]),
            "-p", str(self.port),
            "-i", str(self.folder / "user_key"),
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes",
            "-F", "/dev/null",
            "127.0.0.1",
            remote,
        ]  # fmt: skip

    def command(self, remote: str) -> str:
        """A tmux pane command: remote run through ssh with a terminal."""
        return "exec " + shlex.join(self.ssh_args(remote, tty=True))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def over_ssh(
    term: Terminal, sshd: LocalSshd, app_cmd: str, facts: dict, runs: int, units: int
) -> dict:
    """First paint and drill-down through ssh -tt 127.0.0.1, against the ssh connection
    alone (a remote command that only prints a marker) as the floor."""
    floor_cmd = sshd.command("printf 'READY-SSH\\n'; sleep 30")
    remote_app = sshd.command(app_cmd.removeprefix("exec "))
    floor, paint = [], []
    for _ in range(runs):
        floor.append(first_paint(term, floor_cmd, "READY-SSH"))
        paint.append(first_paint(term, remote_app, facts["first_name"]))
    term.start(remote_app)
    term.wait(lambda s: facts["first_name"] in s)
    time.sleep(0.3)
    term.keys("/", literal=True)
    term.wait(lambda s: "Lọc theo tên" in s)
    drills = drill_downs(term, facts["units"][:units], facts["first_resolution"])
    term.stop()
    unit_s = [d["seconds"] for d in drills]
    res_s = [d["resolution_seconds"] for d in drills if "resolution_seconds" in d]
    return {
        "available": True,
        "floor_s": round(statistics.median(floor), 3),
        "first_paint_s": round(statistics.median(paint), 3),
        "first_paint_ratio": round(statistics.median(paint) / statistics.median(floor), 2),
        "samples_s": {
            "floor": [round(x, 3) for x in floor],
            "app": [round(x, 3) for x in paint],
        },
        "drill_down_median_ms": _ms(statistics.median(unit_s)),
        "drill_down_worst_ms": _ms(max(unit_s)),
        "resolution_median_ms": _ms(statistics.median(res_s)) if res_s else None,
        "drill_samples": [
            {k: round(v, 3) if isinstance(v, float) else v for k, v in d.items()} for d in drills
        ],
    }


def timed_process(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def check_vs_scan(exe: str, db: Path, runs: int) -> tuple[list[float], list[float]]:
    app, floor = [], []
    for _ in range(runs):
        floor.append(timed_process([sys.executable, "-c", FLOOR_SCAN, str(db)]))
        app.append(timed_process([exe, "check", "--db", str(db), "--format", "json"]))
    return app, floor


def import_vs_reader(rows: int, folder: Path) -> dict:
    """ntm-review import against python-calamine reading the same workbook."""
    if rows <= 0:
        return {"available": False, "note": "skipped (--import-rows 0)"}
    if not (ROOT / "tui" / "core" / "io" / "importing" / "load.py").exists():
        return {"available": False, "note": "not available yet"}
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        import import_throughput as it
    except ImportError:
        return {"available": False, "note": "not available yet (bench/import_throughput.py)"}
    workbook, db = folder / "import.xlsx", folder / "import.duckdb"
    counts = it.generate(workbook, rows)
    total = sum(counts.values())
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui", "import", "--lang", "en", "--db", str(db), str(workbook)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    t_import = time.perf_counter() - started
    if done.returncode != 0:
        note = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"]
        return {"available": False, "note": f"import failed: {note[0][:200]}"}
    started = time.perf_counter()
    it.read_calamine(workbook)
    t_read = time.perf_counter() - started
    return {
        "available": True,
        "rows": total,
        "import_s": round(t_import, 3),
        "reader_s": round(t_read, 3),
        "import_rows_per_s": round(total / t_import),
        "reader_rows_per_s": round(total / t_read),
        "ratio": round(t_import / t_read, 2),
    }


# -- report ------------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def targets(result: dict) -> list[dict]:
    """Each target with the value measured and the ratio to its floor; "met" judges the
    absolute figure, "met_ratio" the ratio (for the millisecond targets)."""
    fp, fl, dd, imp = (
        result["first_paint"],
        result["filter"],
        result["drill_down"],
        result["import"],
    )
    values = {
        "first_paint_scale_ratio": (fp["scale_ratio"], fp["scale_ratio"]),
        "first_paint_demo_ratio": (fp["demo_ratio"], fp["demo_ratio"]),
        "filter_median_ms": (fl["median_ms"], fl["ratio"]),
        "filter_worst_ms": (fl["worst_ms"], fl["worst_ms"] / fl["floor_worst_ms"]),
        "drill_down_median_ms": (dd["median_ms"], dd["ratio"]),
        "drill_down_worst_ms": (dd["worst_ms"], dd["worst_ms"] / dd["floor_median_ms"]),
        "resolution_median_ms": (dd["resolution_median_ms"], dd["resolution_ratio"]),
        "check_ratio": (result["check"]["ratio"], result["check"]["ratio"]),
        "import_ratio": (imp.get("ratio"), imp.get("ratio")),
        "tui_peak_rss_mb": (result["memory"]["tui_peak_rss_mb"], None),
    }
    out = []
    for key, (value, ratio) in values.items():
        target = TARGETS[key]
        met = value is not None and value <= target["limit"]
        if key == "import_ratio" and imp.get("available"):
            met = imp["import_rows_per_s"] >= 60_000 and imp["ratio"] <= target["limit"]
        met_ratio = ratio is not None and ratio <= target["ratio"] if "ratio" in target else met
        out.append(
            {
                "measure": key,
                "target": target["label"],
                "value": value,
                "ratio": None if ratio is None else round(ratio, 2),
                "met": met,
                "met_ratio": met_ratio,
            }
        )
    return out


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def markdown(result: dict) -> str:
    fp, fl, dd, ck = (result[k] for k in ("first_paint", "filter", "drill_down", "check"))
    scale = result["scale"]
    t = {x["measure"]: x for x in result["targets"]}

    def met(key: str) -> str:
        return f"{_mark(t[key]['met'])} | {_mark(t[key]['met_ratio'])}"

    res_ms = dd["resolution_median_ms"]
    lines = [
        f"Scale **{scale}**: {result['data']['units']:,} units, "
        f"{result['data']['resolutions']:,} resolutions, {result['data']['works']:,} works, "
        f"{result['data']['capital_lines']:,} capital lines, "
        f"{result['data']['surplus_lines']:,} surplus lines, "
        f"{result['data']['findings']:,} findings. {result['machine']['cpus']} CPUs, "
        f"load average {result['machine']['load_before']} before the run, "
        f"{result['machine']['load_after']} after.",
        "",
        "| measure | app | floor | ratio | target (issue 12) | met (absolute) | met (ratio) |",
        "|---|---|---|---|---|---|---|",
        f"| first paint, {scale} (median of {fp['runs']}) | {fp['scale_s']:.2f} s | "
        f"{fp['floor_s']:.2f} s | {fp['scale_ratio']:.2f}× | {t['first_paint_scale_ratio']['target']} "
        f"| {met('first_paint_scale_ratio')} |",
        f"| first paint, city demo (median of {fp['runs']}) | {fp['demo_s']:.2f} s | "
        f"{fp['floor_s']:.2f} s | {fp['demo_ratio']:.2f}× | {t['first_paint_demo_ratio']['target']} "
        f"| {met('first_paint_demo_ratio')} |",
        f"| filter keystroke, median of {len(fl['samples_ms'])} | {fl['median_ms']:.0f} ms | "
        f"{fl['floor_median_ms']:.0f} ms | {fl['ratio']:.2f}× | {t['filter_median_ms']['target']} "
        f"| {met('filter_median_ms')} |",
        f"| filter keystroke, worst | {fl['worst_ms']:.0f} ms | {fl['floor_worst_ms']:.0f} ms | "
        f"{t['filter_worst_ms']['ratio']:.2f}× | {t['filter_worst_ms']['target']} "
        f"| {met('filter_worst_ms')} |",
        f"| drill-down to a unit, median of {len(dd['samples'])} | {dd['median_ms']:.0f} ms | "
        f"{dd['floor_median_ms']:.0f} ms | {dd['ratio']:.2f}× | "
        f"{t['drill_down_median_ms']['target']} | {met('drill_down_median_ms')} |",
        f"| drill-down to a unit, worst | {dd['worst_ms']:.0f} ms | {dd['floor_median_ms']:.0f} ms "
        f"| {t['drill_down_worst_ms']['ratio']:.2f}× | {t['drill_down_worst_ms']['target']} "
        f"| {met('drill_down_worst_ms')} |",
        (
            f"| Enter on a resolution, median of {dd['resolution_runs']} | {res_ms:.0f} ms | "
            f"{dd['floor_median_ms']:.0f} ms | {dd['resolution_ratio']:.2f}× | "
            f"{t['resolution_median_ms']['target']} | {met('resolution_median_ms')} |"
            if res_ms is not None
            else "| Enter on a resolution | no unit had one | | | | | |"
        ),
        f"| `check --format json` (median of {ck['runs']}) | {ck['app_s']:.2f} s | "
        f"{ck['floor_s']:.2f} s | {ck['ratio']:.2f}× | {t['check_ratio']['target']} "
        f"| {met('check_ratio')} |",
    ]
    imp = result["import"]
    if imp.get("available"):
        lines.append(
            f"| import, {imp['rows']:,} rows | {imp['import_rows_per_s']:,} rows/s | "
            f"{imp['reader_rows_per_s']:,} rows/s | {imp['ratio']:.1f}× | "
            f"{t['import_ratio']['target']} | {met('import_ratio')} |"
        )
    else:
        lines.append(f"| import | {imp['note']} | | | | | |")
    lines.append(
        f"| peak RSS of the TUI | {result['memory']['tui_peak_rss_mb']:.0f} MB | | | "
        f"{t['tui_peak_rss_mb']['target']} | {met('tui_peak_rss_mb')} |"
    )
    ssh = result.get("ssh") or {}
    if ssh.get("available"):
        lines += [
            f"| first paint over SSH, {scale} (median of {fp['runs']}) | "
            f"{ssh['first_paint_s']:.2f} s | {ssh['floor_s']:.2f} s (ssh alone) | "
            f"{ssh['first_paint_ratio']:.2f}× | | | |",
            f"| drill-down to a unit over SSH, median (worst) | "
            f"{ssh['drill_down_median_ms']:.0f} ms ({ssh['drill_down_worst_ms']:.0f}) | | | | | |",
        ]
        if ssh["resolution_median_ms"] is not None:
            lines.append(
                f"| Enter on a resolution over SSH, median | "
                f"{ssh['resolution_median_ms']:.0f} ms | | | | | |"
            )
    else:
        lines.append(f"| over SSH | not measured: {ssh.get('note', 'skipped')} | | | | | |")
    build = result.get("build")
    if build:
        rss = f", builder peak RSS {build['peak_rss_mb']:.0f} MB" if build["peak_rss_mb"] else ""
        lines += ["", f"Database built in this run: {build['seconds']:.1f} s{rss}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=("national", "province", "city"), default="national")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--db", type=Path, help="the scale's database (built if needed)")
    parser.add_argument("--runs", type=int, default=5, help="launches per first-paint figure")
    parser.add_argument("--units", type=int, default=5, help="units to drill into")
    parser.add_argument("--word", default="hai xuan", help="the word typed into the filter")
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument(
        "--no-ssh", action="store_true", help="skip the measurements through a local sshd"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--md", type=Path)
    args = parser.parse_args(argv)
    if not shutil.which("tmux"):
        print("bench/national.py: tmux is required", file=sys.stderr)
        return 2
    exe = shutil.which("ntm-review", path=str(Path(sys.executable).parent)) or shutil.which(
        "ntm-review"
    )
    if exe is None:
        print("bench/national.py: the ntm-review command is not installed", file=sys.stderr)
        return 2
    import duckdb
    import textual

    cache = Path(tempfile.gettempdir()) / "ntm-review-bench"
    db = args.db or cache / f"{args.scale}-{args.seed}.duckdb"
    term = Terminal()
    load_before = round(os.getloadavg()[0], 1)
    ssh_result: dict = {"available": False, "note": "skipped (--no-ssh)"}
    with tempfile.TemporaryDirectory(prefix="ntm-national-bench-") as tmp:
        home = Path(tmp)
        demo_db = home / "demo.duckdb"
        subprocess.run([exe, "demo", "--db", str(demo_db)], check=True, capture_output=True)
        print(f"database: {db}", flush=True)
        build = prepare_database(exe, args.scale, args.seed, db)
        if build:
            print(f"built in {build['seconds']:.1f} s", flush=True)
        facts, demo_facts = overview_facts(db), overview_facts(demo_db)
        app_cmd, demo_cmd = app_command(exe, db, home), app_command(exe, demo_db, home)
        floor_cmd = floor_command(home)
        try:
            floor, demo, scale = [], [], []
            for _ in range(args.runs):  # interleaved, so that drift hits all three alike
                floor.append(first_paint(term, floor_cmd, "READY-MINIMAL"))
                demo.append(first_paint(term, demo_cmd, demo_facts["first_name"]))
                scale.append(first_paint(term, app_cmd, facts["first_name"]))
            print("first paint done", flush=True)
            keys = filter_session(term, app_cmd, facts["first_name"], args.word)
            print("filter done", flush=True)
            drills = drill_downs(term, facts["units"][: args.units], facts["first_resolution"])
            pid = term.app_pid()
            rss = vm_hwm_mb(pid) if pid else None
            print("drill-down done", flush=True)
            interactive = floor_command(home, "minimal_interactive.py")
            floor_keys = filter_session(
                term, interactive, "READY-MINIMAL", args.word, open_filter=False
            )
            floor_drills = floor_drill_downs(term, [u[0] for u in facts["units"][: args.units]])
            print("floors done", flush=True)
            if not args.no_ssh:
                sshd = LocalSshd(home / "sshd")
                try:
                    if sshd.start():
                        ssh_result = over_ssh(term, sshd, app_cmd, facts, args.runs, args.units)
                        print("ssh done", flush=True)
                    else:
                        ssh_result = {"available": False, "note": sshd.problem}
                finally:
                    sshd.stop()
        finally:
            term.stop()
        check_app, check_floor = check_vs_scan(exe, db, args.runs)
        imported = import_vs_reader(args.import_rows, home)

    counts = facts["counts"]
    drill_s = [d["seconds"] for d in drills]
    res_s = [d["resolution_seconds"] for d in drills if "resolution_seconds" in d]
    result = {
        "scale": args.scale,
        "seed": args.seed,
        "database": str(db),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "textual": textual.__version__,
            "duckdb": duckdb.__version__,
            "load_before": load_before,
            "load_after": round(os.getloadavg()[0], 1),
        },
        "data": {
            "units": counts.get("unit", 0),
            "resolutions": counts.get("resolution", 0),
            "works": counts.get("project", 0),
            "capital_lines": counts.get("capital_allocation", 0),
            "surplus_lines": counts.get("surplus_allocation", 0),
            "findings": counts.get("finding", 0),
        },
        "build": build,
        "first_paint": {
            "runs": args.runs,
            "floor_s": round(statistics.median(floor), 3),
            "demo_s": round(statistics.median(demo), 3),
            "scale_s": round(statistics.median(scale), 3),
            "demo_ratio": round(statistics.median(demo) / statistics.median(floor), 2),
            "scale_ratio": round(statistics.median(scale) / statistics.median(floor), 2),
            "samples_s": {
                "floor": [round(x, 3) for x in floor],
                "demo": [round(x, 3) for x in demo],
                "scale": [round(x, 3) for x in scale],
            },
        },
        "filter": {
            "word": args.word,
            "median_ms": _ms(statistics.median(keys)),
            "worst_ms": _ms(max(keys)),
            "samples_ms": [_ms(x) for x in keys],
            "floor_median_ms": _ms(statistics.median(floor_keys)),
            "floor_worst_ms": _ms(max(floor_keys)),
            "floor_samples_ms": [_ms(x) for x in floor_keys],
            "ratio": round(statistics.median(keys) / statistics.median(floor_keys), 2),
        },
        "drill_down": {
            "median_ms": _ms(statistics.median(drill_s)),
            "worst_ms": _ms(max(drill_s)),
            "samples": [{**d, "seconds": round(d["seconds"], 3)} for d in drills],
            "floor_median_ms": _ms(statistics.median(floor_drills)),
            "floor_worst_ms": _ms(max(floor_drills)),
            "floor_samples_ms": [_ms(x) for x in floor_drills],
            "ratio": round(statistics.median(drill_s) / statistics.median(floor_drills), 2),
            "resolution_runs": len(res_s),
            "resolution_median_ms": _ms(statistics.median(res_s)) if res_s else None,
            "resolution_worst_ms": _ms(max(res_s)) if res_s else None,
            "resolution_ratio": (
                round(statistics.median(res_s) / statistics.median(floor_drills), 2)
                if res_s
                else None
            ),
        },
        "check": {
            "runs": args.runs,
            "app_s": round(statistics.median(check_app), 3),
            "floor_s": round(statistics.median(check_floor), 3),
            "ratio": round(statistics.median(check_app) / statistics.median(check_floor), 2),
            "samples_s": {
                "app": [round(x, 3) for x in check_app],
                "floor": [round(x, 3) for x in check_floor],
            },
        },
        "memory": {"tui_peak_rss_mb": round(rss, 1) if rss is not None else None},
        "import": imported,
        "ssh": ssh_result,
    }
    result["targets"] = targets(result)
    table = markdown(result)
    print()
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    if args.md:
        args.md.parent.mkdir(parents=True, exist_ok=True)
        args.md.write_text(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
