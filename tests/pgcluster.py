"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a Unix
socket in that folder, no TCP at all, peer authentication.

The tests run as root, and initdb refuses root: the server runs as a dedicated OS user
(ntmpg), created with useradd when missing, like the reviewers' OS users (ntmrev1,
ntmrev2) whose clients the peer-authentication tests run with runuser. The ident map
lets this root test process connect as the owner and as a few reviewer roles of its
own (ntmtui*, ntmcc*), so that in-process tests (the TUI's Pilot, the concurrency run)
need no other OS user; the attribution tests use the real OS users.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER_USER = "ntmpg"
REVIEWER_USERS = ("ntmrev1", "ntmrev2")
# Roles the root test process may connect as (ident map), for in-process tests.
ROOT_ROLES = (
    SERVER_USER,
    "ntmowner",
    "ntmtui1",
    "ntmtui2",
    *(f"ntmcc{i}" for i in range(1, 9)),
)
DATABASE = "ntm"
REPO = Path(__file__).resolve().parents[1]


def pg_bin() -> Path | None:
    """Debian keeps the server programs under /usr/lib/postgresql/<major>/bin."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def unavailable_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    if pg_bin() is None:
        return "the PostgreSQL server is not installed (bootstrap.py test installs it as root)"
    if os.geteuid() != 0:
        return "the PostgreSQL tests create OS users and run clients as them: they need root"
    if not shutil.which("runuser") or not shutil.which("useradd"):
        return "runuser and useradd are needed to run the server and clients as other users"
    return None


def ensure_os_user(name: str) -> None:
    """Create a system user if missing. Parallel test workers may race for the passwd
    lock or create the same user: retry, and accept a user that now exists."""
    for attempt in range(20):
        try:
            pwd.getpwnam(name)
            return
        except KeyError:
            pass
        done = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            capture_output=True,
            text=True,
        )
        if done.returncode == 0:
            return
        time.sleep(0.1 * (attempt + 1))
    pwd.getpwnam(name)  # KeyError names the user that could not be created


def as_user(user: str, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", user, "--", *argv], **kwargs)


class Cluster:
    def __init__(self, *, durable: bool = False) -> None:
        # Tests skip fsync (a throwaway cluster); a benchmark keeps it, like SQLite's
        # synchronous=FULL it is compared with.
        self.durable = durable
        self.bin = pg_bin()
        assert self.bin is not None
        # Outside pytest's 0700 tmp root: the other users must reach the socket.
        self.root = Path(tempfile.mkdtemp(prefix="ntm-pg-", dir="/tmp"))
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.port = 40000 + os.getpid() % 20000

    def url(self, user: str, database: str = DATABASE) -> str:
        return f"postgresql:///{database}?host={self.socket_dir}&port={self.port}&user={user}"

    def start(self) -> None:
        for user in (SERVER_USER, *REVIEWER_USERS):
            ensure_os_user(user)
        shutil.chown(self.root, SERVER_USER)  # the server writes its log here
        self.socket_dir.mkdir()
        self.socket_dir.chmod(0o755)
        shutil.chown(self.socket_dir, SERVER_USER)
        self.data.mkdir(mode=0o700)
        shutil.chown(self.data, SERVER_USER)
        as_user(
            SERVER_USER,
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                SERVER_USER,
                "-A",
                "peer",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
                "-N",
            ],
            check=True,
            capture_output=True,
        )
        ident = ["ntm /^(.*)$ \\1", *(f"ntm root {role}" for role in ROOT_ROLES)]
        (self.data / "pg_ident.conf").write_text("\n".join(ident) + "\n")
        (self.data / "pg_hba.conf").write_text("local all all peer map=ntm\n")
        options = f"-k {self.socket_dir} -c listen_addresses='' -p {self.port}"
        if not self.durable:
            options += " -c fsync=off"
        as_user(
            SERVER_USER,
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "-l",
                str(self.root / "server.log"),
                "start",
            ],
            check=True,
            capture_output=True,
        )
        self.psql("postgres", f"CREATE DATABASE {DATABASE}")

    def psql(self, database: str, command: str, user: str = SERVER_USER) -> str:
        done = as_user(
            SERVER_USER if user == SERVER_USER else user,
            [
                "psql",
                "-X",
                "-q",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-U",
                user,
                "-d",
                database,
                "-c",
                command,
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        return done.stdout

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            as_user(
                SERVER_USER,
                [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def fresh_database(self, name: str) -> str:
        """A new empty database; returns its name."""
        self.psql("postgres", f"CREATE DATABASE {name}")
        return name


def client_env() -> dict[str, str]:
    """Environment for the CLI run as another OS user: the system interpreter with the
    checkout and the virtualenv's packages on its path (the venv's own interpreter may
    live under /root, which other users cannot enter)."""
    import site

    paths = [str(REPO), *site.getsitepackages()]
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join(paths),
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
        "HOME": "/tmp",
        "XDG_CONFIG_HOME": "/nonexistent-ntm-config",
    }


def system_python() -> str:
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3", sys.executable):
        if Path(candidate).exists():
            return candidate
    return sys.executable


_REACHABLE: dict[str, str | None] = {}


def cli_unreachable_reason(user: str) -> str | None:
    """Why `user` cannot run this checkout's CLI (e.g. it lives under /root), or None."""
    if user not in _REACHABLE:
        probe = subprocess.run(
            ["runuser", "-u", user, "--", "env", "-i",
             *(f"{k}={v}" for k, v in client_env().items()),
             system_python(), "-c", "import psycopg, duckdb, tui.cli"],
            capture_output=True, text=True, timeout=120, cwd="/",
        )  # fmt: skip
        _REACHABLE[user] = (
            None
            if probe.returncode == 0
            else f"{user} cannot run this checkout's CLI: {probe.stderr.strip()[-200:]}"
        )
    return _REACHABLE[user]


def run_cli_as(user: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """The CLI as another OS user; skips the test (with the reason) when that user cannot
    reach this checkout or its virtualenv (a clone under /root, say)."""
    import pytest

    reason = cli_unreachable_reason(user)
    if reason is not None:
        pytest.skip(reason)
    return subprocess.run(
        [
            "runuser",
            "-u",
            user,
            "--",
            "env",
            "-i",
            *(f"{k}={v}" for k, v in client_env().items()),
            system_python(),
            "-m",
            "tui.cli",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
    )
