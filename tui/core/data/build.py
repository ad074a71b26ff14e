"""Building a database: reference data, a dataset, then findings and summaries."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from .. import sql
from ..paths import DATA_DIR
from ..progress import BuildProgress, Silent
from ..rules.basis import BasisRecogniser
from ..rules.engine import compute_findings, load_rules
from .dataset import Dataset, write_dataset
from .rebuild import build_database
from .reference import load_catalogues, load_review_years, load_unit_links, load_units

# The tables whose row counts a build records in meta (count_<table>), with built_at and
# findings_at: a session can say how fresh and how big its data are without counting.
COUNTED_TABLES = (
    "unit",
    "resolution",
    "basis_line",
    "project",
    "capital_allocation",
    "budget_surplus",
    "surplus_allocation",
    "finding",
    "unit_year_summary",
)


@dataclass
class BuildReport:
    path: Path
    units: int
    resolutions: int
    findings: int
    seconds: float


def populate(
    con: duckdb.DuckDBPyConnection,
    units: Iterable[dict],
    data: Dataset | Iterable[Dataset],
    review_years: Iterable[int],
    meta: dict[str, str],
    progress: BuildProgress | None = None,
    *,
    data_chunks: int | None = None,
) -> int:
    """Fill a new database; return the number of findings.

    `data` is a Dataset or an iterable of Datasets streamed one chunk at a time (see
    dataset.write_dataset); `data_chunks` says how many chunks to expect, for progress.
    """
    progress = progress or Silent()
    progress.stage("units")
    load_catalogues(con)
    load_units(con, units)
    load_unit_links(con)
    load_review_years(con, review_years)
    progress.stage("data", data_chunks)
    write_dataset(con, data, BasisRecogniser.from_csv(DATA_DIR), progress)
    progress.stage("rules", len(load_rules()))
    findings = compute_findings(con, on_rule=progress.advance)
    progress.stage("summary")
    con.execute(sql.load("derive/summary_fill"))
    con.execute(sql.load("derive/capital_summary_fill"))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    counts = dict(
        zip(COUNTED_TABLES, con.execute(sql.load("meta/table_counts")).fetchone(), strict=True)
    )
    rows = {f"count_{table}": str(n) for table, n in counts.items()}
    for key, value in {**meta, **rows, "built_at": stamp, "findings_at": stamp}.items():
        con.execute(sql.load("meta/set"), {"key": key, "value": str(value)})
    progress.stage("finish")
    return findings


def build(
    db_path: Path,
    units: list[dict],
    data: Dataset | Iterable[Dataset],
    review_years: Iterable[int],
    meta: dict[str, str],
    progress: BuildProgress | None = None,
) -> BuildReport:
    """Build a database at db_path (a new file renamed into place).

    When `data` is an iterable of chunks, it is expected to yield one chunk per unit
    (the progress bar's total); it is consumed once.
    """
    started = time.perf_counter()
    counts: dict[str, int] = {}
    chunks = None if isinstance(data, Dataset) else len(units)

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        counts["findings"] = populate(
            con, units, data, review_years, meta, progress, data_chunks=chunks
        )
        counts["resolutions"] = con.execute(sql.load("meta/table_counts")).fetchone()[1]

    build_database(db_path, fill)
    return BuildReport(
        path=db_path,
        units=len(units),
        resolutions=counts["resolutions"],
        findings=counts["findings"],
        seconds=time.perf_counter() - started,
    )


def build_demo_database(
    db_path: Path, seed: int = 2023, progress: BuildProgress | None = None
) -> BuildReport:
    from .demo import (
        DEFAULT_YEAR,
        DEMO_NOTICE_EN,
        DEMO_NOTICE_VI,
        MODEL_UNIT,
        MODEL_UNITS,
        REVIEW_YEARS,
        build_demo,
    )
    from .reference import mong_cai_units

    return build(
        db_path,
        mong_cai_units(),
        build_demo(seed),
        REVIEW_YEARS,
        {
            "dataset_kind": "demo",
            "scale": "city",
            "seed": str(seed),
            "model_unit": MODEL_UNIT,
            # The model commune of each reviewed year (units change with the 2025 map).
            **{f"model_unit_{year}": code for year, code in MODEL_UNITS.items()},
            "notice_vi": DEMO_NOTICE_VI,
            "notice_en": DEMO_NOTICE_EN,
            # No reviewing_body: data/reviewing_bodies.csv names the city council up to
            # 30/06/2025 and each commune's own council from 01/07/2025.
            "default_year": str(DEFAULT_YEAR),
        },
        progress=progress,
    )


def build_catalogue_database(db_path: Path, province: str | None = None) -> BuildReport:
    """An empty, non-demo database holding the national catalogue, or one province's.

    Raises KeyError when `province` is no province code of either era.
    """
    from .unitmap import national_catalogue

    units = national_catalogue(province)
    return build(
        db_path,
        units,
        Dataset(),
        (),
        {"dataset_kind": "empty", "catalogue_scope": province or "national"},
    )
