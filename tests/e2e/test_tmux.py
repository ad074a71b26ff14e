"""End to end: the installed `ntm-review` in a real terminal (tmux) at 80×24.

The keys go in with `tmux send-keys`, the screen comes back with `capture-pane`, and the
exit status of the process is written to a file by the shell that ran it. Each test uses
its own tmux server (-L) with no user config (-f /dev/null), killed in a finally block.

tmux missing: the tests skip, except under CI (the CI variable set), where they fail.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SIZE = (80, 24)
ESCAPE_SETTLE = 0.6  # Escape needs ~0.1 s to register; a key sent sooner can be eaten


def _require_tmux() -> str:
    tmux = shutil.which("tmux")
    if tmux is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is required for the end-to-end tests in CI, and it is not installed")
        pytest.skip("tmux is not installed (install it to run the end-to-end tests)")
    return tmux


def _installed_command() -> str:
    """The console script installed into this environment (the venv's bin comes first)."""
    here = Path(sys.executable).parent
    found = shutil.which("ntm-review", path=str(here)) or shutil.which("ntm-review")
    if found is None:
        pytest.fail("the ntm-review console script is not installed (pip install -e .)")
    return found


def _app_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        **extra,
    }


def _outer_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG")}


@dataclass
class Terminal:
    tmux: str
    socket: str
    session: str
    exit_file: Path
    socket_path: str = ""

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            [self.tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"the screen never showed {what}; last screen:\n{screen}")

    def wait_for_text(self, *texts: str, timeout: float = 15.0) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), repr(texts), timeout)

    def exit_status(self, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists():
                text = self.exit_file.read_text().strip()
                if text:
                    return text
            time.sleep(0.1)
        raise AssertionError(f"the application did not exit; last screen:\n{self.screen()}")


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A demo database built by the installed command, as a reviewer would."""
    path = tmp_path / "data" / "demo.duckdb"
    result = subprocess.run(
        [_installed_command(), "demo", "--db", str(path)],
        env={**_outer_env(), **_app_env(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert path.is_file()
    return path


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    tmux = _require_tmux()
    started: list[Terminal] = []

    def start(args: list[str], env: dict[str, str]) -> Terminal:
        name = f"ntm-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        term = Terminal(tmux, name, name, tmp_path / f"{name}.exit")
        started.append(term)
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = (
            f"env -u NTM_REVIEW_DB -u NTM_REVIEW_LANG {assignments} "
            f"{shlex.join([_installed_command(), *args])}; "
            f"echo EXIT=$? > {shlex.quote(str(term.exit_file))}"
        )
        term.run(
            "-f", "/dev/null", "-u",
            "new-session", "-d", "-s", term.session, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
            command,
        )  # fmt: skip
        term.socket_path = term.run("display-message", "-p", "#{socket_path}").strip()
        term.run("set", "-g", "escape-time", "10")
        return term

    try:
        yield start
    finally:
        for term in started:
            term.run("kill-session", "-t", term.session, check=False)
            term.run("kill-server", check=False)
            if term.socket_path:
                Path(term.socket_path).unlink(missing_ok=True)


def test_filter_drill_down_and_quit(terminal_factory, demo_file: Path, tmp_path: Path) -> None:
    term = terminal_factory(["--db", str(demo_file)], _app_env(tmp_path, TERM="xterm-256color"))
    # At 80×24 the overview shows its first ten units; Hải Xuân is further down the list.
    screen = term.wait_for_text("Tổng quan các đơn vị", "06709", "Ka Long", "Lỗi·CB·TT")
    assert "1–17 / 17" in screen
    assert "Traceback" not in screen

    term.keys("/")
    term.wait_for_text("Lọc theo tên hoặc mã")
    term.type("hai")
    screen = term.wait_for(
        lambda s: "Hải Xuân" in s and "Ka Long" not in s and "1–6 / 6" in s,
        "the list narrowed to the six Hải units",
    )
    assert "Hải Đông" in screen and "Trần Phú" not in screen
    assert "Lọc: “hai”" in screen

    term.keys("Enter")  # back to the table, the filter stays
    time.sleep(0.3)
    term.keys("Down")  # Hải Sơn → Hải Đông
    time.sleep(0.3)
    term.keys("Enter")
    screen = term.wait_for_text("06730 Hải Đông (xã)", "Nghị quyết", "21/NQ-HĐND")
    assert "So với xã mẫu" in screen
    assert "Ka Long" not in screen

    term.keys("Enter")  # its first resolution, the NTM one
    screen = term.wait_for_text("Căn cứ bắt buộc", "06730 Hải Đông › 21/NQ-HĐND")
    assert "✖ Quy chế" in screen
    assert "Nghị quyết số 21/NQ-HĐND ngày 18/07/2023" in screen

    term.keys("Escape")
    screen = term.wait_for(
        lambda s: "Căn cứ bắt buộc" not in s and "06730 Hải Đông (xã)" in s,
        "the unit screen again after Escape",
    )
    time.sleep(ESCAPE_SETTLE)

    term.keys("q")
    assert term.exit_status() == "EXIT=0"


def test_english_plain_terminal(terminal_factory, demo_file: Path, tmp_path: Path) -> None:
    """TERM=linux and NO_COLOR: still readable, in English with --lang en."""
    term = terminal_factory(
        ["--db", str(demo_file), "--lang", "en"],
        _app_env(tmp_path, TERM="linux", NO_COLOR="1"),
    )
    screen = term.wait_for_text("Overview of units", "Ka Long", "Err·Wrn·Inf")
    assert "DEMO DATA" in screen
    assert "17 units · 8 NTM res." in screen
    assert "? Help  esc Back" in screen and "Filter" in screen
    assert "Tổng quan" not in screen and "Thoát" not in screen
    assert "Traceback" not in screen

    term.keys("f")
    term.wait_for_text("Findings", "Severity: all · Rule: all")
    term.keys("Escape")
    term.wait_for_text("Overview of units")
    time.sleep(ESCAPE_SETTLE)

    term.keys("q")
    assert term.exit_status() == "EXIT=0"


def test_two_sessions_see_each_others_decisions_and_a_dropped_terminal_loses_nothing(
    terminal_factory, demo_file: Path, tmp_path: Path
) -> None:
    """Two reviewers' sessions on one database: a decision made in one appears in the
    other within seconds; then the first terminal is killed (as a dropped SSH connection
    does) and the acknowledged decision is still in the store."""
    from tui.core.paths import review_store_path
    from tui.core.review.sqlite import ReviewStore

    env = _app_env(tmp_path, TERM="xterm-256color")
    first = terminal_factory(["--db", str(demo_file)], env)
    second = terminal_factory(["--db", str(demo_file)], env)
    for term in (first, second):
        term.wait_for_text("Tổng quan các đơn vị", "06709")
        term.keys("f")
        term.wait_for_text("Danh sách phát hiện", "06721 Trà Cổ")

    # The footer names the decision too ("x Cần chỉnh sửa"): look for it on the row.
    def decided_row(screen: str) -> bool:
        return any(
            "06721 Trà Cổ" in line and "Cần chỉnh sửa" in line for line in screen.split("\n")
        )

    assert not decided_row(second.screen())

    first.keys("x")
    first.wait_for_text("Đã lưu: Cần chỉnh sửa")
    second.wait_for(decided_row, "the decided row", timeout=10)

    first.run("kill-server")  # SIGHUP to the app, like a dropped connection
    store = ReviewStore(review_store_path(demo_file), reviewer="checker")
    (event,) = store.events()
    assert event.decision == "needs_correction"
    assert event.unit_code == "06721"
    assert store.integrity_check() == "ok"
    store.close()

    second.keys("q")
    assert second.exit_status() == "EXIT=0"


OTHER_WRITER = """
import sys, time
from pathlib import Path
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore

db, stop = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
key = "surplus_before_settlement|2023|06721|kd|2023"
while not stop.exists():
    store = ReviewStore(review_store_path(db), reviewer="nguoi-khac")
    if n % 2:
        store.add_note("unit", "06709", "06709", f"ghi chú {n} của người khác")
    else:  # a decision elsewhere, as a second reviewer would
        decision = ("needs_correction", "corrected")[n // 2 % 2]
        store.record_decision(key, "surplus", "06721|kd|2023", "06721", 2023, decision)
    store.close()
    n += 1
    time.sleep(0.3)
print(n)
"""


def test_decide_down_decide_over_five_findings_while_another_process_records(
    terminal_factory, demo_file: Path, tmp_path: Path
) -> None:
    """Issue 14: "decide, ↓, decide…" on a unit's five findings records five decisions on
    five different findings, while another process keeps recording in the same store (each
    write makes the session refill its tables)."""
    import re

    from tui.core.paths import review_store_path
    from tui.core.review.sqlite import ReviewStore

    stop = tmp_path / "stop-writer"
    writer = subprocess.Popen(
        [sys.executable, "-c", OTHER_WRITER, str(demo_file), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    decided_row = re.compile(r"^\s*[✖▲●] .{0,16}Cần chỉnh sửa", re.MULTILINE)
    try:
        term = terminal_factory(["--db", str(demo_file)], _app_env(tmp_path, TERM="xterm-256color"))
        term.wait_for_text("Tổng quan các đơn vị", "06709")
        term.keys("/")
        term.wait_for_text("Lọc theo tên hoặc mã")
        term.type("06730")
        term.wait_for_text("1–1 / 1")
        term.keys("Enter")
        time.sleep(0.3)
        term.keys("Enter")
        term.wait_for_text("06730 Hải Đông (xã)")
        for _ in range(3):
            term.keys("Tab")
            time.sleep(0.2)
        term.wait_for(lambda s: len(re.findall(r"^\s*[✖▲●] ", s, re.MULTILINE)) == 5, "5 rows")
        for n in range(1, 6):
            term.keys("x")
            # The decision is on screen: the table was refilled after the save.
            term.wait_for(
                lambda s, n=n: len(decided_row.findall(s)) == n, f"{n} decided rows", timeout=20
            )
            if n == 1:  # and one line says what was recorded on which finding
                term.wait_for_text("Đã lưu: Cần chỉnh sửa — F-", "u: hoàn tác")
            term.keys("Down")
            time.sleep(0.2)
        time.sleep(ESCAPE_SETTLE)
        term.keys("q")
        assert term.exit_status() == "EXIT=0"
    finally:
        stop.touch()
        notes_written = int(writer.communicate(timeout=20)[0].strip() or 0)
    assert notes_written > 0  # the other process did record meanwhile
    store = ReviewStore(review_store_path(demo_file), reviewer="checker")
    events = store.events()
    store.close()
    decisions = [e for e in events if e.kind == "decision" and e.reviewer != "nguoi-khac"]
    assert len(decisions) == 5
    assert len({e.finding_key for e in decisions}) == 5
    assert {e.unit_code for e in decisions} == {"06730"}
    # The other process recorded decisions (on another unit) meanwhile, none lost.
    theirs = [e for e in events if e.kind == "decision" and e.reviewer == "nguoi-khac"]
    assert theirs and {e.unit_code for e in theirs} == {"06721"}
    assert len(theirs) + sum(e.reviewer == "nguoi-khac" for e in events if e.kind == "note") == (
        notes_written
    )


def test_corrected_with_proof_then_followup_for_cron(
    terminal_factory, demo_file: Path, tmp_path: Path
) -> None:
    """Issue 17 as a reviewer meets it: the notice issued from the shell, `d` in the TUI
    asks for the proof, and `followup --overdue` (what cron runs) exits 1 while a finding
    is past its deadline without proof and 0 once it has it."""
    env = _app_env(tmp_path, NTM_REVIEW_TODAY="2027-04-05")
    command = [_installed_command()]
    common = ["--db", str(demo_file), "--lang", "en"]
    issued = subprocess.run(
        [*command, "notice", "--unit", "06721", "--issue", "--number", "21/TB-HĐND",
         "--date", "05/10/2026", str(tmp_path / "tb.docx"), *common],
        env={**_outer_env(), **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert issued.returncode == 0, issued.stderr
    late = subprocess.run(
        [*command, "followup", "--overdue", *common],
        env={**_outer_env(), **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert late.returncode == 1 and "5 days overdue (due 31/03/2027)" in late.stdout

    term = terminal_factory(["--db", str(demo_file)], {**env, "TERM": "xterm-256color"})
    term.wait_for_text("Tổng quan các đơn vị", "06709")
    term.keys("f")
    term.wait_for_text("Danh sách phát hiện", "06721 Trà Cổ")
    term.keys("d")
    term.wait_for_text("Bằng chứng khắc phục")
    term.type("15/NQ-HĐND 02/10/2023")
    term.keys("Enter")
    term.wait_for_text("Đã lưu: Đã khắc phục")
    term.keys("q")
    assert term.exit_status() == "EXIT=0"

    done = subprocess.run(
        [*command, "followup", "--overdue", *common],
        env={**_outer_env(), **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and "No finding is overdue." in done.stdout
