"""Issue 13, item 2: every typed record the screens read has its query's columns as its
fields, in order: a query that renames, adds or reorders a column fails here until the
record follows it."""

from __future__ import annotations

import dataclasses

import pytest

from tui.core import sql
from tui.core.data.reads import RECORDS, header_columns


def fields_of(record: type) -> list[str]:
    if dataclasses.is_dataclass(record):
        return [f.name for f in dataclasses.fields(record)]
    return list(record._fields)


@pytest.mark.parametrize("record", list(RECORDS), ids=lambda r: r.__name__)
def test_record_fields_match_the_query_header(record: type) -> None:
    name = RECORDS[record]
    text = sql.load(name)
    columns = header_columns(text)
    if not columns:  # "Returns the same columns as views/findings_page"
        pytest.fail(f"{name}: no 'Returns:' list in its header")
    assert fields_of(record) == columns, name


def test_header_parser_sees_a_reordered_column() -> None:
    text = "-- Parameters: $a.\n-- Returns: b, a (the first), c.\nSELECT b, a, c"
    assert header_columns(text) == ["b", "a", "c"]
    assert header_columns("-- Returns one row: x, y.\nSELECT 1") == ["x", "y"]
