"""Issue 10 item 4, on screen: the overview, unit and resolution headers name the body
that reviews the year or resolution on screen (reviewing_body data), never an abolished
council; a deployment's own body (config.toml) replaces the data from 01/07/2025 only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_tui import SMALL, press, run_app, settle, static_text
from textual.pilot import Pilot
from tuiwait import WIDE

from tui.app import NtmReviewApp
from tui.screens.resolution import ResolutionScreen
from tui.screens.unit import UnitScreen

CITY = "Thường trực HĐND thành phố Móng Cái"


async def year_2026(pilot: Pilot) -> None:
    """2023 (the demo's default) → 2022 → 2026, as a reviewer presses y."""
    await press(pilot, "y")
    await press(pilot, "y")
    assert pilot.app.year == 2026


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_overview_names_the_body_of_the_year_on_screen(demo_db: Path, size) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        assert static_text(app, "#overview-body") == f"Thẩm tra: {CITY}"
        await year_2026(pilot)
        header = static_text(app, "#overview-body")
        assert header == "Thẩm tra: HĐND từng xã, phường tự thẩm tra"
        assert "thành phố Móng Cái" not in header

    run_app(demo_db, scenario, size=size)


def test_overview_in_english(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        body = "Standing Committee of the People's Council of Móng Cái City"
        assert static_text(app, "#overview-body") == f"Reviewed by: {body}"

    run_app(demo_db, scenario, lang="en")


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
def test_unit_header_names_the_body_of_its_period(demo_db: Path, size) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_unit("06730")  # Hải Đông, 2023: the city council reviewed
        await settle(pilot)
        assert isinstance(app.screen, UnitScreen)
        assert f"Thẩm tra: {CITY}" in static_text(app, "#unit-head")
        await press(pilot, "escape")
        await year_2026(pilot)
        app.open_unit("06724")  # xã Hải Sơn, 2026: its own council
        await settle(pilot)
        head = static_text(app, "#unit-head")
        assert "Thẩm tra: Thường trực HĐND xã Hải Sơn" in head
        assert "thành phố" not in head

    run_app(demo_db, scenario, size=size)


def test_resolution_header_names_the_body_on_its_date(demo_db: Path) -> None:
    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        app.open_resolution("NQ-06730-2023-01")
        await settle(pilot)
        assert isinstance(app.screen, ResolutionScreen)
        assert f"Thẩm tra: {CITY}" in static_text(app, "#res-meta")
        await press(pilot, "escape")
        await year_2026(pilot)
        # Móng Cái 1's 2026 plan, adopted on 18/12/2025: after the reform, its own council.
        app.open_resolution("NQ-06712-2026N-01")
        await settle(pilot)
        meta = static_text(app, "#res-meta")
        assert "Thẩm tra: Thường trực HĐND phường Móng Cái 1" in meta
        assert "thành phố Móng Cái" not in meta

    run_app(demo_db, scenario, size=WIDE)


def test_a_deployment_names_its_own_body_from_the_reform_on(demo_db: Path) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "ntm-review" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('reviewing_body = "HĐND tỉnh Quảng Ninh"\n', encoding="utf-8")

    async def scenario(app: NtmReviewApp, pilot: Pilot) -> None:
        # 2023 stays the city council's: the setting never reaches back before 01/07/2025.
        assert static_text(app, "#overview-body") == f"Thẩm tra: {CITY}"
        await year_2026(pilot)
        assert static_text(app, "#overview-body") == "Thẩm tra: Thường trực HĐND tỉnh Quảng Ninh"
        app.open_unit("06724")
        await settle(pilot)
        assert "Thẩm tra: Thường trực HĐND tỉnh Quảng Ninh" in static_text(app, "#unit-head")

    run_app(demo_db, scenario, size=WIDE)
