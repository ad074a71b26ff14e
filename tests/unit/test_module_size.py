"""Issue 13, item 9: no module of the application over about 500 lines, unless it is a
declaration table (a catalogue of sentences, the workbook's layout): a long module is a
sign that two concerns share a file. The allowance is named, with its reason, and only a
module that really is a table may have it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500
# A declaration table: data declared once (no logic to split by concern).
TABLES = {
    "tui/core/io/layout.py": "the import workbook's sheets and fields, declared",
    "tui/core/lang/importing.py": "the import's sentences and fixes, (vi, en) pairs",
}
# The longest function a declaration table may hold (a helper, never logic).
TABLE_FUNCTION_LINES = 15


def modules() -> list[Path]:
    return sorted((ROOT / "tui").rglob("*.py"))


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def longest_function(path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    spans = [
        node.end_lineno - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    return max(spans, default=0)


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_module_is_at_most_the_limit_or_a_declared_table(path: Path) -> None:
    if rel(path) in TABLES:
        return
    assert lines(path) <= LIMIT, f"{rel(path)} has {lines(path)} lines; split it by concern"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_an_allowed_table_is_a_table(name: str) -> None:
    path = ROOT / name
    assert path.exists(), f"{name} is allowed but gone: drop it from TABLES"
    assert longest_function(path) <= TABLE_FUNCTION_LINES, f"{name} holds logic, not a table"


def test_the_measure_sees_a_long_function(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("X = 1\n\n\ndef f():\n" + "    y = 1\n" * 20 + "    return y\n")
    assert longest_function(sample) == 22
    assert lines(sample) == 25
