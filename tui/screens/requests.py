"""What a screen asks of the app: Textual messages that bubble from the screen to the
app, which records, navigates and confirms. Screens never call the app's methods, and
no screen module imports tui.app (tests/unit/test_screen_imports.py)."""

from __future__ import annotations

from textual.message import Message


class LoadFailed(Message):
    """A screen's query failed: the app shows why (the error screen for a data error)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class DecisionRequested(Message):
    """A decision key on a finding. seen: the decision the screen showed (None: none), or
    False when the screen shows none; finding None: no finding selected."""

    def __init__(self, finding, decision: str, seen) -> None:
        super().__init__()
        self.finding = finding
        self.decision = decision
        self.seen = seen


class UndoRequested(Message):
    """`u`: withdraw this session's last decision."""


class NoteRequested(Message):
    """A note on the selected entity: (kind, id, label), or None when nothing is selected;
    finding: the selected finding, if any."""

    def __init__(self, entity: tuple[str, str, str] | None, finding) -> None:
        super().__init__()
        self.entity = entity
        self.finding = finding


class LogRequested(Message):
    """The log of what is selected (a finding, an entity) or of the screen's scope."""

    def __init__(self, finding, entity: tuple[str, str, str] | None, scope: dict) -> None:
        super().__init__()
        self.finding = finding
        self.entity = entity
        self.scope = scope


class ConcludeRequested(Message):
    def __init__(self, unit_code: str) -> None:
        super().__init__()
        self.unit_code = unit_code


class ReopenRequested(Message):
    def __init__(self, unit_code: str) -> None:
        super().__init__()
        self.unit_code = unit_code


class OpenUnit(Message):
    def __init__(self, unit_code: str, tab: str = "tab-resolutions") -> None:
        super().__init__()
        self.unit_code = unit_code
        self.tab = tab


class OpenResolution(Message):
    def __init__(self, resolution_id: str) -> None:
        super().__init__()
        self.resolution_id = resolution_id


class JumpToFinding(Message):
    """Go to what a finding is about (its resolution, surplus line or unit)."""

    def __init__(self, finding) -> None:
        super().__init__()
        self.finding = finding


class DetailRequested(Message):
    """The selected row in full (`i`, or Enter on a row that opens nothing else)."""


class RetryOpen(Message):
    """The error screen's retry key: open the data again."""
