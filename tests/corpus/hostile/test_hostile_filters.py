"""Issue 15 item 16: '%' and '_' typed into the TUI filters are characters, not wildcards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.data.store import Store


def overview(store: Store, text: str) -> list[str]:
    rows = store.rows(
        "views/overview_page",
        year=2023,
        filter=text,
        sort="code",
        descending=False,
        limit=100,
        offset=0,
    )
    return [r[0] for r in rows]


def findings(store: Store, text: str) -> tuple[int, int]:
    params = dict(year=2023, unit=None, severity=None, rule=None, unit_filter=text)
    page = store.rows("views/findings_page", **params, limit=10_000, offset=0)
    return len(page), store.scalar("views/findings_count", **params)


@pytest.mark.parametrize("text", ["%", "_", "%%", "h_i", "0_7", "%xuan"])
def test_wildcards_match_nothing(hostile_db: Path, text: str) -> None:
    with Store.open(hostile_db) as store:
        assert overview(store, text) == []
        assert store.rows("views/overview_totals", year=2023, filter=text)[0][0] in (0, None)
        assert findings(store, text) == (0, 0)


def test_plain_filters_still_match(hostile_db: Path) -> None:
    with Store.open(hostile_db) as store:
        assert overview(store, "hai xuan") == ["06745"]
        assert overview(store, "0673") == ["06730", "06733", "06736", "06739"]
        shown, total = findings(store, "hai dong")
        assert shown == total > 0
