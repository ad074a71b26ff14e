"""The floor for first-paint measurements: a Textual app that paints one label."""

from textual.app import App
from textual.widgets import Label


class Minimal(App):
    def compose(self):
        yield Label("READY-MINIMAL")


if __name__ == "__main__":
    Minimal().run()
