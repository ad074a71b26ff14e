"""Units across time (issue 10): the 2025 catalogue, the old→new mapping, dated imports,
the reviewing body by period, `ntm-review init`.

The Móng Cái table is REGIME-2026.md §2.4, row by row; the partial merge is one row of
the official conversion table (data/unit_succession.csv).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest
from importkit import dataset_rows, small_dataset, write_xlsx

from tui.cli import main
from tui.core.data.dataset import Dataset, iter_csv
from tui.core.data.store import Store
from tui.core.data.unitmap import (
    REFORM_2025,
    UnitCatalogue,
    national_catalogue,
    reviewing_body,
    succession_rows,
)
from tui.core.io.notice import build_notice
from tui.core.paths import DATA_DIR

# REGIME-2026.md §2.4: new unit (code, name) <- old units ("Nhập toàn bộ").
MONG_CAI_2025 = {
    ("06712", "Móng Cái 1"): ("06712", "06721", "06742", "06745", "06751"),
    ("06709", "Móng Cái 2"): ("06709", "06715", "06748"),
    ("06736", "Móng Cái 3"): ("06736", "06730"),
    ("06724", "Hải Sơn"): ("06724", "06727"),
    ("06733", "Hải Ninh"): ("06733", "06739"),
    ("06757", "Vĩnh Thực"): ("06754", "06757"),
}
AFTER = date(2026, 4, 10)


@pytest.fixture(scope="module")
def catalogue() -> UnitCatalogue:
    return UnitCatalogue.from_rows(national_catalogue(), succession_rows())


@pytest.mark.parametrize(("new", "old"), list(MONG_CAI_2025.items()), ids=lambda v: str(v))
def test_mong_cai_mapping_row_by_row(catalogue, new, old):
    code, name = new
    rows = [r for r in succession_rows() if r["new_code"] == code and len(code) == 5]
    assert sorted(r["old_code"] for r in rows) == sorted(old)
    assert {(r["effective"], r["merge"]) for r in rows} == {("2025-07-01", "whole")}
    unit = catalogue.valid_on(code, AFTER)
    assert (unit.name, unit.valid_from) == (name, REFORM_2025)
    for old_code in old:
        before = catalogue.valid_on(old_code, date(2023, 5, 1))
        assert before is not None and before.valid_to == date(2025, 6, 30)
        assert [p.code for p in catalogue.successors_on(old_code, AFTER)] == [code]
    # The city demo's units carry the same six new units, named the same.
    city = {(u["code"], u["valid_from"]): u["name"] for u in iter_csv(DATA_DIR / "units.csv")}
    assert city[(code, "2025-07-01")] == name


def test_a_code_alone_does_not_say_the_era(catalogue):
    assert catalogue.valid_on("06712", date(2024, 3, 1)).name == "Trần Phú"
    assert catalogue.valid_on("06712", date(2025, 6, 30)).name == "Trần Phú"
    assert catalogue.valid_on("06712", date(2025, 7, 1)).name == "Móng Cái 1"


def test_a_partial_merge_from_the_official_table(catalogue):
    # Phường Phúc Xá's neighbour 00016 (Hà Nội) went in part to Ba Đình and in part to
    # Ngọc Hà ("Nhập một phần"): one old unit, two new ones.
    rows = [r for r in succession_rows() if r["old_code"] == "00016"]
    assert {(r["new_code"], r["merge"]) for r in rows} == {
        ("00004", "partial"),
        ("00008", "partial"),
    }
    assert [p.label() for p in catalogue.successors_on("00016", AFTER)] == [
        "00004 Ba Đình",
        "00008 Ngọc Hà",
    ]
    gone = catalogue.explain("00016", AFTER)
    assert gone["now"] == "00004 Ba Đình, 00008 Ngọc Hà"


def test_the_catalogue_counts():
    units = national_catalogue()
    new = [
        u
        for u in units
        if u["valid_from"] == "2025-07-01" and u["kind"] not in ("tinh", "thanh_pho")
    ]
    kinds = {k: sum(u["kind"] == k for u in new) for k in ("xa", "phuong", "dac_khu")}
    assert kinds == {"xa": 2621, "phuong": 687, "dac_khu": 13}  # 3,321 (REGIME-2026 §2.4)
    provinces = [u for u in units if u["kind"] in ("tinh", "thanh_pho")]
    assert sum(not p["valid_to"] for p in provinces) == 34
    assert sum(bool(p["valid_to"]) for p in provinces) == 63
    keys = [(u["code"], u["valid_from"]) for u in units]
    assert len(keys) == len(set(keys)), "the key is (code, valid_from)"


def test_catalogue_csv_is_the_package_catalogue():
    unitmap = pytest.importorskip("vietnam_provinces")
    assert unitmap
    from tui.core.data.unitmap import package_catalogue

    units, provinces, succession = package_catalogue()
    assert units == list(iter_csv(DATA_DIR / "units_2025.csv"))
    assert provinces == list(iter_csv(DATA_DIR / "provinces.csv"))
    assert succession == list(iter_csv(DATA_DIR / "unit_succession.csv"))


# -- import ------------------------------------------------------------------------------


def _import(
    capsys, db: Path, data: Dataset, tmp_path: Path, name: str, *more: str
) -> tuple[int, str, str]:
    path = write_xlsx(tmp_path / f"{name}.xlsx", dataset_rows(data))
    capsys.readouterr()
    code = main(["import", "--db", str(db), "--lang", "en", *more, str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def _dated(unit: str, day: date) -> Dataset:
    data = small_dataset(unit, day.year)
    data.resolutions = [replace(r, issue_date=day) for r in data.resolutions]
    return data


def test_a_dead_code_import_is_refused_naming_the_unit_of_that_day(capsys, tmp_path):
    db = tmp_path / "new.duckdb"
    code, _out, err = _import(capsys, db, _dated("06745", AFTER), tmp_path, "dead")
    assert code != 0 and not db.exists()
    assert "06745 Hải Xuân ended on 30/06/2025; on 10/04/2026 it is part of 06712 Móng Cái 1" in err
    assert "Traceback" not in err


def test_a_surplus_in_a_year_its_unit_did_not_exist_is_refused(capsys, tmp_path):
    db = tmp_path / "new.duckdb"
    data = small_dataset("06745", 2026)  # Hải Xuân: no part of 2026
    data.resolutions = [replace(r, issue_date=date(2025, 6, 20)) for r in data.resolutions]
    code, _out, err = _import(capsys, db, data, tmp_path, "surplus")
    assert code != 0 and not db.exists()
    assert "sheet “Kết dư”" in err
    assert "06745 Hải Xuân ended on 30/06/2025; in 2026 it is part of 06712 Móng Cái 1" in err


def test_a_unit_before_it_began_is_refused(capsys, tmp_path):
    db = tmp_path / "new.duckdb"
    # Côn Đảo was an island district without communes; the special zone began on 01/07/2025.
    code, _out, err = _import(capsys, db, _dated("26732", date(2024, 7, 5)), tmp_path, "early")
    assert code != 0 and "26732 Côn Đảo began on 01/07/2025" in err


@pytest.fixture
def two_eras(capsys, tmp_path) -> Path:
    """A new database (national catalogue) with 06712's 2024 and 2026 resolutions."""
    db = tmp_path / "eras.duckdb"
    old = _dated("06712", date(2024, 7, 5))
    code, _out, err = _import(capsys, db, old, tmp_path, "old")
    assert code == 0, err
    new = _dated("06712", date(2026, 4, 10))
    code, _out, err = _import(capsys, db, new, tmp_path, "new", "--review-year", "2026")
    assert code == 0, err
    return db


