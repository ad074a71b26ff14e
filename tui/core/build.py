"""Building a database: reference data, a dataset, then findings and summaries."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from . import sql
from .basis import BasisRecogniser
from .dataset import Dataset, write_dataset
from .paths import DATA_DIR
from .reference import load_catalogues, load_review_years, load_units
from .rules import compute_findings
from .store import build_database


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
    data: Dataset,
    review_years: Iterable[int],
    meta: dict[str, str],
) -> int:
    load_catalogues(con)
    load_units(con, units)
    load_review_years(con, review_years)
    write_dataset(con, data, BasisRecogniser.from_csv(DATA_DIR))
    findings = compute_findings(con)
    con.execute(sql.load("derive/summary_fill"))
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    for key, value in {**meta, "built_at": stamp, "findings_at": stamp}.items():
        con.execute(sql.load("meta/set"), {"key": key, "value": str(value)})
    return findings


def build(
    db_path: Path,
    units: list[dict],
    data: Dataset,
    review_years: Iterable[int],
    meta: dict[str, str],
) -> BuildReport:
    started = time.perf_counter()
    counts: dict[str, int] = {}

    def fill(con: duckdb.DuckDBPyConnection) -> None:
        counts["findings"] = populate(con, units, data, review_years, meta)

    build_database(db_path, fill)
    return BuildReport(
        path=db_path,
        units=len(units),
        resolutions=len(data.resolutions),
        findings=counts["findings"],
        seconds=time.perf_counter() - started,
    )


def build_demo_database(db_path: Path, seed: int = 2023) -> BuildReport:
    from .demo import DEMO_NOTICE_EN, DEMO_NOTICE_VI, MODEL_UNIT, REVIEW_YEARS, build_demo
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
            "notice_vi": DEMO_NOTICE_VI,
            "notice_en": DEMO_NOTICE_EN,
            "reviewing_body": "HĐND thành phố Móng Cái",
            "default_year": str(max(REVIEW_YEARS)),
        },
    )
