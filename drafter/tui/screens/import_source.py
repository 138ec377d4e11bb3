"""Import a document: pick a file, say what kind it is, and see what drafter found in it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Select, Static

from drafter.documents.model import DocumentKind
from drafter.documents.readers import suffixes
from drafter.errors import DrafterError
from drafter.project.workspace import ListOfIssuesEntries
from drafter.tui.screens.base import DrafterModal

if TYPE_CHECKING:
    from drafter.project.workspace import ImportReport

KIND_LABELS = {
    DocumentKind.CONCLUDING_OBSERVATIONS: "Concluding observations",
    DocumentKind.STATE_REPORT: "State report (or follow-up reply)",
    DocumentKind.LIST_OF_ISSUES: "List of issues",
    DocumentKind.COMMITTEE_LETTER: "Committee letter",
    DocumentKind.COMPILATION: "Compilation",
    DocumentKind.EVIDENCE: "Evidence (your own material)",
}

SUFFIXES = frozenset(suffixes())  # the formats drafter reads (drafter/documents/readers.py)


class SourceFiles(DirectoryTree):
    """Folders and the files drafter can read."""

    def filter_paths(self, paths):  # type: ignore[no-untyped-def]
        return [p for p in paths if p.is_dir() or p.suffix.lower() in SUFFIXES]


class ImportScreen(DrafterModal[None]):
    PALETTE_NAME = "import"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "run_import", "Import"),
    ]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.start = start
        self.chosen: Path | None = None

    def compose(self) -> ComposeResult:
        start = self.start or self.drafter.ws.folder.parent
        with Vertical(classes="dialog -wide", id="import"):
            yield Static("Import a document", classes="dialog-title")
            yield SourceFiles(start, id="import-tree")
            yield Input(placeholder="or type a file path", id="import-path")
            with Horizontal(classes="form-row"):
                yield Select(
                    [(label, kind.value) for kind, label in KIND_LABELS.items()],
                    prompt="Kind",
                    id="import-kind",
                )
                yield Input(placeholder="Symbol (optional)", id="import-symbol")
            yield Static("", id="import-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Import (ctrl+s)", id="import-go", variant="primary")
                yield Button("Close (esc)", id="import-close")

    @on(DirectoryTree.FileSelected)
    def _file(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)

    @on(Button.Pressed, "#import-go")
    def _go(self) -> None:
        self.action_run_import()

    @on(Button.Pressed, "#import-close")
    def _close(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_run_import(self) -> None:
        raw = self.query_one("#import-path", Input).value.strip()
        kind = self.query_one("#import-kind", Select).value
        symbol = self.query_one("#import-symbol", Input).value.strip() or None
        result = self.query_one("#import-result", Static)
        if not raw:
            result.update("Pick a file first.")
            return
        if not isinstance(kind, str):
            result.update("Say what kind of document it is.")
            return
        if self.drafter.ws.read_only:
            result.update("The project is open read-only: nothing can be imported.")
            return
        result.update(f"Importing {Path(raw).name} …")
        self.drafter.autosave.save_now()
        self._import(Path(raw).expanduser(), kind, symbol)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path, kind: str, symbol: str | None, set_aside: bool = False) -> None:
        app = self.drafter
        try:
            report = app.import_source(path, kind, symbol, set_aside_list_of_issues=set_aside)
        except ListOfIssuesEntries as exc:
            app.call_from_thread(self._ask_set_aside, exc, path, kind, symbol)
            return
        except DrafterError as exc:
            app.call_from_thread(self._show_error, exc)
            return
        except OSError as exc:
            app.call_from_thread(self._show_error, DrafterError(str(exc), path=path))
            return
        app.call_from_thread(self._show_report, report)

    def _ask_set_aside(
        self, exc: ListOfIssuesEntries, path: Path, kind: str, symbol: str | None
    ) -> None:
        """The first CO, over entries written on a list of issues: they would sit under
        unrelated paragraphs. Set them aside (LOI-<number>), or import nothing."""
        from drafter.project.workspace import SET_ASIDE_PREFIX
        from drafter.tui.screens.dialogs import ConfirmScreen

        self._show_error(exc)
        n = len(exc.paragraphs)
        shown = ", ".join(exc.paragraphs[:10]) + (" …" if n > 10 else "")

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one("#import-result", Static).update(f"Importing {path.name} …")
                self._import(path, kind, symbol, set_aside=True)

        self.app.push_screen(
            ConfirmScreen(
                "Entries written on the list of issues",
                f"{n} entr{'y was' if n == 1 else 'ies were'} written on the list of issues "
                f"({shown}). The concluding observations number their paragraphs otherwise: "
                "imported as they are, those words would sit under unrelated paragraphs.\n\n"
                f"Set them aside as {SET_ASIDE_PREFIX}<number> (kept, listed apart, not "
                "printed) and import?",
                yes="Set aside and import",
                no="Import nothing",
            ),
            answered,
        )

    def _show_error(self, exc: DrafterError) -> None:
        self.query_one("#import-result", Static).update(f"Not imported: {exc.one_line()}")

    def _show_report(self, report: ImportReport) -> None:
        lines = [
            f"{'Re-imported' if report.replaced else 'Imported'} {report.source_id} as "
            f"{report.kind}: {report.paragraphs} paragraphs, {report.links} explicit links."
        ]
        if report.unplaced:
            lines.append("No longer placed (kept, not dropped): " + ", ".join(report.unplaced))
        lines.extend(report.messages)
        self.query_one("#import-result", Static).update("\n".join(lines))
        walk = self.drafter.walk_screen()
        if walk is not None:
            walk.reload_from_model()
