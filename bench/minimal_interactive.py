"""The floor for keystroke and drill-down measurements: the least a Textual app can do.

An Input whose every change rewrites one caption line (what the overview's filter does,
without a query or a table), and Enter pushing a screen with one label (what a drill-down
does, without a query or widgets). bench/national.py drives it exactly as it drives the
application, so the difference is the application's own work.
"""

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, Label, Static


class Opened(Screen):
    BINDINGS = [("escape", "app.pop_screen", "back")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self):
        yield Label(f"OPENED {self.text}  ·")


class MinimalInteractive(App):
    def compose(self):
        yield Label("READY-MINIMAL")
        yield Input(placeholder="Lọc theo tên")
        yield Static("", id="caption")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#caption", Static).update(f"Lọc: “{event.value}”" if event.value else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.push_screen(Opened(event.value))


if __name__ == "__main__":
    MinimalInteractive().run()
