"""Issue 13, item 4: the screens do not call back into the app: no screen module imports
tui.app (not even for type checking), so the import circle app ↔ screens is gone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = sorted((ROOT / "tui" / "screens").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, resolved to its dotted name (relative ones too)."""
    package = "tui.screens"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", SCREENS, ids=lambda p: p.name)
def test_no_screen_module_imports_the_app(path: Path) -> None:
    assert "tui.app" not in imported_modules(path)


def test_the_scan_sees_a_relative_import_of_the_app(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("if TYPE_CHECKING:\n    from ..app import NtmReviewApp\n")
    assert "tui.app" in imported_modules(planted)


def test_importing_every_screen_leaves_the_app_unloaded() -> None:
    names = [f"tui.screens.{p.stem}" for p in SCREENS if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print('tui.app' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"
