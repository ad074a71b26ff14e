"""Issue 15 item 7: a crash in a worker (or a command) keeps its traceback in the crash log
under XDG state, and the one sentence the reviewer sees names that file."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from textual.worker import WorkerFailed

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tuiwait import settle  # noqa: E402

from tui import cli  # noqa: E402
from tui.app import NtmReviewApp  # noqa: E402
from tui.screens.findings import FindingsScreen  # noqa: E402


def _boom_in_a_worker(*args, **kwargs):
    raise ZeroDivisionError("planted failure in the findings worker")


def test_a_worker_crash_keeps_its_traceback(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))

    # The findings screen reads its data in a thread worker: make that read fail.
    def load_data(self) -> None:
        self.run_worker(_boom_in_a_worker, thread=True)

    monkeypatch.setattr(FindingsScreen, "load_data", load_data)
    app = NtmReviewApp(db, "vi")

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f")
            await pilot.pause(0.2)

    with pytest.raises((WorkerFailed, ZeroDivisionError)):
        asyncio.run(main())
    log = state / "ntm-review" / "crash.log"
    assert app.crash_log == log
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ZeroDivisionError: planted failure in the findings worker" in text
    assert "_boom_in_a_worker" in text  # the frame where it happened, not just the wrapper


def test_a_command_crash_is_one_sentence_naming_the_log(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))

    def broken(*args, **kwargs):
        raise KeyError("planted failure in check")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    code = cli.main(["check", "--db", str(db), "--lang", "en"])
    out, err = capsys.readouterr()
    log = state / "ntm-review" / "crash.log"
    assert code == 3
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(log) in err and "internal error" in err
    assert "KeyError: 'planted failure in check'" in log.read_text("utf-8")
