"""Issue 15 items 1 and 3: data text never reaches a terminal raw, and never draws rows.

The hostile corpus (texts.json) holds OSC 52 / OSC 0 / OSC 8 sequences, CSI, BEL, C1,
DEL, bidi overrides, zero-width characters and a note whose line breaks imitate log rows.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hostile_data import HOSTILE_UNITS, RAW_FORBIDDEN, TEXTS

from tui.cli import main
from tui.core.safe import one_line, safe


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def csv_format_off(out: str, fmt: str) -> str:
    """A CSV's own byte-order mark and CRLF line ends (safe.write_csv) are its format, not
    data: data's CR and BOM are escaped before they get there."""
    if fmt != "csv":
        return out
    assert out.startswith("\ufeff") and "\r\n" in out
    return out.removeprefix("\ufeff").replace("\r\n", "\n")


def assert_no_raw(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in RAW_FORBIDDEN})
    assert not found, f"raw control characters reached the output: {found}"


def test_safe_shows_controls_as_visible_escapes() -> None:
    assert safe("a\x1b]52;c;QQ==\x07b") == "a\\x1b]52;c;QQ==\\x07b"
    assert safe("\x9b31m") == "\\x9b31m"
    assert safe("x\x7fy") == "x\\x7fy"
    assert safe("\u202eabc\u202c") == "\\u202eabc\\u202c"
    assert safe("Hải\u200bXuân\ufeff") == "Hải\\u200bXuân\\ufeff"
    assert safe("dòng 1\r\ndòng 2\tcột") == "dòng 1\ndòng 2\tcột"
    assert safe("lone\rreturn") == "lone\\x0dreturn"
    plain = "Nghị quyết 15/NQ-HĐND [thôn 1]"
    assert safe(plain) is plain  # nothing to do: the same object, no copy


def test_one_line_marks_line_breaks() -> None:
    assert one_line("a\nb\r\nc\td") == "a ⏎ b ⏎ c d"
    assert "\n" not in one_line(TEXTS["forged_log_note"])
    assert one_line(None) == ""


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_check_prints_hostile_data_as_visible_text(
    hostile_db: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(capsys, "check", "--db", str(hostile_db), "--format", fmt)
    assert code in (0, 1), err
    out = csv_format_off(out, fmt)
    assert_no_raw(out + err)
    assert "x1b]" in out  # shown as a visible escape, not dropped


def test_followup_and_compare_print_no_raw_controls(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("followup", "compare"):
        for fmt in ("table", "csv", "json"):
            code, out, err = run(capsys, command, "--db", str(hostile_db), "--format", fmt)
            assert code in (0, 1), err
            assert_no_raw(csv_format_off(out, fmt) + err)


def test_a_note_cannot_forge_log_rows(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = HOSTILE_UNITS[0]
    hostile_note = TEXTS["forged_log_note"] + " " + TEXTS["osc52_clipboard"]
    assert run(capsys, "note", "--db", str(hostile_db), "--unit", unit, hostile_note)[0] == 0
    assert run(capsys, "note", "--db", str(hostile_db), "--unit", unit, "ghi chú thường")[0] == 0
    code, out, err = run(capsys, "log", "--db", str(hostile_db))
    assert code == 0, err
    assert_no_raw(out)
    entry_heads = [line for line in out.splitlines() if re.match(r"#\d+ ", line)]
    assert len(entry_heads) == 2, out  # the note's fake "#999 … alice" is no row of its own
    assert "⏎" in out
    # The machine formats keep the note whole (line breaks are data there), still safe.
    code, out, _ = run(capsys, "log", "--db", str(hostile_db), "--format", "json")
    notes = [e["text"] for e in json.loads(out)]
    assert notes[0].startswith("đồng ý\n#999")
    assert "\\x1b]52;c;" in notes[0] and "\x1b" not in notes[0]


def test_import_problems_quote_file_values_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "nghi_quyet.csv"
    bad.write_text("x\x1b]0;PWNED\x07,y\n" + TEXTS["osc52_clipboard"] + ",z\n", "utf-8")
    code, out, err = run(capsys, "import", "--db", str(tmp_path / "x.duckdb"), str(bad))
    assert code == 2
    assert_no_raw(out + err)


def test_argument_errors_quote_arguments_safely(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "x\x1b]0;PWNED\x07", "out"])
    assert exit_info.value.code == 2
    _, err = capsys.readouterr()
    assert "\\x1b]0;PWNED" in err
    assert_no_raw(err)