def test_names_and_bodies_follow_the_resolution_date(two_eras):
    with Store.open(two_eras) as store:
        names = {row[2]: row[1] for row in store.rows("export/capital", unit="06712", year=None)}
        assert names == {2024: "Trần Phú", 2026: "Móng Cái 1"}
        headers = {
            r.year: r.unit_name
            for r in [
                type("H", (), {"year": row[3], "unit_name": row[2]})
                for row in (
                    store.rows("views/resolution_header", resolution_id=rid)[0]
                    for (rid,) in store.rows("views/unit_resolution_ids", unit="06712")
                )
            ]
        }
        assert headers == {2024: "Trần Phú", 2026: "Móng Cái 1"}
        # One code, two units: the 2024 one was Móng Cái's, reviewed by the city council.
        old = build_notice(store, None, "06712", 2024, today=date(2026, 12, 1))
        new = build_notice(store, None, "06712", 2026, today=date(2026, 12, 1))
    assert old.body_upper == "HĐND THÀNH PHỐ MÓNG CÁI"
    assert new.body_upper == "HĐND PHƯỜNG MÓNG CÁI 1"
    assert "THÀNH PHỐ" not in new.body_upper  # never the abolished city council


def test_2026_review_finds_the_new_communes_without_ntm(two_eras):
    with Store.open(two_eras) as store:
        flagged = {
            r[2]
            for r in store.rows("views/findings", unit=None, year=2026)
            if r[0] == "commune_no_ntm_resolution"
        }
    # The new communes that took over Móng Cái's old units (the district under review,
    # through 06712's data) are judged: none has a 2026 NTM resolution here. A commune
    # elsewhere in Quảng Ninh (xã Hải Hòa, 06799) is not: since 01/07/2025 each commune
    # reviews itself, so sharing the province is no scope; nor is another province's.
    assert flagged == {"06724", "06733", "06757"}


