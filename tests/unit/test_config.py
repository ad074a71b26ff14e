"""The reviewer's config.toml as a typed, frozen Config, checked once at start-up.

A value the program cannot use is one sentence in the UI language that names the key and
the file, with exit code 2, before anything is opened or written (tests/corpus/config).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.core import config as config_module
from tui.core.config import Config, ConfigError, config_value, read_config

CORPUS = Path(__file__).parents[1] / "corpus" / "config"

# corpus file → (the key the sentence names, Vietnamese words, English words)
BAD_VALUES = {
    "lang-unknown.toml": ("lang", 'hãy ghi "vi" hoặc "en"', 'write "vi" or "en"'),
    "money-unit-unknown.toml": ("money_unit", '"dong", "trieu" hoặc "ty"', '"trieu" or "ty"'),
    "export-dir-number.toml": ("export_dir", "giá trị 3 của khoá", "the value 3 of"),
    "reviewing-body-empty.toml": ("reviewing_body", "không rỗng", "not empty"),
    "keys-not-a-table.toml": ("keys", "mục [keys]", "a [keys] section"),
    "key-not-text.toml": ('keys."app.findings"', "tên một phím", "a key name"),
    "unknown-setting.toml": ("monye_unit", "không biết", "does not know"),
}


def config_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "ntm-review" / "config.toml"


def install(name: str) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CORPUS / name, path)
    return path


def write(text: str) -> Path:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the typed value ---------------------------------------------------------------------------


def test_a_good_file_is_a_typed_frozen_config(tmp_path: Path) -> None:
    path = write(
        'lang = "EN"\nmoney_unit = "ty"\nreviewing_body = "HĐND tỉnh Quảng Ninh"\n'
        'review_store = "/srv/ntm/reviews.sqlite"\nexport_dir = "~/bao-cao"\n'
        '[keys]\n"app.findings" = "g"\n'
    )
    config = read_config()
    assert config.path == path
    assert config.lang == "en" and config.lang.is_english
    assert config.money_unit == "ty"
    assert config.reviewing_body == "HĐND tỉnh Quảng Ninh"
    assert config.review_store == "/srv/ntm/reviews.sqlite"
    assert config.export_dir == Path("~/bao-cao").expanduser()
    assert dict(config.keys) == {"app.findings": "g"}
    assert config.problem is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.money_unit = "dong"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.keys["app.findings"] = "h"  # type: ignore[index]


def test_no_file_is_every_default() -> None:
    config = read_config()
    assert config == Config(path=config_file())


@pytest.mark.parametrize(
    "name", ["bad-table-header.toml", "value-missing-at-end.toml", "latin1-not-utf8.toml"]
)
def test_a_file_that_cannot_be_read_leaves_the_defaults_and_says_why(name: str) -> None:
    install(name)
    config = read_config()
    assert config.problem is not None and str(config_file()) in config.problem.message("en")
    assert dataclasses.replace(config, problem=None) == Config(path=config_file())


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
def test_each_bad_value_is_refused_with_the_key_and_the_file(name: str) -> None:
    path = install(name)
    key, vi, en = BAD_VALUES[name]
    with pytest.raises(ConfigError) as caught:
        read_config()
    assert caught.value.exit_code == 2
    for lang, words in (("vi", vi), ("en", en)):
        sentence = caught.value.message(lang)
        assert str(path) in sentence and key in sentence and words in sentence, sentence


# -- the command line: checked once, at start-up ------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_VALUES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_cli_stops_with_one_sentence_and_exit_2(demo_db: Path, capsys, name, lang) -> None:
    path = install(name)
    key, vi, en = BAD_VALUES[name]
    code = main(["check", "--db", str(demo_db), "--lang", lang])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""  # nothing of the command ran
    assert err.count("\n") == 1 and err.startswith("ntm-review: ")
    assert str(path) in err and key in err and (vi if lang == "vi" else en) in err
    assert "Traceback" not in err


def test_the_cli_refuses_before_writing_anything(tmp_path: Path, capsys) -> None:
    install("money-unit-unknown.toml")
    db = tmp_path / "new.duckdb"
    assert main(["demo", "--db", str(db)]) == 2
    assert not db.exists()
    assert "money_unit" in capsys.readouterr().err


def test_an_unreadable_file_does_not_stop_a_headless_command(demo_db: Path, capsys) -> None:
    """As before: a file that is not TOML leaves the defaults in force (the TUI says so)."""
    install("bad-table-header.toml")
    assert main(["check", "--db", str(demo_db), "--format", "json"]) in (0, 1)
    assert capsys.readouterr().err == ""


def test_an_unknown_binding_stops_the_tui_before_it_opens(
    demo_db: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    opened: list = []
    monkeypatch.setattr(tui.app, "run_app", lambda *args, **kwargs: opened.append(args) or 0)
    path = install("unknown-binding.toml")
    assert main(["--db", str(demo_db), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert opened == []
    assert str(path) in err and 'keys."app.findngs"' in err and "not a binding id" in err


def test_the_app_gets_the_typed_config_from_the_cli(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app

    given: list = []
    monkeypatch.setattr(tui.app, "run_app", lambda db, lang, config=None: given.append(config))
    write('money_unit = "ty"\n[keys]\n"app.findings" = "g"\n')
    main(["--db", str(demo_db)])
    [config] = given
    assert isinstance(config, Config) and config.money_unit == "ty"


def test_the_app_uses_the_config_it_is_given_without_reading_the_file(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app import NtmReviewApp

    def refuse(*args, **kwargs):
        raise AssertionError("the app read config.toml again")

    monkeypatch.setattr("tui.app.read_config", refuse)
    given = Config(path=config_file(), money_unit="trieu", export_dir=Path("/srv/out"))
    app = NtmReviewApp(demo_db, "vi", config=given)
    assert app.config is given
    assert app.export_dir() == Path("/srv/out")


# -- one parse per version of the file ----------------------------------------------------------


def test_config_value_parses_the_file_once_per_version(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    real = config_module._read_toml
    monkeypatch.setattr(config_module, "_read_toml", lambda p: reads.append(p) or real(p))
    write('reviewing_body = "HĐND tỉnh A"\n')
    assert config_value("reviewing_body") == "HĐND tỉnh A"
    assert config_value("reviewing_body") == "HĐND tỉnh A"
    assert config_value("lang") is None
    assert len(reads) == 1
    write('reviewing_body = "HĐND tỉnh Bắc Ninh"\n')  # another size: another version
    assert config_value("reviewing_body") == "HĐND tỉnh Bắc Ninh"
    assert len(reads) == 2


def test_config_value_never_raises_on_a_bad_file() -> None:
    """The core asks it deep inside a command; the CLI has refused a bad file already."""
    install("money-unit-unknown.toml")
    assert config_value("money_unit") == "trieu dong"
    install("latin1-not-utf8.toml")
    assert config_value("reviewing_body") is None


def test_the_installed_command_stops_with_one_sentence(demo_db: Path, tmp_path: Path) -> None:
    """The console script (tui.cli:main, the package's main) as a reviewer runs it."""
    import subprocess
    import sys

    script = shutil.which("ntm-review", path=str(Path(sys.executable).parent))
    assert script, "the ntm-review console script is installed beside the interpreter"
    path = install("lang-unknown.toml")
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [script, "check", "--db", str(demo_db), "--lang", "en"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        f'ntm-review: The config file {path}: the value "fr" of lang cannot be used; '
        'write "vi" or "en".\n'
    )


def test_one_command_parses_the_file_once(demo_db: Path, monkeypatch, capsys) -> None:
    """The language, the start-up check and the reviewing body of `check` all ask the
    config; the file is parsed once (it used to be read at every question)."""
    reads: list[Path] = []
    real = config_module._read_toml
    monkeypatch.setattr(config_module, "_read_toml", lambda p: reads.append(p) or real(p))
    write('lang = "en"\nreviewing_body = "HĐND tỉnh Quảng Ninh"\n')
    assert main(["check", "--db", str(demo_db)]) in (0, 1)
    assert "finding" in capsys.readouterr().out  # lang = "en" was read
    assert reads == [config_file()]
