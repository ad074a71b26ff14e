#!/usr/bin/env python3
"""Set up ntm-review in a local virtual environment, then run it or its tests.

    python3 bootstrap.py            # install, then open the TUI on the demo data
    python3 bootstrap.py test       # install with test extras, then run the whole suite
    python3 bootstrap.py -- ARGS    # install, then run `ntm-review ARGS`

Only the standard library is used here: this runs on a fresh machine with Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, **kwargs)
    if result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(map(str, cmd))}")
        raise SystemExit(result.returncode)


def ensure_venv() -> None:
    if PYTHON.exists():
        return
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before any install
        say(f"Python 3.11 or newer is required; this is {sys.version.split()[0]}.")
        raise SystemExit(2)
    say("creating .venv")
    made = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
    if made.returncode != 0 or not (BIN / "pip").exists():
        # Debian's python3 without python3-venv has no ensurepip: make a bare venv and
        # let the system pip install into it.
        shutil.rmtree(VENV, ignore_errors=True)
        run([sys.executable, "-m", "venv", "--without-pip", str(VENV)])


def pip_install(extras: str) -> None:
    spec = f".[{extras}]" if extras else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".bootstrap-{extras or 'base'}"
    # An install with the test extras also satisfies a plain one.
    for done in (stamp, VENV / ".bootstrap-test"):
        if done.exists() and done.read_text() == digest:
            return
    say(f"installing ntm-review{f' [{extras}]' if extras else ''} into .venv (first run only)")
    if (BIN / "pip").exists():
        base = [str(PYTHON), "-m", "pip"]
    else:
        base = [sys.executable, "-m", "pip", "--python", str(PYTHON)]
    run([*base, "install", "--quiet", "--disable-pip-version-check", "-e", spec], cwd=ROOT)
    stamp.write_text(digest)


def ensure_test_tools() -> None:
    """Programs some tests drive, installed where we may (CI runs as root with apt-get).

    tmux: the end-to-end tests run the installed app in a real terminal. LibreOffice (CI
    only, it is large): the exported workbook and the notice are opened and converted by it.
    PostgreSQL (Debian's server package): the shared review store's tests start a
    throwaway cluster from its initdb and pg_ctl (/usr/lib/postgresql/<major>/bin).
    """
    wanted = []
    if not shutil.which("tmux"):
        wanted.append("tmux")
    if not _postgres_server_installed():
        wanted.append("postgresql")
    if os.environ.get("CI") and not shutil.which("soffice"):
        wanted += ["libreoffice-writer-nogui", "libreoffice-calc-nogui"]
    if wanted and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {', '.join(wanted)} for the tests")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted],
            check=False,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    if not shutil.which("tmux"):
        say(
            "tmux is not installed: the end-to-end tests will be skipped (install tmux to run them)."
        )
    if not _postgres_server_installed():
        say(
            "the PostgreSQL server is not installed: the shared review store's tests will be "
            "skipped (install the postgresql package to run them)."
        )


def _postgres_server_installed() -> bool:
    import glob

    return any(
        os.path.exists(os.path.join(folder, "pg_ctl"))
        for folder in glob.glob("/usr/lib/postgresql/*/bin")
    )


def main(argv: list[str]) -> int:
    ensure_venv()
    if argv[:1] == ["test"]:
        pip_install("test")
        ensure_test_tools()
        env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
        cmd = [str(PYTHON), "-m", "pytest", *argv[1:]]
        say(" ".join(cmd[2:]))
        return subprocess.run(cmd, cwd=ROOT, env=env).returncode
    pip_install("")
    args = argv[1:] if argv[:1] == ["--"] else argv
    return subprocess.run([str(BIN / "ntm-review"), *args]).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
