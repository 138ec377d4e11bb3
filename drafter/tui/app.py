"""The drafter TUI: opens a project's Workspace and hands it to the screens.

The App owns three things: the Workspace, the autosave, and the start-up and shutdown paths
(signals included). Everything else lives in screens/ and widgets/; styles in app.tcss.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from drafter.errors import DrafterError, LockedError
from drafter.tui.autosave import Autosave, SaveState, describe
from drafter.tui.commands import DrafterCommands
from drafter.tui.settings import Settings

if TYPE_CHECKING:
    from drafter.project.report.words import WordCount
    from drafter.project.workspace import Workspace
    from drafter.tui.screens.walk import WalkScreen


def source_problems(ws: Workspace) -> list[tuple[str, str]]:
    """(source id, message) for every source missing, changed on disk or unreadable."""
    from drafter.project.check import source_findings

    out: list[tuple[str, str]] = []
    try:
        problems = source_findings(ws)
    except (DrafterError, OSError):
        return out  # the check is a courtesy at start-up; `drafter check` reports the details
    for problem in problems:
        if problem.kind.startswith("source-"):
            source_id = next(
                (s.id for s in ws.project.sources if f"{s.id!r}" in problem.message), ""
            )
            out.append((source_id, problem.message))
    return out


class DrafterApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS: ClassVar = App.COMMANDS | {DrafterCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("f2", "overview", "Overview"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
    ]

    def __init__(
        self,
        path: Path,
        *,
        paragraph: str | None = None,
        read_only: bool = False,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.start_paragraph = paragraph
        self.want_read_only = read_only
        self.settings = settings or Settings.from_env()
        # An unknown theme name in the environment falls back to the default, not a traceback.
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self._ws: Workspace | None = None
        self._autosave: Autosave | None = None
        self._ui_thread = threading.get_ident()
        self._conflict_shown = False
        self._closed = False
        self._in_terminal = False
        self._source_problems: list[tuple[str, str]] = []
        self.report_words: WordCount | None = None  # the one word count, after each save
        self._watchdog: threading.Timer | None = None

    # --- the workspace ------------------------------------------------------------------------

    @property
    def ws(self) -> Workspace:
        assert self._ws is not None, "no project open"
        return self._ws

    @property
    def autosave(self) -> Autosave:
        assert self._autosave is not None, "no project open"
        return self._autosave

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        self._install_signal_handlers()
        self.open_project(read_only=self.want_read_only)

    def open_project(self, *, read_only: bool) -> None:
        """Open the workspace in a worker thread; the first frame shows it opening.

        Reading the project and its sources, and importing the ranking library, takes a few
        hundred milliseconds; the terminal should not stay blank meanwhile.
        """
        from drafter.tui.screens.opening import OpeningScreen

        opening = OpeningScreen(self.path)
        self.push_screen(opening)

        def start() -> None:
            self.run_worker(
                partial(self._open_in_thread, read_only), thread=True, group="open", name="open"
            )

        # Draw the first frame before the import starts competing with it for the interpreter.
        opening.call_after_refresh(start)

    def _open_in_thread(self, read_only: bool) -> None:
        try:
            from drafter.project.workspace import Workspace

            ws = Workspace.open(self.path, read_only=read_only)
            self._source_problems = source_problems(ws)
        except DrafterError as exc:
            self.call_from_thread(self._not_opened, exc)
        except OSError as exc:
            error = DrafterError(exc.strerror or str(exc), path=exc.filename or self.path)
            self.call_from_thread(self._not_opened, error)
        else:
            self.call_from_thread(self._opened, ws)

    def _not_opened(self, error: DrafterError) -> None:
        from drafter.tui.screens.startup_error import StartupErrorScreen

        self.pop_screen()
        self.push_screen(StartupErrorScreen(error, can_read_only=isinstance(error, LockedError)))

    def _opened(self, ws: Workspace) -> None:
        self.pop_screen()
        self._ws = ws
        self._autosave = Autosave(
            ws, self.settings.autosave_seconds, self._save_state_changed, self.settings.author
        )
        self.set_interval(self.settings.autosave_tick, self._autosave_tick)
        self.sub_title = ws.project.metadata.title or ws.folder.name
        self.show_walk(self.start_paragraph)
        self.refresh_word_count()
        if self._source_problems:
            from drafter.tui.screens.startup_error import SourceProblemsScreen

            self.push_screen(SourceProblemsScreen(self._source_problems))

    @property
    def ready(self) -> bool:
        """The project is open (or could not be): a screen other than "opening" is up."""
        from drafter.tui.screens.opening import OpeningScreen

        return not isinstance(self.screen, OpeningScreen) and len(self.screen_stack) > 1

    def show_walk(self, paragraph: str | None = None) -> None:
        from drafter.tui.screens.walk import WalkScreen

        cursor: tuple[int, int] | None = None
        state = self.session()
        if paragraph is None:
            paragraph = state.get("paragraph") or None
            raw = state.get("cursor")
            if isinstance(raw, list | tuple) and len(raw) == 2:
                cursor = (int(raw[0]), int(raw[1]))
        # Clear the stack down to the default screen, then walk.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WalkScreen(start=paragraph, cursor=cursor))

    def walk_screen(self) -> WalkScreen | None:
        from drafter.tui.screens.walk import WalkScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, WalkScreen):
                return screen
        return None

    def session(self) -> dict[str, Any]:
        state = getattr(self._ws, "session_state", None)
        return state if isinstance(state, dict) else {}

    def remember(self, paragraph: str, cursor: tuple[int, int]) -> None:
        state = self.session()
        state["paragraph"] = paragraph
        state["cursor"] = [cursor[0], cursor[1]]

    # --- the one word count -------------------------------------------------------------------

    def refresh_word_count(self) -> None:
        """Count the report's words as `drafter check` does (the report is built whole), in a
        worker thread; the status lines and the overview show it when it is done."""
        if self._ws is None or self._closed:
            return
        self.run_worker(self._count_words, thread=True, group="words", name="words")

    def _count_words(self) -> None:
        from drafter.project.report.builder import word_count

        try:
            with self.autosave.model_lock:
                count = word_count(self.ws)
        except (DrafterError, OSError):
            return  # `drafter check` says what is wrong; the count waits for a good project
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(self._show_word_count, count)

    def words_text(self) -> str:
        """ "2,457 words" or "2,457 of 10,000 words (over the limit)", for the status line."""
        if self.report_words is None or self._ws is None:
            return ""
        total = self.report_words.total
        limit = self.ws.template.word_limit.words
        if not limit:
            return f"{total:,} words"
        return f"{total:,} of {limit:,} words" + (" (over the limit)" if total > limit else "")

    def _show_word_count(self, count: WordCount) -> None:
        from drafter.tui.screens.overview import OverviewScreen
        from drafter.tui.widgets.status_line import StatusLine

        self.report_words = count
        text = self.words_text()
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.set_words(text)
            if isinstance(screen, OverviewScreen):
                screen.refresh_content()

    # --- saving -------------------------------------------------------------------------------

    def _autosave_tick(self) -> None:
        if self._autosave is None or self._closed:
            return
        if self._autosave.due():
            self.save_soon()

    def save_soon(self) -> None:
        """Save in a worker thread now (leaving a paragraph, an autosave tick)."""
        work = self.autosave.save_in_background()
        if work is not None:
            self.run_worker(work, thread=True, group="save", name="autosave")

    def _save_state_changed(self, state: SaveState, detail: str) -> None:
        if threading.get_ident() != self._ui_thread:
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(self._save_state_changed, state, detail)
            return
        self.refresh_save_status()
        if state is SaveState.SAVED:
            self.refresh_word_count()
        if state is SaveState.CONFLICT and not self._conflict_shown:
            self.ask_conflict()
        elif state is SaveState.FAILED:
            self.notify(f"Could not save: {detail}", severity="error", timeout=8)

    def refresh_save_status(self) -> None:
        if self._autosave is None:
            return
        from drafter.tui.widgets.status_line import StatusLine

        text = describe(self.autosave.state, self.autosave.detail)
        words = self.words_text()
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.set_save(text, self.autosave.state.value)
                line.set_words(words)

    def ask_conflict(self, then_quit: bool = False) -> None:
        from drafter.tui.screens.dialogs import ConflictScreen

        self._conflict_shown = True

        def decided(choice: str | None) -> None:
            self.resolve_conflict(choice or "cancel")
            self._conflict_shown = False
            if then_quit and choice in ("keep", "reload"):
                self.exit_saved()

        self.push_screen(ConflictScreen(self.ws.file), decided)

    def resolve_conflict(self, choice: str) -> None:
        autosave = self.autosave
        try:
            if choice == "keep":
                autosave.keep_mine()
                self.notify("Your version is saved; the other changes to other paragraphs kept")
            elif choice == "reload":
                backup = autosave.take_theirs()
                if backup is not None:
                    self.notify(f"Reloaded; your unsaved text is in {backup.name}", timeout=10)
                walk = self.walk_screen()
                if walk is not None:
                    walk.reload_from_model()
            else:
                autosave.cancel_conflict()
        except DrafterError as exc:
            self.notify(exc.one_line(), severity="error", timeout=10)
        self.refresh_save_status()

    def action_save(self) -> None:
        if self._autosave is None:
            return
        if self.ws.read_only:
            self.notify("Opened read-only: nothing is saved", severity="warning")
            return
        if self.autosave.state is SaveState.CONFLICT:
            self.ask_conflict()
            return
        self.autosave.save_now()

    # --- leaving ------------------------------------------------------------------------------

    def _install_signal_handlers(self) -> None:
        # A closed terminal (SIGHUP) or a kill (SIGTERM) saves before leaving.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(sig, self._on_terminate)

    def _remove_signal_handlers(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                loop.remove_signal_handler(sig)

    class Terminated(Message):
        """A signal asked drafter to stop; the work is already saved."""

    def _on_terminate(self) -> None:
        # The signal handler runs outside the app's context (no DOM queries there): save and
        # leave from the message queue, which runs at once.
        self.post_message(self.Terminated())

    def on_drafter_app_terminated(self) -> None:
        self.shutdown_save()
        if self._in_terminal:
            # With the terminal gone (SIGHUP), restoring it can block for ever; the work is
            # saved, so a process that has not left in a few seconds is ended.
            self._watchdog = threading.Timer(3.0, os._exit, args=(0,))
            self._watchdog.daemon = True
            self._watchdog.start()
        self.exit()

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run in the terminal (as `drafter open` does)."""
        self._in_terminal = True
        try:
            return super().run(*args, **kwargs)
        finally:
            if self._watchdog is not None:
                self._watchdog.cancel()

    def shutdown_save(self) -> None:
        """Save everything, whatever happens; if saving is impossible, write a backup."""
        if self._autosave is None or self._closed:
            return
        autosave = self.autosave
        try:
            autosave.save_now()
        except Exception:  # the last chance to keep the text: fall through to the backup
            autosave.state = SaveState.FAILED
        if autosave.state in (SaveState.CONFLICT, SaveState.FAILED):
            with contextlib.suppress(OSError):
                autosave.write_backup(autosave.pending)
        self._close_workspace()

    def _close_workspace(self) -> None:
        if self._ws is None or self._closed:
            return
        self._closed = True
        walk = self.walk_screen()
        if walk is not None and walk.paragraphs:
            self.remember(walk.pid, walk.editor.area.cursor_location)
        with contextlib.suppress(DrafterError, OSError):
            self._ws.save_session_state()
        with contextlib.suppress(DrafterError, OSError):
            self._ws.close()

    async def action_quit(self) -> None:
        if self._autosave is None:
            self.exit()
            return
        self.autosave.save_now()
        if self.autosave.state is SaveState.CONFLICT:
            self.ask_conflict(then_quit=True)
            return
        if self.autosave.state is SaveState.FAILED:
            from drafter.tui.screens.dialogs import ConfirmScreen

            backup = self.autosave.write_backup(self.autosave.pending)
            where = f" A copy of your text is in {backup}." if backup else ""

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit_saved()

            self.push_screen(
                ConfirmScreen(
                    "Could not save",
                    f"{self.autosave.detail}.{where} Quit anyway?",
                    yes="Quit",
                    no="Stay",
                ),
                answered,
            )
            return
        self.exit_saved()

    def exit_saved(self) -> None:
        self._close_workspace()
        self.exit()

    def on_unmount(self) -> None:
        self._remove_signal_handlers()
        # Any way out (an exception, a test ending) still saves.
        self.shutdown_save()

    # --- navigation ---------------------------------------------------------------------------

    def action_help(self) -> None:
        from drafter.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_overview(self) -> None:
        from drafter.tui.screens.overview import OverviewScreen

        if self._ws is None or isinstance(self.screen, OverviewScreen):
            return
        walk = self.walk_screen()
        if walk is not None:
            walk.flush()
        self.push_screen(OverviewScreen())

    def action_toggle_theme(self) -> None:
        s = self.settings
        wanted = s.alternate_theme if self.theme == s.theme else s.theme
        self.theme = wanted if wanted in self.available_themes else "textual-light"

    def action_walk(self, paragraph: str | None = None) -> None:
        walk = self.walk_screen()
        if walk is None:
            self.show_walk(paragraph)
            return
        while len(self.screen_stack) > 1 and self.screen_stack[-1] is not walk:
            self.pop_screen()
        if paragraph:
            walk.go_to(paragraph)

    def action_import(self) -> None:
        from drafter.tui.screens.import_source import ImportScreen

        if self._ws is not None:
            self.push_screen(ImportScreen())

    def action_metadata(self) -> None:
        from drafter.tui.screens.metadata import MetadataScreen

        if self._ws is not None:
            self.push_screen(MetadataScreen())

    def action_front_matter(self) -> None:
        from drafter.tui.screens.metadata import FrontMatterScreen

        if self._ws is not None:
            self.push_screen(FrontMatterScreen())

    def action_render(self) -> None:
        from drafter.tui.screens.render import RenderScreen

        if self._ws is not None:
            self.autosave.save_now()
            self.push_screen(RenderScreen())

    def action_sources(self) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        if self._ws is None:
            return
        if not self.ws.project.sources:
            self.notify("No sources imported yet", severity="warning")
            return
        walk = self.walk_screen()
        on_cite = walk.insert_citation if walk is not None else None
        self.push_screen(SourceReaderScreen(self.ws.project.sources[0].id, None, on_cite=on_cite))
