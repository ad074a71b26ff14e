"""argparse in the UI language: its usage line, section titles, -h help and error messages.

argparse formats its own sentences in English (through gettext, for which Python ships no
catalogue). The parser class here gives them in Vietnamese when the UI is Vietnamese:
the help texts by setting argparse's titles and prefix, the errors by recognising each of
argparse's message templates (ARGPARSE_VI, keyed by argparse's own msgid) in the sentence
argparse built and filling the Vietnamese template with the same values.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys

from ..core.lang.language import VI, Lang, as_lang

# argparse's msgid (Python 3.11 to 3.13) → the Vietnamese sentence, same placeholders.
ARGPARSE_VI: dict[str, str] = {
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn %(value)r không hợp lệ (chọn một trong: %(choices)s)"
    ),
    "unrecognized arguments: %s": "không hiểu các tham số: %s",
    "not allowed with argument %s": "không dùng cùng được với tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ ràng: có thể là %(matches)s"
    ),
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần %(type)s)",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
# The type names argparse puts into "invalid %(type)s value".
TYPE_NAMES_VI = {"int": "một số nguyên", "float": "một số", "Path": "một đường dẫn"}

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _pattern(msgid: str) -> re.Pattern[str]:
    parts, last, unnamed = [], 0, 0
    for match in _PLACEHOLDER.finditer(msgid):
        parts.append(re.escape(msgid[last : match.start()]))
        name = match.group(1) or f"_{unnamed}"
        unnamed += match.group(1) is None
        parts.append(f"(?P<{name}>.*?)" if name != "message" else "(?P<message>.*)")
        last = match.end()
    parts.append(re.escape(msgid[last:]))
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


_PATTERNS = [(_pattern(msgid), vi) for msgid, vi in ARGPARSE_VI.items()]


def _fill(template: str, values: dict[str, str]) -> str:
    unnamed = iter(v for k, v in sorted(values.items()) if k.startswith("_"))
    # The captured values are already formatted (quoted, joined): insert them as they are.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)] if m.group(1) else next(unnamed), template)


def translate_error(message: str, lang: Lang | str) -> str:
    """argparse's English error sentence in the UI language (unchanged for English, and
    for a sentence that is already ours, such as a type check's ArgumentTypeError)."""
    lang = as_lang(lang)
    if lang.is_english:
        return message
    for pattern, vi in _PATTERNS:
        found = pattern.match(message)
        if found is None:
            continue
        values = found.groupdict()
        if "message" in values:
            values["message"] = translate_error(values["message"], lang)
        if "type" in values:
            values["type"] = TYPE_NAMES_VI.get(values["type"], values["type"])
        return _fill(vi, values)
    return message


class LocalisedFormatter(argparse.HelpFormatter):
    """The usage line's prefix in the UI language."""

    def __init__(self, *args, owner: LocalisedParser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        if prefix is None:
            prefix = self.owner.lang.pick("cách dùng: ", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class LocalisedParser(argparse.ArgumentParser):
    """argparse with its own words in the UI language, and a usage error as one sentence
    in the UI language with exit code 2 (never argparse's "usage: … error: …")."""

    # Set by tui.cli.parser.build_parser before any parser is made, so the subparsers
    # that add_parser() creates speak the same language.
    lang: Lang = VI

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.formatter_class = functools.partial(LocalisedFormatter, owner=self)

    def format_help(self) -> str:
        self._positionals.title = self.lang.pick("tham số vị trí", "positional arguments")
        self._optionals.title = self.lang.pick("tùy chọn", "options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = self.lang.pick(
                    "in hướng dẫn này rồi thoát", "show this help message and exit"
                )
        return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        from ..core.safe import one_line

        lead = self.lang.pick("Tham số không hợp lệ", "Invalid arguments")
        hint = self.lang.pick("Xem hướng dẫn: ntm-review --help", "See: ntm-review --help")
        sentence = translate_error(message, self.lang).rstrip(".")
        # The message quotes what was typed: one safe line.
        sys.stderr.write(f"{self.prog}: {lead}: {one_line(sentence)}. {hint}\n")
        raise SystemExit(2)
