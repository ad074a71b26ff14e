"""The hostile database: the demo with texts.json planted in two units (hostile_data.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_data import hostile_dataset, hostile_units

from tui.core.data.build import build
from tui.core.data.demo import MODEL_UNIT, REVIEW_YEARS


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    build(
        path,
        hostile_units(),
        hostile_dataset(),
        REVIEW_YEARS,
        {"dataset_kind": "demo", "model_unit": MODEL_UNIT, "default_year": "2023"},
    )
    return path


@pytest.fixture
def hostile_db(hostile_built: Path, tmp_path: Path) -> Path:
    """A private copy: its review store and reviewers file belong to the test alone."""
    path = tmp_path / "db" / "hostile.duckdb"
    path.parent.mkdir()
    shutil.copyfile(hostile_built, path)
    return path
