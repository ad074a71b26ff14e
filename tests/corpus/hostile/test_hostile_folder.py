"""Issue 15 items 5, 6, 8, 10 and 17: a hostile shared folder and a failing disk.

- a reader opening across a rebuild's rename() retries once (item 5);
- killed builds' temporaries are removed by the next build (item 6);
- temporaries are O_EXCL with random names, planted symlinks are not followed, a --db
  symlink is one store (item 8);
- a reviewers file that is named but missing, or writable by others, is refused (item 10);
- a full disk, a read-only file system or a missing permission gives one sentence naming
  the file and the cause on every write path, old data intact (item 17).

The disk tests mount small tmpfs file systems and so run as root only (CI runs as root).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.data import store as store_module
from tui.core.data.store import FileIdentity, Store
from tui.core.errors import DatabaseError
from tui.core.paths import review_store_path

ROOT = os.geteuid() == 0
OTHER_UID = 4242  # a group member planting links (any uid that is not ours)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- item 5: a reader opening across a rename ---------------------------------------------


def test_open_across_a_rename_retries_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = db.with_name("fresh.duckdb")
    shutil.copyfile(db, fresh)
    calls = []
    real_check = Store._check_version

    def check_during_rebuild(self: Store) -> None:
        calls.append(self.identity)
        if len(calls) == 1:
            os.replace(fresh, db)  # a build renames its new file in, mid-open
            raise DatabaseError("db_truncated", path=db)  # what DuckDB 2.0.x then says
        real_check(self)

    monkeypatch.setattr(Store, "_check_version", check_during_rebuild)
    with Store.open(db) as store:
        assert len(calls) == 2
        assert store.identity == FileIdentity.of(db)
        assert store.meta()["dataset_kind"] == "demo"


def test_a_really_broken_file_is_reported_without_retry(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def broken(self: Store) -> None:
        calls.append(1)
        raise DatabaseError("db_truncated", path=db)

    monkeypatch.setattr(Store, "_check_version", broken)
    with pytest.raises(DatabaseError):
        Store.open(db)
    assert len(calls) == 1


# -- item 6: killed builds' temporaries ---------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_build_removes_temporaries_of_dead_builders(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    dead = _dead_pid()
    stale_dir = tmp_path / f".x.duckdb.build-{dead}-k3j4h5"
    stale_dir.mkdir()
    (stale_dir / "x.duckdb").write_bytes(b"\0" * 4096)
    legacy = tmp_path / f".x.duckdb.build-{dead}"  # the fixed name of older versions
    legacy.write_bytes(b"\0" * 4096)
    live = tmp_path / f".x.duckdb.build-{os.getppid()}-a1b2c3"  # its owner still runs
    live.mkdir()
    assert main(["demo", "--db", str(db)]) == 0
    leftovers = sorted(p.name for p in tmp_path.iterdir() if ".build-" in p.name)
    assert leftovers == [live.name]


def test_a_build_killed_midway_leaves_nothing_after_the_next(tmp_path: Path) -> None:
    db = tmp_path / "k.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "demo", "--db", str(db), "--scale", "province"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any(".build-" in p.name for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and child.poll() is None, "the build never started"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert any(".build-" in p.name for p in tmp_path.iterdir())  # what a kill leaves
    assert main(["demo", "--db", str(db)]) == 0
    assert not [p.name for p in tmp_path.iterdir() if ".build-" in p.name]


# -- item 8: symlinks in a shared folder --------------------------------------------------


def _plant_link(link: Path, target: Path, uid: int = OTHER_UID) -> None:
    link.symlink_to(target)
    os.lchown(link, uid, uid)


@pytest.mark.skipif(not ROOT, reason="planting another user's symlink needs root")
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "md", "import-xlsx"])
def test_export_refuses_a_symlink_planted_by_someone_else(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    victim = tmp_path / "my-thesis.txt"
    victim.write_text("years of work\n")
    out = tmp_path / "shared" / "report.out"
    out.parent.mkdir()
    _plant_link(out, victim)
    code = main(["export", "--db", str(db), "--lang", "en", "--format", fmt, str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "symbolic link made by someone else" in one_sentence(err)
    assert victim.read_text() == "years of work\n"
    assert out.is_symlink()


def test_export_never_uses_the_old_predictable_temporary_name(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "out.xlsx"
    planted = tmp_path / f".{out.name}.tmp-{os.getpid()}"
    planted.symlink_to(victim)
    assert main(["export", "--db", str(db), str(out)]) == 0, capsys.readouterr().err
    assert victim.read_text() == "keep me\n"
    assert out.stat().st_size > 0 and not out.is_symlink()
    temporaries = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{out.name}")]
    assert temporaries == [planted.name]  # ours were renamed into place or removed


def test_export_follows_the_users_own_symlink(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "reports" / "findings.md"
    real.parent.mkdir()
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    assert main(["export", "--db", str(db), str(link)]) == 0, capsys.readouterr().err
    assert link.is_symlink()
    assert real.read_text("utf-8").startswith("# ")


@pytest.mark.skipif(not ROOT, reason="planting another user's symlink needs root")
def test_problems_file_refuses_a_planted_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    bad = tmp_path / "nghi_quyet.csv"
    bad.write_text("not,the,layout\n1,2,3\n", "utf-8")
    problems = tmp_path / "problems.csv"
    _plant_link(problems, victim)
    code = main(["import", "--db", str(tmp_path / "x.duckdb"), "--lang", "en", str(bad)])
    capsys.readouterr()
    assert code == 2
    code = main(
        ["import", "--db", str(tmp_path / "x.duckdb"), "--lang", "en"]
        + ["--problems", str(problems), str(bad)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "symbolic link made by someone else" in err
    assert victim.read_text() == "keep me\n"


def test_a_db_symlink_is_one_store(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link.duckdb"
    link.symlink_to(db)
    assert main(["note", "--db", str(link), "--unit", "06745", "qua liên kết"]) == 0
    assert main(["note", "--db", str(db), "--unit", "06745", "trực tiếp"]) == 0
    capsys.readouterr()
    assert review_store_path(db).exists()
    assert not review_store_path(link).exists()
    assert main(["log", "--db", str(link), "--format", "json"]) == 0
    assert capsys.readouterr().out.count('"kind": "note"') == 2
    before = FileIdentity.of(db)
    assert main(["demo", "--db", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == db.resolve()
    assert FileIdentity.of(db) != before  # the real file was rebuilt


# -- item 10: the reviewers file ------------------------------------------------------------


def test_a_named_reviewers_file_that_is_missing_is_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NTM_REVIEW_REVIEWERS", "/nonexistent/reviewers.toml")
    code = main(["note", "--db", str(db), "--unit", "06745", "--lang", "en", "x"])
    err = capsys.readouterr().err
    assert code == 2
    assert "/nonexistent/reviewers.toml" in one_sentence(err) and "does not exist" in err
    assert not review_store_path(db).exists() or main(["log", "--db", str(db)]) == 0


@pytest.mark.parametrize(("mode", "refused"), [(0o664, True), (0o646, True), (0o644, False)])
def test_a_reviewers_file_others_may_write_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str], mode: int, refused: bool
) -> None:
    from tui.core.review.sqlite import current_login

    reviewers = db.parent / "reviewers.toml"
    reviewers.write_text(f'[reviewers.{current_login()}]\nunits = ["06745"]\n', "utf-8")
    reviewers.chmod(mode)
    code = main(["note", "--db", str(db), "--unit", "06745", "--lang", "en", "x"])
    err = capsys.readouterr().err
    if refused:
        assert code == 2
        assert "chmod 644" in one_sentence(err)
    else:
        assert code == 0, err


# -- item 17: full disk, read-only file system, no permission --------------------------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """mount(size) puts a tmpfs of that size at the returned folder; unmounted afterwards."""
    if not ROOT:
        pytest.skip("mounting a small file system needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = []

    def mount(size: str) -> Path:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for path in mounted:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


def _fill(folder: Path) -> None:
    """Fill the file system to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1 << 10, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)


