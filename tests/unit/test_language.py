"""The language value every sentence is chosen through."""

import re
from pathlib import Path

import pytest

from tui.core.lang.language import EN, VI, Lang, as_lang


def test_a_lang_is_its_code():
    assert Lang("en") == "en" and VI == "vi"
    assert {"vi": 1}[VI] == 1
    assert f"{EN}" == "en"


def test_pick_chooses_by_language_and_falls_back_to_vietnamese():
    assert VI.pick("Có", "Yes") == "Có"
    assert EN.pick("Có", "Yes") == "Yes"
    assert EN.pick("Có", "") == "Có"
    assert EN.pair(("Không", "No")) == "No"


def test_an_unknown_code_is_refused():
    with pytest.raises(ValueError):
        Lang("fr")


def test_as_lang_defaults_to_vietnamese_and_keeps_a_lang():
    assert as_lang(None) is VI
    assert as_lang(EN) is EN
    assert as_lang("en").is_english


# -- no inline language tests ----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
# `lang == "en"`, `self.lang != 'en'`, `"en" == lang`, and the same for "vi".
INLINE_CHECK = re.compile(
    r"""\blang\s*[!=]=\s*['"](?:en|vi)['"]|['"](?:en|vi)['"]\s*[!=]=\s*[\w.]*\blang\b"""
)
# Converted in issue 13 item 5 (branch s4-lang): the catalogues, the labels and keys,
# formats, errors and the rules.
CONVERTED = (
    "tui/core/lang",
    "tui/text.py",
    "tui/keys.py",
    "tui/core/fmt.py",
    "tui/core/glyphs.py",
    "tui/core/errors.py",
    "tui/core/rules",
    "tui/core/data",
)


def inline_checks(paths) -> list[str]:
    """Each `lang == "en"`-style test in the given files, as path:line: text."""
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE_CHECK.search(line):
                name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def _python_files(*roots: str) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        path = ROOT / root
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def test_the_scan_finds_an_inline_check(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = x if lang == "en" else y\nb = self.lang != \'en\'\nc = "vi" == lang\nd = lang.pick(x, y)\n',
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in inline_checks([sample])] == ["1", "2", "3"]


def test_no_inline_language_check_in_the_converted_modules():
    assert inline_checks(_python_files(*CONVERTED)) == []


def test_no_inline_language_check_anywhere_in_tui():
    offenders = inline_checks(_python_files("tui"))
    assert offenders == [], "inline language checks:\n" + "\n".join(offenders)
