"""What every drafter screen shares: the app, typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

ResultType = TypeVar("ResultType")


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