def test_a_build_on_a_full_disk_says_so_and_keeps_the_old_file(
    db: Path, small_disk, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_disk("20m")
    live = folder / "demo.duckdb"
    shutil.copyfile(db, live)
    before = digest(live)
    code = main(["demo", "--db", str(live), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    sentence = one_sentence(err)
    assert str(live) in sentence and "the disk is full" in sentence
    assert digest(live) == before
    assert sorted(p.name for p in folder.iterdir()) == ["demo.duckdb", "demo.duckdb.lock"]


def test_an_import_on_a_full_disk_says_so_and_keeps_the_old_file(
    db: Path, small_disk, capsys: pytest.CaptureFixture[str]
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "unit"))
    from importkit import dataset_rows, small_dataset, write_csv_dir

    folder = small_disk("20m")
    live = folder / "demo.duckdb"
    shutil.copyfile(db, live)
    before = digest(live)
    source = db.parent / "csv"
    write_csv_dir(source, dataset_rows(small_dataset()))
    code = main(["import", "--db", str(live), "--lang", "en", str(source)])
    err = capsys.readouterr().err
    assert code == 2
    assert "the disk is full" in err and str(live) in err and "Traceback" not in err
    assert digest(live) == before


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "xlsx", "{out}/a.xlsx"],
        ["export", "--format", "csv", "{out}/a.csv"],
        ["export", "--format", "md", "{out}/a.md"],
        ["notice", "--unit", "06730", "{out}/a.docx"],
        ["template", "{out}/a.xlsx"],
    ],
    ids=["xlsx", "csv", "md", "notice", "template"],
)
@pytest.mark.parametrize("fault", ["full", "read-only"])
def test_writes_on_a_failing_disk_say_which_file_and_why(
    db: Path, small_disk, capsys: pytest.CaptureFixture[str], command: list[str], fault: str
) -> None:
    folder = small_disk("1m")
    target = Path(command[-1].format(out=folder))
    target.write_bytes(b"old content")
    if fault == "full":
        _fill(folder)
    else:
        _remount_read_only(folder)
    args = [a.format(out=folder) for a in command]
    code = main([args[0], "--db", str(db), "--lang", "en", *args[1:]])
    err = capsys.readouterr().err
    assert code == 2
    sentence = one_sentence(err)
    assert str(target) in sentence
    assert ("the disk is full" if fault == "full" else "read-only") in sentence
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        {target.name, "filler"} if fault == "full" else {target.name}
    )


