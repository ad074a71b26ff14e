"""The whole argument parser: the top-level options and every command, in the order
`--help` lists them. Each command's own options live with its handler."""

from __future__ import annotations

import argparse

from ..core.lang.language import Lang, as_lang
from . import data, export, imports, output, review, trail
from .common import Parser, common_options
from .lang import LocalisedParser

# The order `ntm-review --help` lists the commands in.
COMMAND_ADDERS = (
    data.add_demo,
    data.add_init,
    output.add_check,
    output.add_compare,
    data.add_migrate,
    trail.add_log,
    review.add_decide,
    review.add_deadline,
    review.add_note,
    review.add_conclude,
    review.add_reopen,
    trail.add_followup,
    trail.add_store,
    data.add_backup,
    export.add_export,
    export.add_notice,
    imports.add_template,
    imports.add_import,
)


def build_parser(lang: Lang | str) -> argparse.ArgumentParser:
    lang = as_lang(lang)
    # --db, --store and --lang may be written before the command or after it, with one meaning.
    # The top-level parser holds the defaults; the subcommands' copies of the options
    # default to SUPPRESS, so a subcommand that is not given them leaves the value parsed
    # before the command alone (argparse otherwise writes the subparser's default over it).
    # Every parser made from here on (add_parser() makes the subcommands') speaks `lang`.
    LocalisedParser.lang = lang
    common = common_options(lang, argparse.SUPPRESS, argparse.SUPPRESS)
    top_level = common_options(lang, None, lang)

    parser = Parser(
        prog="ntm-review",
        parents=[top_level],
        description=lang.pick(
            "Thẩm tra nghị quyết của HĐND xã về xây dựng nông thôn mới và phân bổ kết dư ngân sách. "
            "Không có lệnh con: mở giao diện thẩm tra.",
            "Review commune council resolutions on new rural development and budget-surplus "
            "allocation. With no command: open the review interface.",
        ),
    )
    parser.lang = lang
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add in COMMAND_ADDERS:
        add(sub, common, lang)
    return parser