def test_a_notice_for_each_period_is_headed_by_the_right_body(db, tmp_path):
    with Store.open(db) as store:  # the city demo: 2023, Móng Cái's units
        notice = build_notice(store, None, "06745", 2023, today=date(2023, 12, 1))
        assert notice.body_upper == "HĐND THÀNH PHỐ MÓNG CÁI"
        assert reviewing_body(store, "06745", date(2025, 6, 30)) == "HĐND thành phố Móng Cái"
        assert reviewing_body(store, "06745", date(2025, 7, 1)) is None  # no unit that day
        assert reviewing_body(store, "06712", date(2025, 7, 1)) == "HĐND phường Móng Cái 1"
        # A deployment's own body heads resolutions from 01/07/2025 only.
        own = "HĐND tỉnh Quảng Ninh"
        assert reviewing_body(store, "06712", date(2026, 1, 5), own) == own
        assert reviewing_body(store, "06712", date(2024, 1, 5), own) == "HĐND thành phố Móng Cái"
    # A province that gives the review to a provincial body says so in the data.
    con = duckdb.connect(str(db), config={"autoinstall_known_extensions": False})
    try:
        con.execute(
            "INSERT INTO reviewing_body VALUES ('province:22', DATE '2025-07-01', NULL, "
            "'HĐND tỉnh Quảng Ninh', 'Quảng Ninh Provincial People''s Council', false, NULL)"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with Store.open(db) as store:
        assert reviewing_body(store, "06733", date(2026, 1, 5)) == "HĐND tỉnh Quảng Ninh"
        assert reviewing_body(store, "06733", date(2024, 1, 5)) == "HĐND thành phố Móng Cái"


# -- init --------------------------------------------------------------------------------


def test_init_builds_an_empty_province_database(capsys, tmp_path):
    db = tmp_path / "qn.duckdb"
    assert main(["init", "--db", str(db), "--province", "22", "--lang", "en"]) == 0
    assert "no demo data" in capsys.readouterr().out
    with Store.open(db) as store:
        meta = store.meta()
        assert meta["dataset_kind"] == "empty" and "notice_vi" not in meta
        assert store.rows("meta/table_counts")[0][1] == 0  # no resolution
    con = duckdb.connect(str(db), read_only=True)
    try:
        kinds = dict(
            con.execute(
                "SELECT valid_to IS NULL, count(*) FROM unit_period "
                "WHERE kind NOT IN ('tinh', 'thanh_pho') GROUP BY 1"
            ).fetchall()
        )
        links = con.execute("SELECT count(*) FROM unit_link").fetchone()[0]
    finally:
        con.close()
    assert kinds[True] == 54  # NQ 1679/NQ-UBTVQH15: Quảng Ninh's 54 units from 01/07/2025
    assert links >= 171
    # Then a real commune's data go in, checked against that catalogue.
    code, _out, err = _import(capsys, db, _dated("06733", date(2026, 3, 2)), tmp_path, "hn")
    assert code == 0, err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--province", "99"], "no province with code 99"),
        (["--province", "ab"], "no province with code ab"),
    ],
)
def test_init_refuses_bad_input(capsys, tmp_path, args, needle):
    db = tmp_path / "x.duckdb"
    assert main(["init", "--db", str(db), "--lang", "en", *args]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and not db.exists()


def test_init_never_overwrites(capsys, db):
    before = db.stat().st_mtime_ns
    assert main(["init", "--db", str(db), "--lang", "en"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert db.stat().st_mtime_ns == before


# -- the unit screen's history tab (Pilot) -------------------------------------------------


def test_a_2026_unit_shows_its_predecessors_history(capsys, tmp_path, monkeypatch):
    import asyncio

    from textual.widgets import DataTable
    from tuiwait import settle

    from tui.app import NtmReviewApp
    from tui.screens.resolution import ResolutionScreen
    from tui.screens.unit import UnitScreen

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    db = tmp_path / "h.duckdb"
    for name, data, more in (
        ("hx", _dated("06745", date(2023, 7, 5)), ()),
        ("mc1", _dated("06712", date(2026, 4, 10)), ("--review-year", "2026")),
    ):
        code, _out, err = _import(capsys, db, data, tmp_path, name, *more)
        assert code == 0, err

    app = NtmReviewApp(db, "en")
    app.reviewer = "reviewer"
    app.animation_level = "none"
    seen: dict = {}

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.year = 2026
            app.open_unit("06712", "tab-history")
            await settle(pilot)
            assert isinstance(app.screen, UnitScreen)
            table = app.screen.query_one("#history", DataTable)
            seen["rows"] = [
                [str(getattr(c, "plain", c)) for c in table.get_row_at(i)]
                for i in range(table.row_count)
            ]
            table.focus()
            row = next(i for i, r in enumerate(seen["rows"]) if r[0] == "  15/NQ-HĐND")
            table.move_cursor(row=row)
            await pilot.press("enter")
            await settle(pilot)
            seen["opened"] = type(app.screen)

    asyncio.run(scenario())
    first = seen["rows"][0]
    assert first[0] == "06712" and first[1] == ""
    assert first[2].startswith("Formed from 06712 Trần Phú (ward, … – 30/06/2025; whole)")
    groups = [r[2] for r in seen["rows"] if r[2].startswith("Formed from")]
    assert [g.split(" (")[0] for g in groups] == [
        "Formed from 06712 Trần Phú",
        "Formed from 06721 Trà Cổ",
        "Formed from 06742 Hải Hòa",
        "Formed from 06745 Hải Xuân",
        "Formed from 06751 Bình Ngọc",
    ]
    hx = next(i for i, r in enumerate(seen["rows"]) if r[2].startswith("Formed from 06745"))
    assert "2 resolutions" in seen["rows"][hx][2]
    assert seen["rows"][hx + 1][:2] == ["  15/NQ-HĐND", "05/07/2023"]
    assert seen["opened"] is ResolutionScreen  # Enter opens the predecessor's resolution


# -- provincial resolutions ----------------------------------------------------------------


def test_a_provincial_resolution_is_carried_linked_and_not_judged(capsys, tmp_path):
    from tui.core.data.demo import GROUND_QUY_CHE

    db = tmp_path / "p.duckdb"
    # Quảng Ninh's mechanism (province 22, before 01/07/2025): an NTM-kind resolution
    # with no works and none of the four grounds, which a commune would be flagged for.
    province = _dated("22", date(2022, 7, 15))
    province.resolutions = [
        replace(
            province.resolutions[0],
            number="06/2022/NQ-HĐND",
            title="Nghị quyết quy định cơ chế lồng ghép nguồn vốn",
            basis=[],
            projects=[],
        )
    ]
    province.surpluses = []
    code, _out, err = _import(capsys, db, province, tmp_path, "tinh", "--review-year", "2022")
    assert code == 0, err
    commune = _dated("06745", date(2023, 7, 5))
    commune.resolutions[0].basis = [*commune.resolutions[0].basis, GROUND_QUY_CHE]
    code, _out, err = _import(capsys, db, commune, tmp_path, "xa", "--review-year", "2023")
    assert code == 0, err
    with Store.open(db) as store:
        (rid,) = [r for (r,) in store.rows("views/unit_resolution_ids", unit="22")]
        assert store.rows("views/resolution_header", resolution_id=rid)[0][2] == "Quảng Ninh"
        findings = store.rows("views/findings", unit="22", year=None)
        assert findings == []  # the commune rules do not fire on a province
        (cid, *_rest) = [r for (r,) in store.rows("views/unit_resolution_ids", unit="06745")]
        links = store.rows("views/basis_provincial_links", resolution_id=cid)
    assert [(row[1], row[2], row[4]) for row in links] == [(rid, "06/2022/NQ-HĐND", "Quảng Ninh")]


def test_followup_and_comparison_across_the_merger(capsys, tmp_path):
    from tui.core.errors import UsageError
    from tui.core.rules.compare import compare_with_model
    from tui.core.rules.followup import followup

    db = tmp_path / "f.duckdb"
    for name, data, more in (
        ("hx", _dated("06745", date(2023, 7, 5)), ()),
        ("tp", _dated("06712", date(2024, 7, 5)), ("--review-year", "2024")),
        ("mc1", _dated("06712", date(2026, 4, 10)), ("--review-year", "2026")),
        ("hs", _dated("06724", date(2026, 4, 11)), ()),
    ):
        code, _out, err = _import(capsys, db, data, tmp_path, name, *more)
        assert code == 0, err
    with Store.open(db) as store:
        items = followup(store, None, unit="06712", year=2026)
        by_unit = {(i.unit_code, i.year) for i in items}
        # Móng Cái 1's own 2026 findings, then its predecessors': Trần Phú's 2024 (same
        # code) and Hải Xuân's 2023.
        assert {("06712", 2026), ("06712", 2024), ("06745", 2023)} <= by_unit
        assert all(year in (2023, 2024, 2026) for _u, year in by_unit)
        assert followup(store, None, unit="06724", year=2026)  # Hải Sơn: its own, at least
        # The model commune Hải Xuân went into a ward: for 2026 the reviewer must choose.
        with pytest.raises(UsageError) as caught:
            compare_with_model(store, "06745", 2026)
        message = caught.value.message("en")
        assert "06745 Hải Xuân" in message and "06712 Móng Cái 1" in message
        # Bắc Sơn went whole into xã Hải Sơn: as a model it stands for Hải Sơn in 2026.
        results = compare_with_model(store, "06727", 2026)
        assert "06724" not in {c.unit_code for c in results}  # the model is not compared


# -- the 2023–2025 merger rounds ----------------------------------------------------------


def test_rounds_data_are_unconfirmed_and_carry_their_source():
    from tui.core.data.rounds import round_links, round_periods

    periods, links = round_periods(), round_links()
    assert len(periods) > 1000 and len(links) > 800
    assert {r["confirmed"] for r in periods + links} == {"false"}
    assert all(r["source"].startswith("thanglequoc/vietnamese-provinces-database") for r in links)
    assert (DATA_DIR / "units_rounds.NOTICE").exists(), "the MIT notice travels with the data"
    by_code = {(p["code"], p["valid_to"]): p["name"] for p in periods}
    assert by_code[("09742", "2024-12-31")] == "Thọ Lộc"
    assert {(r["old_code"], r["new_code"]) for r in links if r["effective"] == "2025-01-01"} >= {
        ("09742", "09742"),  # Thọ Lộc's code went on as xã Tích Lộc
        ("09754", "09742"),  # xã Tích Giang went into it
    }


def test_the_rounds_diff_between_two_lists():
    """What the refresh infers from two lists of the statistics office: a renamed code
    goes on, a gone code goes into the one unit of its district that changed and shares a
    word of its name, and a gone code with no such unit stays unmapped."""
    from tui.core.data.rounds import diff_releases

    def unit(code, name, district="272"):
        return {
            "code": code,
            "name": name,
            "kind": "xa",
            "parent_code": district,
            "parent_name": "Huyện Phúc Thọ",
            "province_code": "01",
            "province_name": "Thành phố Hà Nội",
        }

    before = {
        c: unit(c, n)
        for c, n in [
            ("09742", "Thọ Lộc"),
            ("09745", "Long Xuyên"),
            ("09748", "Thượng Cốc"),
            ("09754", "Tích Giang"),
            ("09757", "Thanh Đa"),
            ("09721", "Vân Phúc"),
        ]
    }
    after = {c: unit(c, n) for c, n in [("09742", "Tích Lộc"), ("09745", "Long Thượng")]}
    after |= {c: before[c] for c in ("09757",)}
    periods, links, unmapped = diff_releases([(before, None), (after, date(2025, 1, 1))])
    ended = {(p["code"], p["name"], p["valid_from"], p["valid_to"]) for p in periods}
    assert ended == {
        ("09742", "Thọ Lộc", "", "2024-12-31"),
        ("09745", "Long Xuyên", "", "2024-12-31"),
        ("09748", "Thượng Cốc", "", "2024-12-31"),
        ("09754", "Tích Giang", "", "2024-12-31"),
        ("09721", "Vân Phúc", "", "2024-12-31"),
    }
    assert {(r["old_code"], r["new_code"]) for r in links} == {
        ("09742", "09742"),
        ("09745", "09745"),
        ("09748", "09745"),
        ("09754", "09742"),
    }
    assert {r["confirmed"] for r in links} == {"false"}
    # Vân Phúc shares no word with either unit that changed: which absorbed it is unknown.
    assert unmapped == [(date(2025, 1, 1), "09721")]


def test_a_2023_resolution_of_tho_loc_is_addressed_as_tho_loc(capsys, tmp_path, monkeypatch):
    """09742 was xã Thọ Lộc until 31/12/2024 and xã Tích Lộc until 30/06/2025, which
    went into xã Phúc Thọ (09715): a 2023 resolution is Thọ Lộc's, and Phúc Thọ's 2026
    history shows Tích Lộc and, through it, Thọ Lộc and Tích Giang."""
    db = tmp_path / "hn.duckdb"
    for name, data, more in (
        ("tl", _dated("09742", date(2023, 7, 5)), ("--review-year", "2023")),
        ("pt", _dated("09715", date(2026, 4, 10)), ("--review-year", "2026")),
    ):
        code, _out, err = _import(capsys, db, data, tmp_path, name, *more)
        assert code == 0, err
    with Store.open(db) as store:
        names = {
            store.rows("views/resolution_header", resolution_id=rid)[0][2]
            for (rid,) in store.rows("views/unit_resolution_ids", unit="09742")
        }
        assert names == {"Thọ Lộc"}  # not "Tích Lộc", the name of 01/01/2025
        history = store.rows("views/unit_history", code="09715", year=2026)
    groups = {(r[0], r[1], r[2]) for r in history}
    assert {("from", "09742", "Tích Lộc"), ("from", "09742", "Thọ Lộc")} <= groups
    assert ("from", "09754", "Tích Giang") in groups
    tho_loc = [r for r in history if r[2] == "Thọ Lộc" and r[8]]
    assert tho_loc and {r[10] for r in tho_loc} == {date(2023, 7, 5)}
    assert not [r for r in history if r[2] == "Tích Lộc" and r[8]]  # none in its period

    # The merger tab: one group per period of 09742, Thọ Lộc's with its resolutions.
    import asyncio

    from textual.widgets import DataTable
    from tuiwait import settle

    from tui.app import NtmReviewApp

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = NtmReviewApp(db, "en")
    app.reviewer = "reviewer"
    app.animation_level = "none"
    seen: list = []

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.year = 2026
            app.open_unit("09715", "tab-history")
            await settle(pilot)
            table = app.screen.query_one("#history", DataTable)
            seen.extend(
                [str(getattr(c, "plain", c)) for c in table.get_row_at(i)]
                for i in range(table.row_count)
            )

    asyncio.run(scenario())
    groups = [r[2].split(" (")[0] for r in seen if r[2].startswith("Formed from 09742")]
    assert groups == ["Formed from 09742 Thọ Lộc", "Formed from 09742 Tích Lộc"]
    first = next(i for i, r in enumerate(seen) if r[2].startswith("Formed from 09742 Thọ Lộc"))
    assert seen[first + 1][1] == "05/07/2023"


def test_the_rounds_refresh_refuses_a_folder_that_is_not_the_dataset(capsys, tmp_path):
    from tui.core.data.rounds import main as refresh

    before = (DATA_DIR / "units_rounds.csv").read_bytes()
    assert refresh([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "not a git clone of thanglequoc/vietnamese-provinces-database" in err
    assert "nothing was written" in err and "Traceback" not in err
    assert refresh([]) == 2 and "usage:" in capsys.readouterr().err
    assert (DATA_DIR / "units_rounds.csv").read_bytes() == before
