"""What every drafter screen shares: the app, typed; and for dialogs, a compact form on a short
terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

ResultType = TypeVar("ResultType")

# Lines. Below this, dialogs draw their fields and buttons without boxes (app.tcss, `.-short`):
# on an 80x24 terminal the boxes took the lines a list or a paragraph needs.
SHORT_TERMINAL = 32


class _Drafter:
    app: Any

    @property
    def drafter(self) -> DrafterApp:
        """The app, with drafter's own attributes (the workspace, the autosave) typed."""
        from drafter.tui.app import DrafterApp

        app = self.app
        assert isinstance(app, DrafterApp)
        return app


class DrafterScreen(_Drafter, Screen[ResultType]):
    """A full screen of the drafter app."""

    PALETTE_NAME = "screen"
    HELP_PLACE = "This screen"


class DrafterModal(_Drafter, ModalScreen[ResultType]):
    """A dialog or form over another screen."""

    PALETTE_NAME = "dialog"
    HELP_PLACE = "This dialog"

    # Textual calls these for every class of the screen that defines them: a dialog's own
    # on_mount runs as well.
    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT_TERMINAL, "-short")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_TERMINAL, "-short")
