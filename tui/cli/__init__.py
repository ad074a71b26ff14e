"""The ntm-review command line. Every command but the TUI is headless.

Exit codes: 0 success (for `check`: no error-severity finding), 1 `check` found at least
one error or `followup` found a finding marked corrected that still occurs or a finding
past its deadline without proof (cron mails it), 2 the input
could not be read, an argument is wrong, or the review store refused (out of scope, reason
missing, unit not finished), 3 an internal error (its traceback is in the crash log the
message names). Errors are one sentence in the UI language, never a traceback.

The package: common.py (what every command shares), lang.py (argparse in the UI
language), parser.py (the whole parser), and one module per group of commands: data.py
(demo, init, migrate, backup), output.py (check, compare), export.py (export, notice),
imports.py (template, import), review.py (decide, deadline, note, conclude, reopen),
trail.py (log, followup, store). This module only starts the program and dispatches;
nothing in the package imports it back.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..core.config import Config, read_config
from ..core.errors import NtmError
from ..core.lang.i18n import t
from ..core.lang.language import Lang, as_lang
from ..core.paths import default_db_path, resolved_db_path
from ..core.review.sqlite import ReviewError
from . import data, export, imports, output, review, trail
from .common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, lang_from_argv, print_error
from .parser import build_parser

__all__ = ["COMMANDS", "build_parser", "main"]

# The handler of each command: handler(args, db_path, lang) -> exit code.
COMMANDS = {
    **data.COMMANDS,
    **output.COMMANDS,
    **trail.COMMANDS,
    **review.COMMANDS,
    **export.COMMANDS,
    **imports.COMMANDS,
}

# The commands whose text output is a table of data: under a terminal encoding that
# cannot hold Vietnamese they refuse (with one sentence) rather than print it without
# its tone marks, which can change what a name or a finding says. None is the TUI.
TABLE_COMMANDS = frozenset({None, "check", "compare", "log", "followup"})


class _AsciiTerminal:
    """A text stream whose encoding cannot hold Vietnamese: ntm-review's own sentences
    (errors, confirmations, --help) are written transliterated, never as a traceback or
    as backslash escapes. Bytes written to .buffer (json, csv) pass untouched."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from ..core.glyphs import transliterate

        return self._stream.write(transliterate(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    from ..core.glyphs import stream_shows_vietnamese

    saved = sys.stdout, sys.stderr
    if not stream_shows_vietnamese(sys.stdout):
        sys.stdout = _AsciiTerminal(sys.stdout)
    if not stream_shows_vietnamese(sys.stderr):
        sys.stderr = _AsciiTerminal(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = lang_from_argv(argv)
    args = build_parser(lang).parse_args(argv)
    lang = as_lang(args.lang)
    if (
        isinstance(sys.stdout, _AsciiTerminal)
        and args.command in TABLE_COMMANDS
        and getattr(args, "format", "table") == "table"
        and not getattr(args, "verify", False)
    ):
        print_error(t("terminal_not_utf8", lang, encoding=sys.stdout.encoding))
        return EXIT_INPUT
    # A --db that is a symlink means the file it points to (one store, one review store).
    db_path: Path = resolved_db_path(args.db if args.db is not None else default_db_path())
    from ..core.review.service import use_store

    use_store(getattr(args, "store", None))
    try:
        # The reviewer's config.toml, checked once: a value the program cannot use stops it
        # here with one sentence (ConfigError), before anything is opened or written.
        config = read_config()
        if args.command is None:
            explicit = args.db is not None or _db_from_env()
            return _cmd_tui(db_path, lang, config, explicit=explicit)
        handler = COMMANDS[args.command]
        return handler(args, db_path, lang)
    except NtmError as err:
        print_error(err.message(lang))
        return err.exit_code
    except ReviewError as err:
        # Refusals of the review store (out of scope, reason required, unfinished unit,
        # unwritable or damaged store): one sentence, like every bad input.
        print_error(err.message(lang))
        return EXIT_INPUT
    except KeyboardInterrupt:
        print_error(t("interrupted", lang))
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback
        from ..core.crashlog import crash_log_path, write_crash_log
        from ..text import tr

        path = write_crash_log(exc) or crash_log_path()
        print_error(tr("internal_error", lang, path=path))
        return EXIT_INTERNAL


def _db_from_env() -> bool:
    from ..core.paths import DB_ENV_VAR

    return bool(os.environ.get(DB_ENV_VAR))


def _cmd_tui(db_path: Path, lang: Lang, config: Config, *, explicit: bool = False) -> int:
    """Open the TUI. Only the default path, on the first run, gets the demo data built
    (and the reviewer is told where before the screen opens). A path the reviewer named
    (--db or NTM_REVIEW_DB) that does not exist opens the error screen instead: on a shared
    server a typo must not give one reviewer a private store nobody else sees."""
    from ..keys import ACTIONS  # the binding ids live with the TUI (they import textual)

    config.check_binding_ids(frozenset(ACTIONS))
    if not explicit and not db_path.exists() and not db_path.is_symlink():
        from ..core.data.build import build_demo_database

        sys.stderr.write(f"ntm-review: {t('first_run_demo', lang, path=db_path)}\n")
        sys.stderr.flush()
        build_demo_database(db_path)
    from ..app import run_app

    return run_app(db_path, lang, config=config)
