"""The audited data in memory, on its way into a database.

The demo generator and the importer both produce these objects; `write_dataset`
is the one path by which they reach DuckDB. Natural keys are made here, once, so that
every producer agrees on them (they keep reviewers' decisions attached across rebuilds).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb

from .. import sql
from ..progress import BuildProgress, Silent
from ..rules.basis import BasisRecogniser
from ..textfold import fold, nfc

NULL = "\\N"


# What a commune-budget (NS_XA) line spends: the previous year's surplus (kết dư), the
# year's revenue overrun (tăng thu) or other commune revenue. Surplus rules count kết dư
# lines only; from budget year 2026 the UBND, not the HĐND, decides on tăng thu.
REVENUE_KINDS = ("ket_du", "tang_thu", "khac")


@dataclass
class CapitalLine:
    source_code: str
    amount: int | None
    programme_share: str | None = None
    revenue_kind: str | None = None
    note: str | None = None  # the commune's "Ghi chú"


@dataclass
class StatedTotal:
    """A total the commune wrote ("Tổng cộng") and the sum of the rows it covers."""

    label: str
    place: str  # sheet, row and column in the file
    measure: str  # the column it totals
    stated: int
    listed: int


@dataclass
class Project:
    name: str
    total_investment: int | None
    criterion_code: int | None = None
    location: str | None = None
    scale: str | None = None
    period: str | None = None
    group_code: str | None = "C"
    sector: str | None = None
    policy_decision_ref: str | None = None
    policy_delegated: bool = False
    small_mechanism: bool = False
    capital: list[CapitalLine] = field(default_factory=list)
    # QĐ 51/2025/QĐ-TTg commune group (1, 2 or 3) whose targets the work serves.
    commune_group: int | None = None
    phase: str | None = None  # 'ongoing' (chuyển tiếp) | 'new' (khởi công mới)
    note: str | None = None


@dataclass
class Resolution:
    resolution_id: str
    unit_code: str
    year: int
    number: str
    issue_date: date
    title: str
    kind: str = "ntm"
    status: str = "in_force"
    session: str | None = None
    amends_id: str | None = None
    submission_ref: str | None = None
    basis: list[str] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    source: str | None = None
    note: str | None = None
    stated_totals: list[StatedTotal] = field(default_factory=list)


@dataclass
class SurplusLine:
    category_code: str
    amount: int | None
    item: str | None = None
    project_name: str | None = None
    field_code: str | None = None
    note: str | None = None


@dataclass
class Surplus:
    unit_code: str
    year: int
    fiscal_year: int
    available: int
    settlement_ref: str | None
    settlement_date: date | None
    resolution_id: str | None
    lines: list[SurplusLine] = field(default_factory=list)
    note: str | None = None


@dataclass
class Dataset:
    resolutions: list[Resolution] = field(default_factory=list)
    surpluses: list[Surplus] = field(default_factory=list)


# -- natural keys --------------------------------------------------------------------


def resolution_key(unit_code: str, number: str, issue_date: date) -> str:
    return f"{unit_code}|nq|{fold(number).replace(' ', '')}|{issue_date.isoformat()}"


# `folder` lets a bulk writer pass a cached fold(); the key is the same either way.
def basis_key(resolution_nk: str, text: str, folder: Callable[[str], str] = fold) -> str:
    return f"{resolution_nk}|cc|{folder(text)[:160]}"


def project_key(resolution_nk: str, name: str, folder: Callable[[str], str] = fold) -> str:
    return f"{resolution_nk}|ct|{folder(name)}"


def capital_key(project_nk: str, source_code: str, revenue_kind: str | None = None) -> str:
    # A line without a revenue kind keeps the key it had before kinds existed.
    suffix = f":{revenue_kind}" if revenue_kind else ""
    return f"{project_nk}|nv|{source_code}{suffix}"


def surplus_key(unit_code: str, year: int) -> str:
    return f"{unit_code}|kd|{year}"


def surplus_line_key(
    surplus_nk: str, category: str, label: str | None, folder: Callable[[str], str] = fold
) -> str:
    return f"{surplus_nk}|{category}|{folder(label)}"


# -- writing ---------------------------------------------------------------------------


class _Staging:
    """CSV files that DuckDB reads in one pass: far faster than row-by-row inserts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: dict[str, tuple[object, csv.writer]] = {}

    def writer(self, table: str):
        if table not in self._files:
            handle = open(self.folder / f"{table}.csv", "w", newline="", encoding="utf-8")  # noqa: SIM115
            self._files[table] = (handle, csv.writer(handle, lineterminator="\n"))
        return self._files[table][1]

    def row(self, table: str, values: Iterable[object]) -> None:
        # The hot loop of a national build (5 million rows). Only NULL needs a marker:
        # str() gives ISO dates and True/False, which DuckDB's CSV reader takes.
        found = self._files.get(table)
        writer = found[1] if found is not None else self.writer(table)
        writer.writerow([NULL if v is None else v for v in values])

    def tables(self) -> list[str]:
        return list(self._files)

    def flush(
        self, con: duckdb.DuckDBPyConnection, on_table: Callable[[], None] | None = None
    ) -> None:
        for table, (handle, _) in self._files.items():
            handle.close()
            con.execute(sql.load(f"load/{table}"), {"path": str(self.folder / f"{table}.csv")})
            if on_table is not None:
                on_table()