def test_a_build_on_a_read_only_file_system_says_so(
    db: Path, small_disk, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_disk("20m")
    live = folder / "demo.duckdb"
    shutil.copyfile(db, live)
    (folder / "demo.duckdb.lock").touch()
    _remount_read_only(folder)
    before = digest(live)
    code = main(["demo", "--db", str(live), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(live) in one_sentence(err) and "read-only" in err
    assert digest(live) == before


@pytest.mark.parametrize("fmt", ["xlsx", "notice"])
def test_no_permission_names_the_file_and_the_cause(
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    # Root ignores file modes, so the refusal a reviewer meets in a folder that is not
    # theirs is simulated where it happens: creating the temporary beside the target.
    import tempfile

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    out = tmp_path / f"a.{'docx' if fmt == 'notice' else fmt}"
    out.write_bytes(b"old content")
    args = ["notice", "--unit", "06730"] if fmt == "notice" else ["export"]
    code = main([*args, "--db", str(db), "--lang", "en", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    sentence = one_sentence(err)
    assert str(out) in sentence and "permission" in sentence
    assert out.read_bytes() == b"old content"


def test_store_module_has_no_predictable_temporary_left(db: Path) -> None:
    from tui.core.data import rebuild

    assert not hasattr(store_module, "_temp_path") and not hasattr(rebuild, "_temp_path")
    assert hasattr(rebuild, "_temp_dir")  # the private folder made with mkdtemp
