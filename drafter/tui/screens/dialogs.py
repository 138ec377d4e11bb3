"""Modal dialogs: a file changed on disk, a yes/no question, an error.

The error modal takes a `DrafterError` and shows its title and message (with file and place);
nothing shows a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from drafter.errors import DrafterError


class ConflictScreen(ModalScreen[str]):
    """Returns "keep", "reload" or "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('keep')", "Keep mine"),
        Binding("r", "choose('reload')", "Reload theirs"),
        Binding("escape,c", "choose('cancel')", "Cancel"),
    ]

    def __init__(self, file: Path, recovery: Path | None = None, unreadable: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.file = file
        self.recovery = recovery
        self.unreadable = unreadable  # why the file on disk cannot be read, "" when it can

    def compose(self) -> ComposeResult:
        kept = (
            f"What you wrote since the last save is in {self.recovery}.\n\n"
            if self.recovery
            else ""
        )
        if self.unreadable:
            keep = (
                "Keep mine: write your version over it; the file now on disk is kept in "
                ".drafter/backups/ (its other changes are not merged).\n"
                "Reload: not possible until the file on disk is fixed.\n"
            )
            title = "The project file on disk cannot be read"
            why = (
                f"{self.file} was changed by another program and cannot be read now "
                f"({self.unreadable}). A `git pull` or merge may have left conflict markers. "
                "Nothing has been overwritten.\n\n"
            )
        else:
            keep = (
                "Keep mine: load the other version, put your changed paragraphs on top, save.\n"
                "Reload: load the other version; your unsaved text stays in the recovery file.\n"
            )
            title = "The project file changed on disk"
            why = (
                f"{self.file} was changed by another program (git, another editor) since it "
                "was opened. Nothing has been overwritten.\n\n"
            )
        with Vertical(classes="dialog -error"):
            yield Static(title, classes="dialog-title", markup=False)
            yield Static(
                why + kept + keep + "Cancel: keep editing; saving waits until you decide (ctrl+s).",
                classes="dialog-body",
                markup=False,
                id="conflict-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (k)", id="keep", variant="primary")
                yield Button("Reload (r)", id="reload", disabled=bool(self.unreadable))
                yield Button("Cancel (c)", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        if choice == "reload" and self.unreadable:
            self.notify("The file on disk cannot be read: fix it first, or keep yours", timeout=5)
            return
        self.dismiss(choice)


class AskScreen(ModalScreen[str]):
    """One line of input: returns it, or "" when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.placeholder = placeholder
        self.value = value  # what the line holds at first (an answer given before)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -small"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="ask-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss("")


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("escape,n", "answer(False)", "No"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ErrorScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "dismiss", "Close")]

    def __init__(self, error: DrafterError) -> None:
        super().__init__(classes="dialog-screen")
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error"):
            yield Static(self.error.title, classes="dialog-title", markup=False)
            yield Static(self.error.one_line(), classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")

    @on(Button.Pressed)
    def _pressed(self) -> None:
        self.dismiss(None)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
