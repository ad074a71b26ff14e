"""Issue 14, item 9: `ntm-review check --rule RULE --severity LEVEL`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


def check_json(capsys, *args: str) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main(["check", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_rule_filter(demo_db: Path, capsys) -> None:
    _, everything = check_json(capsys, "--db", str(demo_db))
    rule = "basis_missing_quy_che"
    expected = [f for f in everything if f["rule_id"] == rule]
    assert expected and len(expected) < len(everything)
    code, found = check_json(capsys, "--db", str(demo_db), "--rule", rule)
    assert found == expected
    assert code == (1 if any(f["severity"] == "error" for f in found) else 0)


@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_severity_filter_and_exit_code(demo_db: Path, capsys, severity: str) -> None:
    _, everything = check_json(capsys, "--db", str(demo_db))
    code, found = check_json(capsys, "--db", str(demo_db), "--severity", severity)
    assert found == [f for f in everything if f["severity"] == severity]
    assert found
    assert code == (1 if severity == "error" else 0)


def test_rule_and_severity_together(demo_db: Path, capsys) -> None:
    code, found = check_json(
        capsys, "--db", str(demo_db), "--rule", "basis_missing_quy_che", "--severity", "info"
    )
    assert found == [] and code == 0


def test_unknown_rule_is_one_sentence_and_exit_2(demo_db: Path, capsys) -> None:
    assert main(["check", "--db", str(demo_db), "--rule", "no_such_rule"]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert "no_such_rule" in captured.err and "basis_missing_quy_che" in captured.err
    assert captured.out == ""


def test_bad_severity_is_refused(demo_db: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--db", str(demo_db), "--severity", "fatal"])
    assert exit_info.value.code == 2
