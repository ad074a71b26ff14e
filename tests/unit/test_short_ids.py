"""Issue 14, item 16: every finding has a short stable id (F-XXXXXX), printed in every
table and JSON output and accepted by `decide` (and `note --finding`)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.cli import main
from tui.core.data.store import Store
from tui.core.paths import review_store_path
from tui.core.review.sqlite import ReviewStore
from tui.core.rules.findings import SHORT_ID_LENGTH, load_findings, looks_like_short_id, short_id


def test_short_ids_are_stable_safe_and_unique_over_the_demo(demo_db: Path) -> None:
    with Store.open(demo_db) as store:
        findings = load_findings(store)
    ids = [short_id(f.finding_key) for f in findings]
    assert len(set(ids)) == len(ids)
    for found in ids:
        assert looks_like_short_id(found) and len(found) == SHORT_ID_LENGTH + 2
        assert found.isascii() and found.replace("-", "").isalnum()  # safe to paste
    assert short_id(findings[0].finding_key) == ids[0]  # pure function of the key
    assert looks_like_short_id(ids[0].lower())
    assert not looks_like_short_id("F-OOOOOO")  # O is not in the alphabet


def test_check_and_followup_json_and_csv_carry_the_id(demo_db: Path, capsys) -> None:
    main(["check", "--db", str(demo_db), "--format", "json"])
    check = json.loads(capsys.readouterr().out)
    assert all(looks_like_short_id(f["id"]) for f in check)
    main(["followup", "--db", str(demo_db), "--format", "json"])
    follow = json.loads(capsys.readouterr().out)
    assert all(f["id"] == short_id(f["finding_key"]) for f in follow)
    main(["check", "--db", str(demo_db), "--format", "csv"])
    assert capsys.readouterr().out.splitlines()[0].startswith("\ufeffid,rule_id,")
    main(["check", "--db", str(demo_db)])
    assert check[0]["id"] in capsys.readouterr().out  # the table output too


def test_decide_accepts_the_short_id_in_any_case(db: Path, capsys) -> None:
    main(["followup", "--db", str(db), "--format", "json"])
    first = json.loads(capsys.readouterr().out)[0]
    assert main(["decide", "--db", str(db), first["id"].lower(), "can_sua"]) == 0
    (event,) = ReviewStore(review_store_path(db)).events()
    assert event.finding_key == first["finding_key"]
    capsys.readouterr()
    main(["log", "--db", str(db), "--format", "json"])
    (row,) = json.loads(capsys.readouterr().out)
    assert row["finding_id"] == first["id"]


def test_unknown_short_id_is_one_sentence(db: Path, capsys) -> None:
    assert main(["decide", "--db", str(db), "F-ZZZZZZ", "can_sua"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "F-ZZZZZZ" in err
    assert not review_store_path(db).exists()
