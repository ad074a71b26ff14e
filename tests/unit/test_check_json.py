"""Issue 12, item 4: `check --format json` writes its output in one pass, with json's C
string encoder; the text must stay byte for byte what json.dumps(indent=2) wrote."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_cli import call

from tui.cli.common import indented_json_rows
from tui.core.data.store import Store
from tui.core.rules.findings import load_findings

scalars = st.one_of(st.text(), st.integers(), st.none(), st.booleans())
rows = st.lists(st.dictionaries(st.text(max_size=8), scalars, max_size=5), max_size=4)


@given(rows)
def test_indented_json_rows_is_json_dumps_with_indent_2(value: list[dict]) -> None:
    assert indented_json_rows(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_check_json_is_every_finding_as_before(capsys, demo_db: Path) -> None:
    for lang in ("vi", "en"):
        code, out, _ = call(
            capsys, "check", "--db", str(demo_db), "--format", "json", "--lang", lang
        )
        with Store.open(demo_db) as store:
            findings = load_findings(store)
        expected = [f.as_public_dict(lang) for f in findings]  # each basis looked up anew
        assert findings and code == 1
        assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
