"""The installed `ntm-review` under other locales, terminals and languages (issue 14,
item 15): argparse in Vietnamese, no traceback under a non-UTF-8 locale, json and csv
always UTF-8, ASCII stand-ins on the Linux console, errors visible without colour."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tui.core.glyphs import ASCII_GLYPHS

CORPUS = Path(__file__).parents[1] / "corpus"
ENGLISH_ARGPARSE = (
    "usage:",
    "error:",
    "argument ",
    "invalid choice",
    "the following arguments are required",
    "expected one argument",
    "unrecognized arguments",
    "not allowed with",
    "invalid int value",
    "Invalid arguments",
)


def script() -> str:
    found = Path(sys.executable).with_name("ntm-review")
    if found.exists():
        return str(found)
    which = shutil.which("ntm-review")
    if not which:
        pytest.skip("the ntm-review console script is not installed")
    return which


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The installed script, with the output as bytes (its encoding is under test)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NTM_REVIEW_", "LC_", "PYTHONIO", "PYTHONUTF8"))
        and k not in ("LANG", "NO_COLOR", "TERM", "COLUMNS")
    }
    base.update({"TERM": "xterm", "COLUMNS": "80", **env})
    return subprocess.run([script(), *args], capture_output=True, timeout=120, env=base)


def one_sentence(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


# -- argparse in the UI language --------------------------------------------------------

BAD_ARGUMENTS = [
    ["chekc"],
    ["check", "--format", "xx"],
    ["decide"],
    ["store"],
    ["demo", "--seed", "x"],
    ["check", "--bogus"],
    ["check", "--year"],
    ["note", "--unit", "1", "--finding", "a", "--resolution", "b", "x"],
]


@pytest.mark.parametrize("argv", BAD_ARGUMENTS, ids=[" ".join(a) for a in BAD_ARGUMENTS])
def test_bad_arguments_are_one_vietnamese_sentence(argv: list[str], tmp_path: Path) -> None:
    result = run(*argv, XDG_CONFIG_HOME=str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == b""
    line = one_sentence(result.stderr)
    assert "Tham số không hợp lệ" in line and "Xem hướng dẫn" in line
    assert not [word for word in ENGLISH_ARGPARSE if word in line], line


@pytest.mark.parametrize(
    ("argv", "english"),
    [
        (["chekc"], "invalid choice"),
        (["decide"], "the following arguments are required"),
        (["check", "--year"], "expected one argument"),
    ],
)
def test_bad_arguments_in_english_with_lang_en(argv, english, tmp_path: Path) -> None:
    result = run("--lang", "en", *argv, XDG_CONFIG_HOME=str(tmp_path))
    assert result.returncode == 2
    line = one_sentence(result.stderr)
    assert "Invalid arguments" in line and english in line


def test_help_is_vietnamese(tmp_path: Path) -> None:
    for argv in (["-h"], ["check", "-h"], ["store", "-h"]):
        result = run(*argv, XDG_CONFIG_HOME=str(tmp_path))
        out = result.stdout.decode("utf-8")
        assert result.returncode == 0
        assert out.startswith("cách dùng: ntm-review")
        assert "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out
        assert "usage:" not in out and "options:" not in out and "show this help" not in out
    english = run("--lang", "en", "check", "-h").stdout.decode("utf-8")
    assert english.startswith("usage: ntm-review check") and "options:" in english


# -- a non-UTF-8 locale -----------------------------------------------------------------


def test_under_lc_all_c_nothing_breaks(demo_db: Path) -> None:
    """LC_ALL=C: Python writes UTF-8 anyway (its UTF-8 mode); the C locale's ASCII shows
    in the symbols, drawn as their ASCII stand-ins."""
    table = run("check", "--db", str(demo_db), LC_ALL="C")
    assert table.returncode == 1 and table.stderr == b""
    text = table.stdout.decode("utf-8")
    assert "X Lỗi" in text and "✖" not in text
    as_json = run("check", "--db", str(demo_db), "--format", "json", LC_ALL="C")
    assert any("đ" in f["message"] for f in json.loads(as_json.stdout.decode("utf-8")))


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
        {"LC_ALL": "POSIX", "PYTHONUTF8": "0"},
        {"LANG": "C", "PYTHONIOENCODING": "latin-1"},
    ],
    ids=["C", "POSIX", "latin-1"],
)
def test_a_terminal_that_cannot_encode_vietnamese(env: dict[str, str], demo_db: Path) -> None:
    # A table: one sentence (in the UI language, without its accents, since the terminal
    # cannot show them), exit 2, nothing half printed.
    table = run("check", "--db", str(demo_db), **env)
    assert table.returncode == 2 and table.stdout == b""
    line = one_sentence(table.stderr)
    assert line.isascii() and "khong hien thi duoc tieng Viet" in line and "UTF-8" in line
    english = run("check", "--db", str(demo_db), "--lang", "en", **env)
    assert "cannot show Vietnamese" in one_sentence(english.stderr)
    # json and csv: UTF-8 whatever the locale.
    as_json = run("check", "--db", str(demo_db), "--format", "json", **env)
    assert as_json.returncode == 1
    assert any("đ" in f["message"] for f in json.loads(as_json.stdout.decode("utf-8")))
    as_csv = run("check", "--db", str(demo_db), "--format", "csv", **env)
    assert as_csv.returncode == 1 and as_csv.stdout.startswith(b"\xef\xbb\xbf")
    assert "đ" in as_csv.stdout.decode("utf-8-sig")
    # --help and a usage error: transliterated, never a traceback or backslash escapes.
    helped = run("-h", **env)
    assert helped.returncode == 0 and helped.stdout.decode("ascii").startswith("cach dung:")
    bad = run("chekc", **env)
    assert bad.returncode == 2
    assert one_sentence(bad.stderr).startswith("ntm-review: Tham so khong hop le")


def test_the_tui_refuses_a_terminal_that_cannot_encode_vietnamese(demo_db: Path) -> None:
    result = run("--db", str(demo_db), LC_ALL="C", PYTHONUTF8="0")
    assert result.returncode == 2
    assert "khong hien thi duoc tieng Viet" in one_sentence(result.stderr)


# -- csv like export ----------------------------------------------------------------------


def test_check_csv_is_utf8_with_bom_and_crlf_like_export(demo_db: Path, tmp_path: Path) -> None:
    checked = run("check", "--db", str(demo_db), "--format", "csv").stdout
    exported = tmp_path / "x.csv"
    run("export", "--db", str(demo_db), "--format", "csv", str(exported))
    for data in (checked, exported.read_bytes()):
        assert data.startswith(b"\xef\xbb\xbf")
        lines = data.split(b"\n")
        assert lines[-1] == b"" and all(line.endswith(b"\r") for line in lines[:-1])
    rows = list(csv.DictReader(io.StringIO(checked.decode("utf-8-sig"), newline="")))
    assert rows and rows[0]["id"].startswith("F-")
    for command in ("log", "followup", "compare"):
        data = run(command, "--db", str(demo_db), "--format", "csv").stdout
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data, command


def test_csv_cells_from_data_are_never_formulas(capsys) -> None:
    from tui.cli.common import write_csv

    write_csv([{"a": "=HYPERLINK(1)", "b": None}], ["a", "b"])
    out = capsys.readouterr().out
    assert out == "\ufeffa,b\r\n'=HYPERLINK(1),\r\n"


# -- the Linux console --------------------------------------------------------------------


def test_linux_console_gets_ascii_stand_ins(demo_db: Path) -> None:
    out = run("check", "--db", str(demo_db), TERM="linux", LANG="C.UTF-8").stdout.decode()
    assert "X Lỗi" in out and "! Cảnh báo" in out
    assert not [g for g in ASCII_GLYPHS if g in out]
    forced = run(
        "check", "--db", str(demo_db), TERM="linux", NTM_REVIEW_GLYPHS="unicode"
    ).stdout.decode()
    assert "✖ Lỗi" in forced
    unicode = run("check", "--db", str(demo_db), LANG="C.UTF-8").stdout.decode()
    assert "✖ Lỗi" in unicode and "▲ Cảnh báo" in unicode


def test_glyph_choice_from_the_environment() -> None:
    from tui.core.glyphs import ascii_glyphs_wanted

    assert ascii_glyphs_wanted({"TERM": "linux", "LANG": "vi_VN.UTF-8"})
    assert ascii_glyphs_wanted({"TERM": "xterm", "LC_ALL": "POSIX"})
    assert ascii_glyphs_wanted({"TERM": "xterm", "LANG": "vi_VN.TCVN"})
    assert ascii_glyphs_wanted({"TERM": "xterm", "LC_CTYPE": "en_US.ISO-8859-1"})
    assert not ascii_glyphs_wanted({"TERM": "xterm", "LANG": "vi_VN.UTF-8"})
    assert not ascii_glyphs_wanted({"TERM": "xterm-256color", "LC_ALL": "C.utf8"})
    assert not ascii_glyphs_wanted({"TERM": "xterm"})  # no locale named: as before
    assert not ascii_glyphs_wanted({"TERM": "linux", "NTM_REVIEW_GLYPHS": "unicode"})
    assert ascii_glyphs_wanted({"TERM": "xterm", "NTM_REVIEW_GLYPHS": "ascii"})


def test_every_stand_in_is_one_ascii_cell_like_its_symbol() -> None:
    from rich.cells import cell_len

    for symbol, stand_in in ASCII_GLYPHS.items():
        assert len(stand_in) == 1 and stand_in.isascii(), symbol
        assert cell_len(symbol) == cell_len(stand_in) == 1, symbol


# -- NO_COLOR ------------------------------------------------------------------------------


def test_without_colour_errors_are_bold_reverse_not_grey(demo_db: Path) -> None:
    from tui.core.data.store import Store
    from tui.core.rules.findings import load_findings
    from tui.report import print_findings

    with Store.open(demo_db) as store:
        findings = load_findings(store, unit="06709")

    def printed(no_color: bool) -> str:
        out = io.StringIO()
        console = Console(file=out, force_terminal=True, no_color=no_color, width=100)
        print_findings(findings, "vi", console)
        return out.getvalue()

    plain = printed(no_color=True)
    # bold (1) and reverse (7) on the error label; no colour code at all.
    assert "\x1b[1;7m✖ Lỗi" in plain
    assert "\x1b[31m" not in plain and "\x1b[1;31m" not in plain
    assert "\x1b[1;31m✖ Lỗi" in printed(no_color=False)
