"""The command line's modules (tui/cli/) import each other in one direction only: the
shared helpers live in tui/cli/common.py, which imports none of the command modules, and
no module imports one that imports it back (issue 13, item 4). No module is over the size
the refactor allows."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CLI = Path(__file__).parents[2] / "tui" / "cli"
PACKAGE = "tui.cli"
MAX_LINES = 500


def _module_name(path: Path) -> str:
    return PACKAGE if path.name == "__init__.py" else f"{PACKAGE}.{path.stem}"


def _edges(path: Path) -> set[str]:
    """The tui.cli modules `path` imports, at any depth of the file (function-level
    imports count: they close a circle as surely as top-level ones)."""
    here = _module_name(path)
    package = PACKAGE if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == PACKAGE and not node.module:
                # from . import data, main: a name that is a file is a submodule,
                # any other name comes from the package's __init__
                for alias in node.names:
                    is_module = (CLI / f"{alias.name}.py").is_file()
                    found.add(f"{PACKAGE}.{alias.name}" if is_module else PACKAGE)
            elif target == PACKAGE or target.startswith(PACKAGE + "."):
                found.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    found.add(alias.name)
    found.discard(here)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _edges(p) for p in sorted(CLI.glob("*.py"))}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_scan_sees_the_imports_it_must() -> None:
    graph = _graph()
    assert {f"{PACKAGE}.common", f"{PACKAGE}.parser", f"{PACKAGE}.review"} <= graph[PACKAGE]
    assert f"{PACKAGE}.common" in graph[f"{PACKAGE}.export"]
    assert f"{PACKAGE}.lang" in graph[f"{PACKAGE}.common"]


def test_the_cycle_finder_finds_a_circle() -> None:
    """The check can fail: a circle such as the one export.py and cli.py used to make."""
    circle = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(circle) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_among_the_cli_modules() -> None:
    assert _cycle(_graph()) is None


def test_common_imports_no_command_module_and_nothing_imports_the_package() -> None:
    graph = _graph()
    assert graph[f"{PACKAGE}.common"] <= {f"{PACKAGE}.lang"}
    # Only `python -m tui.cli` (__main__, which nothing imports) may import the package.
    importers = sorted(name for name, edges in graph.items() if PACKAGE in edges)
    assert importers == [f"{PACKAGE}.__main__"], importers


def test_the_old_circular_modules_are_gone() -> None:
    tui = CLI.parent
    assert not [p.name for p in tui.glob("cli_*.py")]


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_no_cli_module_is_over_the_size_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines"


@pytest.mark.parametrize(
    "module",
    sorted(_module_name(p) for p in CLI.glob("*.py") if p.name != "__main__.py"),
)
def test_each_cli_module_imports_first_in_a_fresh_process(module: str) -> None:
    """A circle that the import order hides shows when a module is the first one loaded."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
