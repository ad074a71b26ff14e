"""Where notifications show: a bar above the footer that takes its lines from the list
instead of a toast drawn over it (a toast hid the rows the reviewer was deciding)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

SEVERITY_STYLES = {"error": "bold reverse red", "warning": "bold yellow", "information": ""}
SHOW_AT_MOST = 3


class MessageBar(Static):
    DEFAULT_CSS = """
    MessageBar { height: auto; max-height: 3; padding: 0 1; background: $panel; display: none; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._timer = None

    def show(self, notifications) -> None:
        """The newest live notifications, one line each; hidden when there are none."""
        live = [n for n in notifications if not n.has_expired][-SHOW_AT_MOST:]
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not live:
            self.display = False
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, notification in enumerate(live):
            if index:
                text.append("\n")
            text.append(str(notification.message), style=SEVERITY_STYLES[notification.severity])
        self.update(text)
        self.display = True
        soonest = min(n.time_left for n in live)
        self._timer = self.set_timer(max(soonest, 0.05), self._expire)

    def _expire(self) -> None:
        self._timer = None
        self.app._refresh_notifications()