def _note(stage: _Staging, kind: str, entity_id: str, note: str | None) -> None:
    if note:
        stage.row("entity_note", (kind, entity_id, note))


def _unique(seen: set[str], key: str) -> str:
    """Natural keys must be unique; a repeated name gets a stable suffix."""
    candidate, n = key, 2
    while candidate in seen:
        candidate = f"{key}#{n}"
        n += 1
    seen.add(candidate)
    return candidate


def write_dataset(
    con: duckdb.DuckDBPyConnection,
    data: Dataset | Iterable[Dataset],
    recogniser: BasisRecogniser,
    progress: BuildProgress | None = None,
) -> tuple[int, int]:
    """Stage the data as CSV files and bulk-load them; return (resolutions, surpluses).

    `data` is one Dataset, or an iterable of Datasets (chunks) that is consumed once, so
    that a national dataset is streamed to disk one unit at a time and never held in
    memory whole. Natural keys are made unique within a chunk; every natural key starts
    with its unit code, so a producer that streams must keep each unit's records in one
    chunk. `progress` is advanced once per chunk staged, then gets a "load" stage with
    one step per table bulk-loaded.
    """
    progress = progress or Silent()
    chunks = [data] if isinstance(data, Dataset) else data
    counts = [0, 0]
    with tempfile.TemporaryDirectory(prefix="ntm-stage-") as tmp:
        stage = _Staging(Path(tmp))
        # Ground lines, titles and work names repeat across resolutions: normalise and
        # fold each distinct text once.
        folded = lru_cache(maxsize=1 << 16)(fold)
        norm = lru_cache(maxsize=1 << 16)(nfc)
        for chunk in chunks:
            _stage_chunk(stage, chunk, recogniser, folded, norm)
            counts[0] += len(chunk.resolutions)
            counts[1] += len(chunk.surpluses)
            progress.advance()
        progress.stage("load", len(stage.tables()))
        stage.flush(con, progress.advance)
    return counts[0], counts[1]


