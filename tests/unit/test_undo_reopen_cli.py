"""Issue 14, items 10 and mid-air on the command line: `decide` never records over another
reviewer's decision without being told to (--expect-seq / --force), `reopen` ends a
unit's conclusion with an event, and `log` (text, json, --verify) handles undo and
reopen events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_review_cli import (
    ONLY_KEY_OF_TRA_CO,
    TRA_CO,
    VINH_TRUNG,
    call,
    keys_of,
    log_json,
    one_line,
)

from tui.core.paths import review_store_path
from tui.core.review.service import open_review_store
from tui.core.review.sqlite import ReviewStore

pytestmark = pytest.mark.usefixtures("_no_ambient_settings")


@pytest.fixture
def _no_ambient_settings(monkeypatch):
    for name in ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def other_reviewer_decides(db: Path, key: str, decision: str = "needs_correction"):
    store = ReviewStore(review_store_path(db), reviewer="nguyen-van-b")
    try:
        return store.record_decision(key, "surplus", key.rsplit("|", 1)[0], TRA_CO, 2023, decision)
    finally:
        store.close()


def decisions(db: Path) -> list[tuple[str, str]]:
    with ReviewStore(review_store_path(db), reviewer="checker") as store:
        return [(e.reviewer, e.decision) for e in store.events() if e.kind == "decision"]


def test_decide_refuses_to_record_over_another_reviewers_decision(capsys, db: Path):
    theirs = other_reviewer_decides(db, ONLY_KEY_OF_TRA_CO)
    code, out, err = call(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "corrected", "--document", "CV 1", "--db", db
    )
    assert code == 2 and out == ""
    line = one_line(err)
    assert "nguyen-van-b" in line and "Cần chỉnh sửa" in line
    assert f"--expect-seq {theirs.seq}" in line and "--force" in line
    assert decisions(db) == [("nguyen-van-b", "needs_correction")]


def test_decide_with_the_seen_seq_or_force_records(capsys, db: Path):
    theirs = other_reviewer_decides(db, ONLY_KEY_OF_TRA_CO)
    code, _, err = call(
        capsys,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "corrected",
        "--document",
        "CV 1",
        "--expect-seq",
        theirs.seq,
        "--db",
        db,  # fmt: skip
    )
    assert code == 0 and err == ""
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--force", "--db", db)
    assert code == 0 and err == ""
    assert [d for _, d in decisions(db)] == ["needs_correction", "corrected", "needs_correction"]


def test_decide_with_a_stale_seq_is_refused(capsys, db: Path):
    # Seen with no decision (0); another reviewer decided since.
    other_reviewer_decides(db, ONLY_KEY_OF_TRA_CO, "corrected")
    code, out, err = call(
        capsys,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "can_sua",
        "--expect-seq",
        "0",
        "--db",
        db,
        "--lang",
        "en",
    )
    assert code == 2 and out == ""
    line = one_line(err)
    assert "nguyen-van-b recorded “Corrected”" in line and "nothing was overwritten" in line
    assert decisions(db) == [("nguyen-van-b", "corrected")]


def test_decide_over_its_own_later_decision_records_as_the_tui_does(capsys, db: Path):
    # The command line decides through the same service as the TUI: a decision of this
    # reviewer's made since the seq they name (their other session) is no conflict.
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    assert code == 0 and err == ""
    code, _, err = call(
        capsys,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "corrected",
        "--document",
        "CV 2",
        "--reason",
        "đã sửa theo CV 2",
        "--expect-seq",
        "0",
        "--db",
        db,
    )
    assert code == 0 and err == ""
    assert [d for _, d in decisions(db)] == ["needs_correction", "corrected"]
    with ReviewStore(review_store_path(db), reviewer="checker") as store:
        last = [e for e in store.events() if e.kind == "decision"][-1]
    assert last.reason == "đã sửa theo CV 2"  # a correction keeps its reason


@pytest.mark.parametrize("value", ["abc", "-1", "1.5"])
def test_decide_bad_expect_seq_is_one_sentence(capsys, db: Path, value: str):
    code, out, err = call(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", f"--expect-seq={value}", "--db", db
    )
    assert code == 2 and out == ""
    assert "không phải là số sự kiện" in err and "Traceback" not in err
    assert not review_store_path(db).exists()


def test_own_decision_is_replaced_without_options(capsys, db: Path):
    assert call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)[0] == 0
    assert (
        call(
            capsys, "decide", ONLY_KEY_OF_TRA_CO, "da_khac_phuc", "--document", "CV 1", "--db", db
        )[0]
        == 0
    )
    assert [d for _, d in decisions(db)] == ["needs_correction", "corrected"]


def test_reopen_refused_when_not_concluded_then_reopens(capsys, db: Path):
    code, out, err = call(capsys, "reopen", "--unit", TRA_CO, "--db", db)
    assert code == 2 and out == ""
    assert TRA_CO in one_line(err) and "chưa kết luận" in err
    call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "da_khac_phuc", "--document", "CV 1", "--db", db)
    assert call(capsys, "conclude", "--unit", TRA_CO, "--db", db)[0] == 0
    code, out, err = call(
        capsys, "reopen", "--unit", TRA_CO, "--year", "2023", "--reason", "cần xem lại", "--db", db
    )
    assert code == 0 and err == ""
    assert "Đã mở lại" in one_line(out) and TRA_CO in out
    with open_review_store(db) as reviews:
        assert reviews.concluded_units(2023) == set()
    kinds = [(e["kind"], e["text"]) for e in log_json(capsys, db, "--unit", TRA_CO)]
    assert kinds[-2:] == [("conclusion", ""), ("reopen", "cần xem lại")]
    assert call(capsys, "reopen", "--unit", TRA_CO, "--db", db)[0] == 2  # not concluded now
    assert call(capsys, "conclude", "--unit", TRA_CO, "--db", db)[0] == 0
    with open_review_store(db) as reviews:
        assert reviews.concluded_units(2023) == {TRA_CO}


def test_reopen_unknown_unit_and_bad_year(capsys, db: Path):
    code, _, err = call(capsys, "reopen", "--unit", "99999", "--db", db)
    assert code == 2 and "99999" in one_line(err)
    code, _, err = call(capsys, "reopen", "--unit", TRA_CO, "--year", "abc", "--db", db)
    assert code == 2 and "Traceback" not in err


def test_log_shows_undo_and_reopen_in_vietnamese_and_the_chain_stays_whole(capsys, db: Path):
    first, second = keys_of(capsys, db, VINH_TRUNG)
    with open_review_store(db) as reviews:
        kept = reviews.record_decision(first, "resolution", "r", VINH_TRUNG, 2023, "corrected")
        mistake = reviews.record_decision(
            first, "resolution", "r", VINH_TRUNG, 2023, "needs_correction"
        )
        reviews.undo_decision(mistake.event_id)
        reviews.record_decision(second, "resolution", "r", VINH_TRUNG, 2023, "corrected")
        reviews.conclude_unit(VINH_TRUNG, 2023, [first, second])
        reviews.reopen_unit(VINH_TRUNG, 2023, reason="thiếu hồ sơ")
    code, out, err = call(capsys, "log", "--db", db, "--unit", VINH_TRUNG)
    assert code == 0 and err == ""
    assert "Hoàn tác quyết định" in out
    assert f"Cần chỉnh sửa (#{mistake.seq}) → Đã khắc phục" in out
    assert "Mở lại kết luận" in out and "thiếu hồ sơ" in out
    code, out, _ = call(capsys, "log", "--db", db, "--lang", "en")
    assert "Decision undone" in out and "Conclusion reopened" in out
    rows = log_json(capsys, db)
    undo = next(r for r in rows if r["kind"] == "undo")
    assert undo["text"] == mistake.event_id and undo["finding_key"] == first
    code, out, err = call(capsys, "log", "--verify", "--db", db)
    assert code == 0 and err == "" and "nguyên vẹn" in out
    code, out, _ = call(capsys, "log", "--db", db, "--format", "csv")
    assert code == 0 and ",undo," in out and ",reopen," in out
    code, out, _ = call(capsys, "followup", "--db", db, "--unit", VINH_TRUNG, "--format", "json")
    in_force = {item["finding_key"]: item["decision"] for item in json.loads(out)}
    assert in_force == {first: kept.decision, second: "corrected"}
