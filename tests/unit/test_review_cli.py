"""The review workflow on the command line: decide, note, conclude, log and followup.

Every test works on its own copy of the demo database, so each has its own review store
(<name>.reviews.sqlite beside it) and its own reviewers.toml.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.paths import review_store_path, reviewers_file_path
from tui.core.review.service import open_review_store, parse_decision
from tui.core.review.sqlite import current_login

LOG_FIELDS = [
    "seq",
    "event_id",
    "created_at",
    "reviewer",
    "kind",
    "unit_code",
    "year",
    "entity_kind",
    "entity_key",
    "finding_id",
    "finding_key",
    "previous_decision",
    "decision",
    "text",
]
FOLLOWUP_FIELDS = [
    "id",
    "finding_key",
    "state",
    "rule_id",
    "severity",
    "unit_code",
    "unit_name",
    "entity_kind",
    "year",
    "message",
    "decision",
    "decided_by",
    "decided_at",
    "corrected_but_present",
    # issue 17: who must act, by when, the notice, the proof, the acceptance's end
    "owner",
    "owner_name",
    "due",
    "due_source",
    "notice_number",
    "notice_date",
    "evidence",
    "acceptance_until",
    "acceptance_expired",
    "overdue_days",
]
VINH_TRUNG = "06754"  # a commune with two findings in the demo
TRA_CO = "06721"  # one finding
ONLY_KEY_OF_TRA_CO = "surplus_before_settlement|2023|06721|kd|2023"
ENV = ("NTM_REVIEW_DB", "NTM_REVIEW_LANG", "NTM_REVIEW_REVIEWERS")


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def call(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def keys_of(capsys, db: Path, unit: str) -> list[str]:
    code, out, _ = call(capsys, "followup", "--db", db, "--unit", unit, "--format", "json")
    assert code == 0
    return [item["finding_key"] for item in json.loads(out)]


def log_json(capsys, db: Path, *extra: str) -> list[dict]:
    code, out, err = call(capsys, "log", "--db", db, "--format", "json", *extra)
    assert code == 0 and err == ""
    return json.loads(out)


def write_reviewers(db: Path, text: str) -> Path:
    path = db.parent / "reviewers.toml"
    path.write_text(text, encoding="utf-8")
    return path


# -- log -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_log_before_any_decision(capsys, db: Path, fmt: str):
    code, out, err = call(capsys, "log", "--db", db, "--format", fmt)
    assert code == 0 and err == ""
    if fmt == "json":
        assert json.loads(out) == []
    elif fmt == "csv":
        assert out.splitlines() == ["\ufeff" + ",".join(LOG_FIELDS)]
    else:
        assert "Chưa có quyết định hay ghi chú nào" in out
    assert not review_store_path(db).exists(), "a read created the review store"


def test_log_after_decisions(capsys, db: Path):
    key = ONLY_KEY_OF_TRA_CO
    assert call(capsys, "decide", key, "can_sua", "--db", db)[0] == 0
    code, _, _ = call(capsys, "decide", key, "chap_nhan", "--reason", "đã giải trình", "--db", db)
    assert code == 0
    events = log_json(capsys, db)
    assert [e["kind"] for e in events] == ["decision", "decision"]
    first, second = events
    assert set(first) == set(LOG_FIELDS)
    assert (first["previous_decision"], first["decision"]) == (None, "needs_correction")
    assert (second["previous_decision"], second["decision"]) == ("needs_correction", "accepted")
    assert second["text"] == "đã giải trình"
    assert second["reviewer"] == current_login()
    assert second["unit_code"] == TRA_CO and second["year"] == 2023
    assert second["finding_key"] == key and second["entity_kind"] == "surplus"
    assert date.fromisoformat(second["created_at"][:10])
    assert second["created_at"][-6] in "+-"  # the offset is recorded

    code, out, _ = call(capsys, "log", "--db", db)
    assert code == 0
    assert "Cần chỉnh sửa → Chấp nhận" in out and "đã giải trình" in out
    code, out, _ = call(capsys, "log", "--db", db, "--lang", "en")
    assert "Needs correction → Accepted" in out and "2 entries" in out

    code, out, _ = call(capsys, "log", "--db", db, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["decision"] for r in table] == ["needs_correction", "accepted"]


def test_log_unit_filter(capsys, db: Path):
    call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    call(capsys, "note", "--unit", VINH_TRUNG, "--db", db, "xem lại hồ sơ")
    assert [e["unit_code"] for e in log_json(capsys, db)] == [TRA_CO, VINH_TRUNG]
    assert [e["kind"] for e in log_json(capsys, db, "--unit", VINH_TRUNG)] == ["note"]
    assert log_json(capsys, db, "--unit", "06745") == []


def test_log_since_in_both_date_forms(capsys, db: Path):
    call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    events = log_json(capsys, db)
    day = date.fromisoformat(events[0]["created_at"][:10])
    for since in (day.isoformat(), day.strftime("%d/%m/%Y")):
        assert len(log_json(capsys, db, "--since", since)) == 1
    tomorrow = day + timedelta(days=1)
    for since in (tomorrow.isoformat(), tomorrow.strftime("%d/%m/%Y")):
        assert log_json(capsys, db, "--since", since) == []


@pytest.mark.parametrize("since", ["2024-13-01", "31/02/2024", "hôm qua", "2024/01/01", "1.1.2024"])
def test_log_bad_date_exits_2(capsys, db: Path, since: str):
    code, out, err = call(capsys, "log", "--db", db, "--since", since)
    assert code == 2 and out == ""
    line = one_line(err)
    assert since in line and "dd/mm/yyyy" in line
    code, _, err = call(capsys, "log", "--db", db, "--since", since, "--lang", "en")
    assert code == 2 and "not valid" in one_line(err)


# -- decide ----------------------------------------------------------------------------------


def test_decide_prints_one_confirmation(capsys, db: Path):
    code, out, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "needs_correction", "--db", db)
    assert code == 0 and err == ""
    line = one_line(out)
    assert "Cần chỉnh sửa" in line and ONLY_KEY_OF_TRA_CO in line and current_login() in line
    code, out, _ = call(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "corrected", "--document", "CV 12/UBND",
        "--db", db, "--lang", "en",
    )  # fmt: skip
    assert code == 0
    first, proof = out.splitlines()
    assert "Recorded the decision “Corrected” (before: Needs correction)" in first
    assert proof == "Evidence: document: CV 12/UBND."


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("can_sua", "needs_correction"),
        ("chap_nhan", "accepted"),
        ("da_khac_phuc", "corrected"),
        ("khong_ap_dung", "not_applicable"),
        ("Chấp nhận", "accepted"),
        ("KHONG-AP-DUNG", "not_applicable"),
        ("not_applicable", "not_applicable"),
    ],
)
def test_decision_aliases(typed: str, code: str):
    assert parse_decision(typed) == code


def test_decide_with_a_vietnamese_alias(capsys, db: Path):
    code, out, _ = call(
        capsys,
        "decide",
        ONLY_KEY_OF_TRA_CO,
        "khong_ap_dung",
        "--reason",
        "xã đã sáp nhập",
        "--db",
        db,
    )
    assert code == 0 and "Không áp dụng" in out
    assert log_json(capsys, db)[0]["decision"] == "not_applicable"


def test_decide_unknown_key_exits_2(capsys, db: Path):
    code, out, err = call(capsys, "decide", "no_such_rule|2023|06721", "can_sua", "--db", db)
    assert code == 2 and out == ""
    assert "no_such_rule|2023|06721" in one_line(err)
    assert not review_store_path(db).exists()


@pytest.mark.parametrize("decision", ["accepted", "chap_nhan", "not_applicable"])
def test_decide_without_a_reason_exits_2(capsys, db: Path, decision: str):
    code, out, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, decision, "--db", db)
    assert code == 2 and out == ""
    assert "lý do" in one_line(err)
    code, _, err = call(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, decision, "--reason", "  ", "--db", db, "--lang", "en"
    )
    assert code == 2 and "needs a reason" in one_line(err)
    assert log_json(capsys, db) == []


def test_decide_invalid_decision_exits_2(capsys, db: Path):
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "approve", "--db", db)
    assert code == 2 and "approve" in one_line(err) and "can_sua" in err


def test_decide_out_of_scope_exits_2_naming_the_unit(capsys, db: Path):
    write_reviewers(db, '[reviewers.someone-else]\nunits = ["06721"]\n')
    code, out, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    assert code == 2 and out == ""
    line = one_line(err)
    assert TRA_CO in line and current_login() in line
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db, "--lang", "en")
    assert "is not assigned to unit 06721" in one_line(err)
    assert log_json(capsys, db) == []


def test_scope_lists_the_login_for_some_units(capsys, db: Path):
    write_reviewers(db, f'[reviewers.{current_login()}]\nunits = ["06721"]\n')
    assert call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)[0] == 0
    other = keys_of(capsys, db, VINH_TRUNG)[0]
    code, _, err = call(capsys, "decide", other, "can_sua", "--db", db)
    assert code == 2 and VINH_TRUNG in one_line(err)
    # Everyone may read everything.
    assert len(log_json(capsys, db)) == 1


def test_reviewers_file_from_the_environment(capsys, db: Path, tmp_path: Path, monkeypatch):
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text('[reviewers.someone-else]\nunits = ["*"]\n', encoding="utf-8")
    monkeypatch.setenv("NTM_REVIEW_REVIEWERS", str(elsewhere))
    assert reviewers_file_path(db) == elsewhere
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    assert code == 2 and TRA_CO in one_line(err)


def test_a_broken_reviewers_file_is_one_sentence(capsys, db: Path):
    write_reviewers(db, "[reviewers.alice]\nunits = [06721]\n")
    code, _, err = call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--db", db)
    assert code == 2 and "reviewers.toml" in one_line(err)


def test_no_option_chooses_the_reviewer(capsys, db: Path):
    code, _, err = call(
        capsys, "decide", ONLY_KEY_OF_TRA_CO, "can_sua", "--reviewer", "bob", "--db", db
    )
    assert code == 2 and "--reviewer" in one_line(err)
    assert log_json(capsys, db) == []


def test_open_review_store_uses_the_login_and_the_scope(db: Path):
    write_reviewers(db, '[reviewers.alice]\nunits = ["06721"]\n')
    with open_review_store(db) as reviews:
        assert reviews.reviewer == current_login()
        assert reviews.path == review_store_path(db)
        assert reviews.scope.units_for("alice") == frozenset({"06721"})


# -- note -------------------------------------------------------------------------------------


def test_note_on_a_unit_a_resolution_and_a_finding(capsys, db: Path):
    code, out, err = call(capsys, "note", "--unit", "06724", "--db", db, "Đã", "làm", "việc")
    assert code == 0 and err == "" and "06724" in one_line(out)
    code, out, _ = call(
        capsys,
        "note",
        "--unit",
        "06724",
        "--resolution",
        "NQ-06724-2023-01",
        "--db",
        db,
        "thiếu đề án",
    )
    assert code == 0 and "12/NQ-HĐND" in one_line(out)
    code, out, _ = call(
        capsys, "note", "--unit", "06724", "--resolution", "12/NQ-HĐND", "--db", db, "theo số"
    )
    assert code == 0
    key = keys_of(capsys, db, "06724")[0]
    code, out, _ = call(capsys, "note", "--unit", "06724", "--finding", key, "--db", db, "xem")
    assert code == 0 and key in one_line(out)

    events = log_json(capsys, db)
    assert [e["kind"] for e in events] == ["note"] * 4
    assert [e["text"] for e in events] == ["Đã làm việc", "thiếu đề án", "theo số", "xem"]
    unit, by_id, by_number, on_finding = events
    assert (unit["entity_kind"], unit["entity_key"], unit["year"]) == ("unit", "06724", None)
    # A note on a resolution is keyed by its natural key, which survives a rebuild.
    assert by_id["entity_kind"] == "resolution" and by_id["entity_key"].startswith("06724|nq|")
    assert by_number["entity_key"] == by_id["entity_key"] and by_id["year"] == 2023
    assert on_finding["finding_key"] == key and on_finding["decision"] is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--unit", "99999", "x"], "99999"),
        (["--unit", "06724", "--resolution", "NQ-nope", "x"], "NQ-nope"),
        (["--unit", "06724", "--finding", "nope|2023|x", "x"], "nope|2023|x"),
        (["--unit", "06724", "--finding", ONLY_KEY_OF_TRA_CO, "x"], TRA_CO),
        (["--unit", "06724", "   "], "Ghi chú"),
    ],
)
def test_note_bad_target_exits_2(capsys, db: Path, args: list[str], words: str):
    code, out, err = call(capsys, "note", "--db", db, *args)
    assert code == 2 and out == ""
    assert words in one_line(err)
    assert not review_store_path(db).exists()


def test_note_on_resolution_and_finding_together_is_refused(capsys, db: Path):
    code, _, err = call(
        capsys, "note", "--unit", "06724", "--resolution", "x", "--finding", "y", "--db", db, "t"
    )
    assert code == 2 and "--finding" in one_line(err)


# -- conclude ------------------------------------------------------------------------------------


def test_conclude_refused_then_allowed(capsys, db: Path):
    code, out, err = call(capsys, "conclude", "--unit", VINH_TRUNG, "--db", db)
    assert code == 2 and out == ""
    line = one_line(err)
    assert VINH_TRUNG in line and "2 phát hiện" in line
    first, second = keys_of(capsys, db, VINH_TRUNG)
    call(capsys, "decide", first, "can_sua", "--db", db)
    code, _, err = call(capsys, "conclude", "--unit", VINH_TRUNG, "--db", db, "--lang", "en")
    assert code == 2 and "1 finding still has no decision" in one_line(err)
    call(capsys, "decide", second, "chap_nhan", "--reason", "có giải trình", "--db", db)
    code, out, err = call(capsys, "conclude", "--unit", VINH_TRUNG, "--year", "2023", "--db", db)
    assert code == 0 and err == ""
    assert VINH_TRUNG in one_line(out) and "2023" in out
    assert [e["kind"] for e in log_json(capsys, db, "--unit", VINH_TRUNG)][-1] == "conclusion"


def test_conclude_a_unit_without_findings(capsys, db: Path):
    code, out, _ = call(capsys, "conclude", "--unit", "06745", "--db", db, "--lang", "en")
    assert code == 0 and "all 0 findings have a decision" in out


def test_conclude_unknown_unit_exits_2(capsys, db: Path):
    code, _, err = call(capsys, "conclude", "--unit", "99999", "--db", db)
    assert code == 2 and "99999" in one_line(err)


# -- followup ------------------------------------------------------------------------------------


def test_followup_formats(capsys, db: Path):
    code, out, err = call(capsys, "followup", "--db", db, "--format", "json")
    assert code == 0 and err == ""
    items = json.loads(out)
    assert items and all(set(i) == set(FOLLOWUP_FIELDS) for i in items)
    assert {i["state"] for i in items} == {"new"}  # the demo has no previous build
    assert all(i["decision"] is None and i["corrected_but_present"] is False for i in items)

    code, out, _ = call(capsys, "followup", "--db", db, "--format", "csv", "--unit", VINH_TRUNG)
    out = out.removeprefix("\ufeff")
    assert code == 0
    assert out.splitlines()[0] == ",".join(FOLLOWUP_FIELDS)
    assert {r["unit_code"] for r in csv.DictReader(io.StringIO(out))} == {VINH_TRUNG}

    code, out, _ = call(capsys, "followup", "--db", db, "--unit", VINH_TRUNG)
    assert code == 0 and "Chưa có lần dựng dữ liệu trước" in out and "Vĩnh Trung" in out
    code, out, _ = call(capsys, "followup", "--db", db, "--year", "2022", "--lang", "en")
    assert code == 0 and "No findings to follow up" in out
    assert not review_store_path(db).exists()


def test_followup_shows_decisions_and_flags_corrected(capsys, db: Path):
    call(capsys, "decide", ONLY_KEY_OF_TRA_CO, "da_khac_phuc", "--document", "CV 1", "--db", db)
    code, out, _ = call(capsys, "followup", "--db", db, "--unit", TRA_CO, "--format", "json")
    assert code == 1
    (item,) = json.loads(out)
    assert item["decision"] == "corrected" and item["decided_by"] == current_login()
    assert item["corrected_but_present"] is True
    code, out, _ = call(capsys, "followup", "--db", db, "--unit", VINH_TRUNG)
    assert code == 0  # the flag is only about what is shown
    code, out, _ = call(capsys, "followup", "--db", db, "--unit", TRA_CO)
    assert code == 1 and "‼" in out


def test_followup_unknown_unit_exits_2(capsys, db: Path):
    code, _, err = call(capsys, "followup", "--db", db, "--unit", "99999")
    assert code == 2 and "99999" in one_line(err)


# -- help and the process as a whole ------------------------------------------------------------

HELP_WORDS = {"vi": "tệp cơ sở dữ liệu", "en": "database file"}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", ["log", "decide", "note", "conclude", "followup"])
def test_help(capsys, command: str, lang: str):
    code, out, err = call(capsys, command, "--help", "--lang", lang)
    assert code == 0 and err == ""
    assert HELP_WORDS[lang] in out
    assert HELP_WORDS["en" if lang == "vi" else "vi"] not in out


def test_the_commands_are_listed_in_the_main_help(capsys):
    code, out, _ = call(capsys, "--help", "--lang", "en")
    assert code == 0
    for command in ("log", "decide", "note", "conclude", "followup"):
        assert command in out


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ENV}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
    )


def test_as_a_process(db: Path):
    decided = run("decide", ONLY_KEY_OF_TRA_CO, "corrected", "--document", "CV 1", "--db", str(db))
    assert decided.returncode == 0, decided.stderr
    assert decided.stderr == ""
    followed = run("followup", "--db", str(db), "--unit", TRA_CO)
    assert followed.returncode == 1 and followed.stderr == ""
    bad = run("log", "--db", str(db), "--since", "yesterday")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.splitlines()) == 1
    logged = run("log", "--db", str(db), "--format", "json")
    # the decision and its proof, one transaction (issue 17)
    kinds = [e["kind"] for e in json.loads(logged.stdout)]
    assert logged.returncode == 0 and kinds == ["decision", "evidence"]
