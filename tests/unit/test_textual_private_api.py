"""The private Textual names ntm-review relies on, with the signatures it relies on.

pyproject.toml allows Textual `>=8.2.8,<8.3`: a patch release may come in, a minor one may
not. Textual keeps no promise about these names from one release to the next, so this test
is what says whether a new Textual still fits: it fails, naming the name, when one is gone
or takes other arguments. Where each is used:

- tui/widgets/footer.py, tui/screens/help.py: Screen._modal_binding_chain,
  App._check_action_state, textual.widgets._footer (FooterKey, FooterLabel),
  Footer._bindings_ready and Footer.bindings_changed;
- tui/keys.py: DOMNode._bindings (read and replaced);
- tui/widgets/review_table.py: textual.widgets._data_table (CellType, RowKey) and the
  DataTable overrides _scroll_cursor_into_view, _update_dimensions, _clear_caches;
- tui/app.py, tui/widgets/message_bar.py: App._handle_exception, App._refresh_notifications,
  App._notifications, App._return_code, textual.widgets._toast.ToastRack.show.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
import textual
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.notifications import Notifications
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"


def params(function) -> list[tuple[str, object]]:
    """The parameters after self: (name, default), in order."""
    found = inspect.signature(function).parameters.values()
    return [(p.name, p.default) for p in found if p.name != "self"]


def test_the_installed_textual_is_inside_the_pinned_range() -> None:
    """The pin and the installed version agree: the test below checked what is installed."""
    pin = re.search(r'"textual>=([\d.]+),<([\d.]+)"', PYPROJECT.read_text(encoding="utf-8"))
    assert pin, "textual is pinned as a >=x.y.z,<x.y range in pyproject.toml"

    def version(text: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", text)[:3])

    assert version(pin.group(1)) <= version(textual.__version__) < version(pin.group(2))


def test_params_reads_a_signature() -> None:
    """The helper can tell two signatures apart (so the checks below can fail)."""

    def one(self, animate: bool = False) -> None: ...

    def other(self, animate: bool = True, extra: int = 0) -> None: ...

    assert params(one) == [("animate", False)]
    assert params(one) != params(other)


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("textual.widgets._footer", ("FooterKey", "FooterLabel")),
        ("textual.widgets._data_table", ("CellType", "RowKey")),
        ("textual.widgets._toast", ("ToastRack",)),
    ],
)
def test_private_modules_still_hold_what_we_import(module: str, names: tuple[str, ...]) -> None:
    found = importlib.import_module(module)
    for name in names:
        assert hasattr(found, name), f"{module}.{name}"


def test_footer_key_and_label_take_the_arguments_footer_py_passes() -> None:
    from textual.widgets._footer import FooterKey, FooterLabel

    names = [name for name, _ in params(FooterKey.__init__)]
    assert names[:4] == ["key", "key_display", "description", "action"]
    assert {"disabled", "tooltip", "classes"} <= set(names)
    assert hasattr(FooterKey, "compact")  # set_reactive(FooterKey.compact, ...)
    assert "classes" in [name for name, _ in params(FooterLabel.__init__)]
    assert issubclass(FooterLabel, Static)


def test_the_binding_chain_is_a_property_of_node_and_bindings_pairs() -> None:
    chain = inspect.getattr_static(Screen, "_modal_binding_chain")
    assert isinstance(chain, property)

    class Probe(App):
        BINDINGS = [Binding("z", "noop", "probe")]

    async def run() -> None:
        app = Probe()
        async with app.run_test():
            pairs = app.screen._modal_binding_chain
            assert pairs, "an empty chain"
            for node, bindings in pairs:
                assert isinstance(node, DOMNode)
                assert isinstance(bindings, BindingsMap)
                for key, binding in bindings:  # footer.py and help.py iterate it so
                    assert isinstance(key, str) and isinstance(binding, Binding)
            assert any(node is app for node, _ in pairs)
            # footer.py and help.py ask whether an action is shown, enabled or hidden.
            assert app._check_action_state("noop", app) in (True, False, None)

    import asyncio

    asyncio.run(run())


@pytest.mark.parametrize(
    ("owner", "name", "expected"),
    [
        (
            App,
            "_check_action_state",
            [("action", inspect.Parameter.empty), ("default_namespace", inspect.Parameter.empty)],
        ),
        (App, "_handle_exception", [("error", inspect.Parameter.empty)]),
        (App, "_refresh_notifications", []),
        (DataTable, "_scroll_cursor_into_view", [("animate", False)]),
        (DataTable, "_update_dimensions", [("new_rows", inspect.Parameter.empty)]),
        (DataTable, "_clear_caches", []),
        (Footer, "bindings_changed", [("screen", inspect.Parameter.empty)]),
    ],
)
def test_private_methods_keep_their_signatures(owner, name, expected) -> None:
    method = getattr(owner, name, None)
    assert callable(method), f"{owner.__name__}.{name} is gone"
    assert params(method) == expected, f"{owner.__name__}.{name}{inspect.signature(method)}"


def test_toast_rack_shows_a_notifications_collection() -> None:
    from textual.widgets._toast import ToastRack

    assert params(ToastRack.show) == [("notifications", inspect.Parameter.empty)]


def test_private_attributes_the_app_and_footer_read_and_write() -> None:
    app = App()
    assert isinstance(app._notifications, Notifications)  # app.py, message_bar.py, tests
    assert hasattr(app, "_return_code")  # app.py sets it before exit()
    assert isinstance(app._bindings, BindingsMap)  # keys.localise reads and replaces it
    assert isinstance(Footer()._bindings_ready, bool)  # footer.py's on_resize reads it


def test_a_nodes_bindings_can_be_replaced_as_keys_py_does() -> None:
    node = DOMNode()
    node._bindings = BindingsMap.from_keys({"z": [Binding("z", "noop", "probe")]})
    assert [key for key, _ in node._bindings] == ["z"]