def _stage_chunk(
    stage: _Staging,
    data: Dataset,
    recogniser: BasisRecogniser,
    folded: Callable[[str | None], str],
    nfc: Callable[[str | None], str],
) -> None:
    seen: set[str] = set()
    for res in data.resolutions:
        res_nk = _unique(seen, resolution_key(res.unit_code, res.number, res.issue_date))
        stage.row(
            "resolution",
            (
                res.resolution_id,
                res.unit_code,
                res.year,
                nfc(res.number),
                res.issue_date,
                nfc(res.session) or None,
                nfc(res.title),
                res.kind,
                res.status,
                res.amends_id,
                nfc(res.submission_ref) or None,
                res_nk,
                res.source,
            ),
        )
        _note(stage, "resolution", res.resolution_id, res.note)
        for seq, total in enumerate(res.stated_totals, start=1):
            stage.row(
                "stated_total",
                (
                    f"{res.resolution_id}#tc{seq}",
                    res.resolution_id,
                    seq,
                    nfc(total.label),
                    total.place,
                    nfc(total.measure),
                    total.stated,
                    total.listed,
                ),
            )
        for line_no, text in enumerate(res.basis, start=1):
            text = nfc(text)
            found = recogniser.recognise(text, demo=res.source == "demo")
            stage.row(
                "basis_line",
                (
                    f"{res.resolution_id}#cc{line_no}",
                    res.resolution_id,
                    line_no,
                    text,
                    found.doc_id,
                    found.category,
                    found.cited_number,
                    found.cited_date,
                    found.method,
                    _unique(seen, basis_key(res_nk, text, folded)),
                ),
            )
        for seq, proj in enumerate(res.projects, start=1):
            project_id = f"{res.resolution_id}#ct{seq}"
            proj_nk = _unique(seen, project_key(res_nk, proj.name, folded))
            stage.row(
                "project",
                (
                    project_id,
                    res.resolution_id,
                    seq,
                    nfc(proj.name),
                    nfc(proj.location) or None,
                    nfc(proj.scale) or None,
                    nfc(proj.period) or None,
                    proj.criterion_code,
                    proj.group_code,
                    proj.sector,
                    proj.total_investment,
                    nfc(proj.policy_decision_ref) or None,
                    proj.policy_delegated,
                    proj.small_mechanism,
                    proj_nk,
                    proj.commune_group,
                    proj.phase,
                ),
            )
            _note(stage, "project", project_id, proj.note)
            for n, cap in enumerate(proj.capital, start=1):
                allocation_id = f"{project_id}#nv{n}"
                _note(stage, "capital_allocation", allocation_id, cap.note)
                stage.row(
                    "capital_allocation",
                    (
                        allocation_id,
                        project_id,
                        cap.source_code,
                        cap.amount,
                        nfc(cap.programme_share) or None,
                        _unique(seen, capital_key(proj_nk, cap.source_code, cap.revenue_kind)),
                        cap.revenue_kind,
                    ),
                )
    for sur in data.surpluses:
        surplus_id = f"KD-{sur.unit_code}-{sur.year}"
        sur_nk = _unique(seen, surplus_key(sur.unit_code, sur.year))
        stage.row(
            "budget_surplus",
            (
                surplus_id,
                sur.unit_code,
                sur.year,
                sur.fiscal_year,
                sur.available,
                nfc(sur.settlement_ref) or None,
                sur.settlement_date,
                sur.resolution_id,
                sur_nk,
            ),
        )
        _note(stage, "budget_surplus", surplus_id, sur.note)
        for line_no, line in enumerate(sur.lines, start=1):
            label = line.project_name or line.item or line.field_code
            _note(stage, "surplus_allocation", f"{surplus_id}#{line_no}", line.note)
            stage.row(
                "surplus_allocation",
                (
                    f"{surplus_id}#{line_no}",
                    surplus_id,
                    line_no,
                    line.category_code,
                    line.field_code,
                    nfc(line.project_name) or None,
                    nfc(line.item) or None,
                    line.amount,
                    _unique(seen, surplus_line_key(sur_nk, line.category_code, label, folded)),
                ),
            )


# The columns of every unit catalogue CSV (data/units*.csv) and of an extracted unit.
UNIT_COLUMNS = (
    "code",
    "name",
    "kind",
    "parent_code",
    "parent_name",
    "province_code",
    "province_name",
    "valid_from",
    "valid_to",
)


def iter_csv(path: Path) -> Iterator[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)
