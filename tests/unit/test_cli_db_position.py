"""Issue 14, item 2: `--db X` means the same before the command and after it.

argparse let the subcommand's default (None) overwrite a --db parsed before the command:
`ntm-review --db X check` read the default database, `--db X decide` recorded into the
default store and `--db X demo` rebuilt the default database. Here the default database
(NTM_REVIEW_DB) is a path that does not exist, so any command that falls back to it fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore

POSITIONS = [pytest.param("before", id="db-before"), pytest.param("after", id="db-after")]


@pytest.fixture(autouse=True)
def _default_db_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default = tmp_path / "default" / "missing.duckdb"
    monkeypatch.setenv("NTM_REVIEW_DB", str(default))
    monkeypatch.setenv("COLUMNS", "100")
    return default


def cli(position: str, db: Path, command: str, *rest: str) -> int:
    if position == "before":
        return main(["--db", str(db), command, *rest])
    return main([command, "--db", str(db), *rest])


def first_finding_key(db: Path, capsys) -> str:
    capsys.readouterr()
    main(["followup", "--db", str(db), "--format", "json"])
    return json.loads(capsys.readouterr().out)[0]["finding_key"]


@pytest.mark.parametrize("position", POSITIONS)
def test_demo_builds_the_named_file(position: str, tmp_path: Path, _default_db_missing) -> None:
    target = tmp_path / "named" / "x.duckdb"
    target.parent.mkdir()
    assert cli(position, target, "demo") == 0
    assert target.exists()
    assert not _default_db_missing.exists()


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize(
    ("command", "rest", "expected_code"),
    [
        ("check", ("--format", "json"), 1),
        ("compare", ("--format", "json"), 0),
        ("migrate", (), 0),
        ("followup", ("--format", "json"), 0),
        ("conclude", ("--unit", "06709"), 0),
        ("note", ("--unit", "06709", "ghi", "chú"), 0),
    ],
)
def test_reading_and_writing_commands_use_the_named_file(
    position: str, command: str, rest: tuple, expected_code: int, db: Path, capsys
) -> None:
    assert cli(position, db, command, *rest) == expected_code, capsys.readouterr().err
    assert "missing.duckdb" not in capsys.readouterr().err


@pytest.mark.parametrize("position", POSITIONS)
def test_decide_and_log_use_the_named_store(position: str, db: Path, capsys) -> None:
    key = first_finding_key(db, capsys)
    assert cli(position, db, "decide", key, "can_sua") == 0, capsys.readouterr().err
    (event,) = ReviewStore(review_store_path(db)).events()
    assert event.finding_key == key
    capsys.readouterr()
    assert cli(position, db, "log", "--format", "json") == 0
    assert [e["finding_key"] for e in json.loads(capsys.readouterr().out)] == [key]


@pytest.mark.parametrize("position", POSITIONS)
def test_export_and_notice_read_the_named_file(position: str, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    assert cli(position, db, "export", str(out)) == 0
    assert out.exists()
    notice = tmp_path / "notice.md"
    assert cli(position, db, "notice", "--unit", "06730", "--format", "md", str(notice)) == 0
    assert "06730" in notice.read_text(encoding="utf-8") or notice.stat().st_size > 0


@pytest.mark.parametrize("position", POSITIONS)
def test_import_writes_into_the_named_file(
    position: str, db: Path, tmp_path: Path, _default_db_missing
) -> None:
    data = tmp_path / "data.xlsx"
    assert main(["export", "--db", str(db), "--format", "import-xlsx", str(data)]) == 0
    target = tmp_path / "imported" / "new.duckdb"
    target.parent.mkdir()
    assert cli(position, target, "import", str(data)) == 0
    assert target.exists()
    assert not _default_db_missing.exists()


@pytest.mark.parametrize("position", POSITIONS)
def test_template_accepts_db_in_either_position(position: str, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    assert cli(position, db, "template", str(out)) == 0
    assert out.exists()


@pytest.mark.parametrize("position", POSITIONS)
def test_lang_in_either_position(position: str, db: Path, capsys) -> None:
    args = ["--lang", "en", "compare"] if position == "before" else ["compare", "--lang", "en"]
    assert main(["--db", str(db), *args]) == 0
    assert "model commune" in capsys.readouterr().out.lower()


def test_tui_gets_the_db_named_before_no_command(db: Path, monkeypatch) -> None:
    seen = {}
    monkeypatch.setattr(
        "tui.app.run_app", lambda path, lang, config=None: seen.setdefault("db", path) and 0
    )
    main(["--db", str(db)])
    assert seen["db"] == db


def test_both_positions_last_one_wins_and_is_never_the_default(
    db: Path, tmp_path: Path, capsys
) -> None:
    other = tmp_path / "other.duckdb"
    shutil.copyfile(db, other)
    assert main(["--db", str(tmp_path / "nowhere.duckdb"), "compare", "--db", str(other)]) == 0
