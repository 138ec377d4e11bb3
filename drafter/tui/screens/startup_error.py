"""What the author sees when a project cannot be opened: the problem in words, and choices.

No such folder, a bad project file, a lock held by another drafter, a folder that cannot be
written, a source missing or changed: each is a `DrafterError` with the file and place; the
choices are to open read-only (when the lock or the folder's permissions are the problem: the
project can still be read), to try again, or to quit. Never a traceback.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from drafter.errors import DrafterError, LockedError, NotWritableError
from drafter.tui.screens.base import DrafterModal, DrafterScreen

# Errors that stop writing but not reading: the project can be opened read-only instead.
READABLE_ANYWAY = (LockedError, NotWritableError)

HINTS = {
    "LockedError": "Another drafter has this project open. Close it there, or open this one "
    "read-only to look without changing anything.",
    "NotWritableError": "drafter cannot write in this folder (a read-only drive or share, or no "
    "permission), so it cannot save there. Open it read-only to read and render it, or copy the "
    "folder somewhere you can write.",
    "ConflictError": "The project file changed while it was being read. Try again.",
    "ReadError": "A source document could not be read. Put the file back in sources/, or "
    "re-import it from the command line: drafter import DIR FILE --as KIND.",
    "TemplateError": "The project's template could not be loaded. Check its name in "
    "drafter.toml, or list the templates with: drafter templates.",
}


class StartupErrorScreen(DrafterScreen[None]):
    PALETTE_NAME = "start-up"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "read_only", "Open read-only"),
        Binding("r", "retry", "Reload"),
        Binding("q,escape", "quit", "Quit"),
    ]

    def __init__(self, error: DrafterError) -> None:
        super().__init__()
        self.error = error
        self.can_read_only = isinstance(error, READABLE_ANYWAY)

    def compose(self) -> ComposeResult:
        hint = HINTS.get(
            type(self.error).__name__,
            "Check the folder and its drafter.toml; the message says which file and where.",
        )
        with Vertical(classes="dialog -error", id="startup-error"):
            yield Static(f"Cannot open the project: {self.error.title}", classes="dialog-title")
            yield Static(self.error.one_line(), classes="dialog-body", markup=False)
            yield Static(hint, classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.can_read_only:
                    yield Button("Open read-only (o)", id="read-only", variant="primary")
                yield Button("Reload (r)", id="retry")
                yield Button("Quit (q)", id="quit", variant="error")
        yield Footer()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "read-only":
                self.action_read_only()
            case "retry":
                self.action_retry()
            case _:
                self.action_quit()

    def action_quit(self) -> None:
        # The project was not opened: a script or a shell sees a failure.
        self.app.exit(return_code=self.error.exit_code, message=f"drafter: {self.error.one_line()}")

    def action_read_only(self) -> None:
        if self.can_read_only:
            self.app.pop_screen()
            self.drafter.open_project(read_only=True)

    def action_retry(self) -> None:
        self.app.pop_screen()
        self.drafter.open_project(read_only=self.drafter.want_read_only)


class SourceProblemsScreen(DrafterModal[None]):
    """Sources missing, changed on disk or unreadable: the project opens, the author decides.

    Re-import reads a changed file in sources/ again (links are rebuilt, everything written is
    kept by paragraph id); a missing file is picked again in the import screen.
    """

    PALETTE_NAME = "sources"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c,escape", "continue", "Continue"),
        Binding("i", "reimport", "Re-import"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -error", id="source-problems"):
            yield Static("Some sources are missing or changed", classes="dialog-title")
            yield Static(
                "\n".join(message for _, message in self.problems),
                classes="dialog-body",
                markup=False,
                id="source-problems-list",
            )
            yield Static(
                "The project is open and nothing you wrote is lost. Re-import reads changed "
                "files again and keeps your work by paragraph; a missing file is picked again.",
                classes="dialog-hint",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continue (c)", id="continue", variant="primary")
                yield Button("Re-import (i)", id="reimport")
                yield Button("Quit (q)", id="quit", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "continue":
                self.action_continue()
            case "reimport":
                self.action_reimport()
            case _:
                self.app.call_next(self.app.action_quit)

    def action_continue(self) -> None:
        self.dismiss(None)

    def action_reimport(self) -> None:
        app = self.drafter
        ws = app.ws
        if ws.read_only:
            app.refuse("sources")
            return
        missing = False
        done: list[str] = []
        for source_id, _ in self.problems:
            source = ws.project.source(source_id)
            if source is None:
                continue
            path = ws.folder / source.path
            if not path.is_file():
                missing = True
                continue
            try:
                app.import_source(path, source.kind, source.symbol or None)
            except DrafterError as exc:
                self.notify(exc.one_line(), severity="error", timeout=10)
                return
            done.append(source.symbol or source.id)
        self.dismiss(None)
        walk = app.walk_screen()
        if walk is not None:
            walk.reload_from_model()
        if done:
            self.notify("Re-imported " + ", ".join(done), timeout=5)
        if missing:
            app.action_import()
