"""The drafter TUI: opens a project's Workspace and hands it to the screens.

The App owns the state: the Workspace, the autosave, the start-up and shutdown paths (signals
included), and every change to the project. Screens and widgets post a `ProjectChange`
(messages.py) and `apply` carries it out in one place: it takes the model lock, refuses visibly
when the project is open read-only, and records the change for the autosave. Everything else
lives in screens/ and widgets/; styles in app.tcss.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from drafter.errors import DrafterError
from drafter.tui.autosave import Autosave, SaveState, describe
from drafter.tui.commands import DrafterCommands
from drafter.tui.messages import (
    ActOnReviewNote,
    AddKnownWord,
    ChooseLink,
    ChooseQuote,
    EditEntry,
    EditFrontMatter,
    EditMetadata,
    MoveEntry,
    ProjectChange,
    Refused,
    Typing,
)
from drafter.tui.settings import Settings

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from drafter.project.report.words import WordCount
    from drafter.project.spelling import Speller
    from drafter.project.workspace import ImportReport, Workspace
    from drafter.tui.screens.walk import WalkScreen

# How often the app looks at drafter.toml for changes made by someone else (git, an editor).
DISK_WATCH_SECONDS = 2.0


def first_needing_work(ws: Workspace) -> str | None:
    """Where a new project starts: the first paragraph of the report not yet assessed."""
    in_report = [p for p in ws.co_paragraphs() if ws.in_report(p.id)]
    for p in in_report:
        entry = ws.project.entries.get(p.id)
        if entry is None or not entry.assessment:
            return p.id
    return in_report[0].id if in_report else None


def source_problems(ws: Workspace) -> list[tuple[str, str]]:
    """(source id, message) for every source missing, changed on disk or unreadable (the rule
    `drafter check` applies; cheap: no report is built)."""
    from drafter.project.check import source_findings

    out: list[tuple[str, str]] = []
    try:
        problems = source_findings(ws)
    except (DrafterError, OSError):
        return out  # a courtesy at start-up; `drafter check` reports the details
    for problem in problems:
        source_id = next((s.id for s in ws.project.sources if f"{s.id!r}" in problem.message), "")
        out.append((source_id, problem.message))
    return out


# After the first frame, the dictionary is loaded and the links ranked ahead only once the
# author has left the keys alone this long: loading a dictionary holds the interpreter for a few
# tenths of a second, and keys typed meanwhile would arrive in one burst.
IDLE_SECONDS = 1.0

# A project not open after this long shows an "Opening …" frame until it is.
OPENING_AFTER = 0.4


class DrafterApp(App[None]):
    HELP_PLACE = "Everywhere"
    CSS_PATH = "app.tcss"
    TITLE = "drafter"
    COMMANDS: ClassVar = App.COMMANDS | {DrafterCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1,question_mark", "help", "Help", key_display="f1"),
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
        self._ws_opening: Workspace | None = None  # being opened in the worker thread
        self._autosave: Autosave | None = None
        self._ui_thread = threading.get_ident()
        self._conflict_shown = False
        self._closed = False
        self._in_terminal = False
        self._gc_paused = False  # the collector waits for the first frame (`run`)
        self._after_first_frame_done = False
        self.report_words: WordCount | None = None  # the one word count, after each save
        self._watchdog: threading.Timer | None = None
        self._refused_at: dict[str, float] = {}
        self.disk_note = ""  # what the banner says about drafter.toml on disk, "" when nothing
        self.speller: Speller | None = None
        self.spelling_note = ""
        self.spelling_ready = False  # the dictionary is loaded, or known to be missing
        self._last_key = 0.0
        self._opening: Screen[None] | None = None
        self._opening_timer: Timer | None = None
        self._background_timer: Timer | None = None

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
        """Open the workspace in a worker thread. Most projects open within a few tenths of a
        second: the walk screen is then the first thing drawn; a slower one (a first opening,
        sources to read again) shows that it is opening meanwhile."""
        self._opening = None
        self.run_worker(
            partial(self._open_in_thread, read_only), thread=True, group="open", name="open"
        )
        self._opening_timer = self.set_timer(OPENING_AFTER, self._show_opening)

    def _show_opening(self) -> None:
        from drafter.tui.screens.opening import OpeningScreen

        self._opening = OpeningScreen(self.path)
        self.push_screen(self._opening)

    def _opening_done(self) -> None:
        if self._opening_timer is not None:
            self._opening_timer.stop()
            self._opening_timer = None
        if self._opening is not None and self.screen is self._opening:
            self.pop_screen()
        self._opening = None

    def _open_in_thread(self, read_only: bool) -> None:
        try:
            from drafter.project.workspace import Workspace

            ws = Workspace.open(self.path, read_only=read_only)
            # What the walk screen shows first, computed here, off the UI thread: the
            # paragraphs, the links (from the cache when the sources are unchanged).
            start = self.start_paragraph or self.session().get("paragraph") or None
            self._ws_opening = ws
            if start is None:
                start = first_needing_work(ws)
            if start:
                ws.links(str(start), with_hidden=True)
            # The walk screen's modules, loaded here while the opening frame is up.
            import drafter.tui.screens.walk  # noqa: F401
        except DrafterError as exc:
            self.call_from_thread(self._not_opened, exc)
        except OSError as exc:
            error = DrafterError(exc.strerror or str(exc), path=exc.filename or self.path)
            self.call_from_thread(self._not_opened, error)
        else:
            self.call_from_thread(self._opened, ws)

    def _not_opened(self, error: DrafterError) -> None:
        from drafter.tui.screens.startup_error import StartupErrorScreen

        self._opening_done()
        self.push_screen(StartupErrorScreen(error))

    def _opened(self, ws: Workspace) -> None:
        self._opening_done()
        self._ws = ws
        self._autosave = Autosave(
            ws, self.settings.autosave_seconds, self._save_state_changed, self.settings.author
        )
        self.set_interval(self.settings.autosave_tick, self._autosave_tick)
        self.set_interval(DISK_WATCH_SECONDS, self.watch_disk)
        self.sub_title = ws.project.metadata.title or ws.folder.name
        self.show_walk(self.start_paragraph)
        # The first frame is the walk screen; everything else waits until it is drawn (a
        # thread started now would hold the interpreter while the screen is being built). The
        # timer is for a walk screen covered by another before its first refresh.
        self.call_after_refresh(self._after_first_frame)
        self.set_timer(2.0, self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._after_first_frame_done:
            return
        self._after_first_frame_done = True
        if self._gc_paused:
            # What start-up made lives as long as the app: moved out of the collector's way,
            # so its passes stay short while the author types.
            self._gc_paused = False
            gc.freeze()
            gc.enable()
        if self._closed:
            return
        self.refresh_word_count()
        self.run_worker(self._check_sources, thread=True, group="open", name="sources")
        # The dictionary and the links of every paragraph (cached for the next start) wait
        # until the author pauses.
        self._background_timer = self.set_interval(0.25, self._start_background_when_idle)

    def _check_sources(self) -> None:
        problems = source_problems(self.ws)
        if problems:
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(self._show_source_problems, problems)

    def _show_source_problems(self, problems: list[tuple[str, str]]) -> None:
        from drafter.tui.screens.startup_error import SourceProblemsScreen

        self.push_screen(SourceProblemsScreen(problems))

    def _start_background_when_idle(self) -> None:
        if time.monotonic() - self._last_key < IDLE_SECONDS:
            return
        if self._background_timer is not None:
            self._background_timer.stop()
        self.run_worker(self._background_work, thread=True, group="open", name="after-open")

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    def _background_work(self) -> None:
        from drafter.project.spelling import load_speller

        speller, note = load_speller(self.ws)
        self.call_from_thread(self._speller_ready, speller, note)
        with contextlib.suppress(DrafterError, OSError):
            self.ws.warm_links()

    def _speller_ready(self, speller: Speller | None, note: str) -> None:
        self.speller = speller
        self.spelling_note = note
        self.spelling_ready = True
        if note:
            # Said once; the app works on without marks.
            self.notify(note, severity="warning", timeout=8)
        walk = self.walk_screen()
        if walk is not None:
            walk.spelling_changed()

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
            if paragraph and isinstance(raw, list | tuple) and len(raw) == 2:
                cursor = (int(raw[0]), int(raw[1]))
        if paragraph is None:
            paragraph = self.first_needing_work()
        # Clear the stack down to the default screen, then walk.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WalkScreen(start=paragraph, cursor=cursor))

    def first_needing_work(self) -> str | None:
        return first_needing_work(self.ws)

    def walk_screen(self) -> WalkScreen | None:
        from drafter.tui.screens.walk import WalkScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, WalkScreen):
                return screen
        return None

    def session(self) -> dict[str, Any]:
        state = getattr(self._ws or self._ws_opening, "session_state", None)
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
        from drafter.project.report import builder

        # The lock is held only to copy the project: building the report to count it takes
        # long enough that a change the author makes meanwhile (a flag, leaving a paragraph,
        # an autosave's flush) would wait for it on the UI thread.
        with self.autosave.model_lock:
            snapshot = self.ws.snapshot()
        try:
            count = builder.word_count(snapshot)
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

    # --- changing the project: one place ------------------------------------------------------

    def apply(self, change: ProjectChange) -> bool:
        """Carry out a change to the project; False (and a visible refusal) when read-only."""
        if self._ws is None or self._closed:
            return False
        ws = self.ws
        if ws.read_only:
            self.refuse(change.what)
            return False
        autosave = self.autosave
        paragraph: str | None = None
        texts_changed = False
        if (isinstance(change, ActOnReviewNote) and change.verb == "accept") or isinstance(
            change, MoveEntry
        ):
            # What is typed in the editors is the text the change must fit (or move): copied
            # in first.
            autosave.flush()
        with autosave.model_lock:
            match change:
                case EditEntry():
                    entry = ws.entry(change.paragraph)
                    if all(getattr(entry, k) == v for k, v in change.fields.items()):
                        return True  # nothing new: not an edit, no timestamp
                    for name, value in change.fields.items():
                        setattr(entry, name, value)
                    paragraph = change.paragraph
                    autosave.changed_entry(paragraph)
                case ChooseLink():
                    verb = getattr(ws, change.verb)
                    verb(change.paragraph, change.link_key)
                    paragraph = change.paragraph
                    autosave.changed_entry(paragraph)
                case ChooseQuote():
                    try:
                        ws.choose_quote(change.paragraph, change.link_key, change.words)
                    except DrafterError as exc:
                        # Said in words; the dialog stays open with what the author chose.
                        return self._not_done(exc, "Not quoted")
                    paragraph = change.paragraph
                    autosave.changed_entry(paragraph)
                case EditMetadata():
                    ws.project.metadata = change.metadata
                    autosave.changed_metadata()
                    self.sub_title = change.metadata.title or ws.folder.name
                case EditFrontMatter():
                    ws.project.front_matter = change.front_matter
                    autosave.changed_front_matter()
                case AddKnownWord():
                    from drafter.project.spelling import add_known_words

                    if add_known_words(ws.project.metadata, [change.word]):
                        autosave.changed_metadata()
                    if self.speller is not None:
                        self.speller.accept(change.word)
                case MoveEntry():
                    try:
                        ws.move_entry(change.paragraph, change.to)
                    except DrafterError as exc:
                        return self._not_done(exc, "Not moved")
                    paragraph = change.to
                    autosave.changed_entry(paragraph)
                case ActOnReviewNote():
                    done = self._act_on_note(change)
                    if done is None:
                        return False
                    paragraph = done or None
                    texts_changed = bool(done)
        walk = self.walk_screen()
        if walk is not None:
            if paragraph is not None:
                walk.entry_changed(paragraph, texts=texts_changed)
            if isinstance(change, AddKnownWord):
                walk.spelling_changed()
        if isinstance(change, ActOnReviewNote):
            self.review_changed()
        return True

    def _not_done(self, exc: DrafterError, title: str) -> bool:
        """The project layer refused a change: said on screen, in its words; False."""
        self.bell()
        self.notify(exc.message, title=title, severity="error", timeout=10)
        return False

    def _act_on_note(self, change: ActOnReviewNote) -> str | None:
        """Carry out an action on a review note (under the model lock) through the project
        layer's `review.act`, which `drafter review` uses too. Returns the paragraph whose text
        an accepted change altered, "" when no text changed, None when refused (said on screen:
        a change whose place in the text is not certain is never applied)."""
        from drafter.project import review

        ws = self.ws
        note = next((n for n in ws.project.review if n.id == change.note_id), None)
        if note is None:
            self.notify(f"No review note {change.note_id} any more", severity="warning")
            return None
        author = review.author_name(ws.project, self.settings.author) if change.text else ""
        try:
            changed = review.act(
                ws.project,
                note,
                change.verb,
                text=change.text,
                author=author,
                paragraph=change.paragraph,
            )
        except DrafterError as exc:
            self.bell()
            self.notify(exc.one_line(), title="Not done", severity="warning", timeout=10)
            return None
        self.autosave.changed_review(note)
        if changed:
            self.autosave.changed_entry(note.paragraph)
            return note.paragraph
        return ""

    def review_changed(self) -> None:
        """A review note changed (here, or on disk): every screen showing notes shows them
        again."""
        for screen in self.screen_stack:
            refresh = getattr(screen, "review_changed", None)
            if callable(refresh):
                refresh()

    def import_source(
        self,
        path: Path,
        kind: str,
        symbol: str | None,
        *,
        set_aside_list_of_issues: bool = False,
    ) -> ImportReport:
        """Import (or re-import) a document: the workspace reads, links and saves it. Runs in a
        worker thread (the app's lock keeps the autosave out meanwhile); raises DrafterError,
        read-only included."""
        ws = self.ws
        if ws.read_only:
            raise DrafterError("opened read-only: nothing can be imported", path=ws.file)
        with self.autosave.model_lock:
            return ws.import_source(
                path, kind, symbol, set_aside_list_of_issues=set_aside_list_of_issues
            )

    @on(EditEntry)
    @on(ChooseLink)
    @on(ChooseQuote)
    @on(EditMetadata)
    @on(EditFrontMatter)
    @on(MoveEntry)
    @on(AddKnownWord)
    @on(ActOnReviewNote)
    def _project_change(self, change: ProjectChange) -> None:
        change.stop()
        self.apply(change)

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        message.stop()
        self.refuse(message.what)

    @on(Typing)
    def _typing(self, message: Typing) -> None:
        message.stop()
        if self._autosave is not None:
            self._autosave.edited()

    def refuse(self, what: str) -> None:
        """Say (once every few seconds per kind of change) that a read-only session keeps
        nothing; the bell marks each refused key."""
        self.bell()
        now = time.monotonic()
        if now - self._refused_at.get(what, -10.0) < 3.0:
            return
        self._refused_at[what] = now
        self.notify(
            f"Opened read-only: {what} cannot be changed here (nothing is saved)",
            severity="warning",
            timeout=4,
        )

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
        if state is SaveState.CONFLICT:
            self.disk_note = detail
        elif state is SaveState.SAVED:
            self.disk_note = ""
        self.refresh_save_status()
        if state is SaveState.SAVED:
            self.refresh_word_count()
        if state is SaveState.FAILED:
            self.notify(f"Could not save: {detail}", severity="error", timeout=8)

    def refresh_save_status(self) -> None:
        if self._autosave is None:
            return
        from drafter.tui.widgets.banner import Banner
        from drafter.tui.widgets.status_line import StatusLine

        text = describe(self.autosave.state, self.autosave.detail)
        words = self.words_text()
        lines = self.banner_lines()
        for screen in self.screen_stack:
            for line in screen.query(StatusLine):
                line.set_save(text, self.autosave.state.value)
                line.set_words(words)
            for banner in screen.query(Banner):
                banner.show_lines(lines)

    def banner_lines(self) -> list[tuple[str, str]]:
        """(kind, text) of what the author must not miss while working: the persistent banner."""
        if self._ws is None:
            return []
        ws = self.ws
        out: list[tuple[str, str]] = []
        if ws.read_only:
            out.append(("read-only", "Opened read-only: nothing you change here is saved."))
        if self.disk_note:
            out.append(("conflict", self.disk_note))
        cos = ws.co_paragraphs()
        if cos and all(p.placeholder for p in cos):
            out.append(
                (
                    "info",
                    "The concluding observations are not imported: paragraphs are known only "
                    "from the State report. Import them from the overview (f2, then i).",
                )
            )
        outside = [
            pid
            for pid, e in ws.project.entries.items()
            if not e.is_empty() and not ws.in_report(pid)
        ]
        if outside:
            from drafter.project.schema import paragraph_sort_key

            shown = ", ".join(sorted(outside, key=paragraph_sort_key)[:8])
            more = " …" if len(outside) > 8 else ""
            n = len(outside)
            out.append(
                (
                    "warning",
                    f"{n} {'entry' if n == 1 else 'entries'} will not be printed: the template "
                    f"'{ws.template.name or ws.template.id}' prints only the follow-up "
                    f"paragraphs (¶ {shown}{more}).",
                )
            )
        return out

    def watch_disk(self) -> None:
        """Look for another program's change to drafter.toml (git, an editor, a colleague).

        With nothing unsaved here the other version is simply loaded; otherwise saving pauses,
        the banner says so, and the author's words go to the recovery file until they decide.
        """
        if self._ws is None or self._closed or self._conflict_shown:
            return
        autosave = self.autosave
        if autosave._saving:
            return
        changed = self.ws.changed_on_disk()
        if changed is False:
            return
        if changed is None:
            self.disk_note = "drafter.toml is gone from the project folder: saving paused"
            autosave.state = SaveState.CONFLICT
            autosave.detail = self.disk_note
            autosave.write_recovery()
            self.refresh_save_status()
            return
        autosave.flush()  # words typed a moment ago count as unsaved, even before a keystroke
        if not autosave.has_unsaved() and autosave.state is not SaveState.CONFLICT:
            try:
                with autosave.model_lock:
                    self.ws.reload()
            except DrafterError as exc:
                self.disk_note = (
                    f"drafter.toml on disk cannot be read ({exc.one_line()}); nothing is saved "
                    "over it until it is fixed or you decide (ctrl+s)"
                )
                autosave.state = SaveState.CONFLICT
                autosave.detail = self.disk_note
                self.refresh_save_status()
                return
            self.disk_note = ""
            self.notify("drafter.toml changed on disk: the new version is loaded", timeout=5)
            self.reloaded()
            return
        if autosave.state is not SaveState.CONFLICT:
            autosave.flush()
            autosave.write_recovery()
            autosave.cancel_conflict()

    def reloaded(self) -> None:
        """The workspace was read again from disk: every screen shows what it holds now."""
        walk = self.walk_screen()
        if walk is not None:
            walk.reload_from_model()
        self.review_changed()
        self.refresh_save_status()

    def ask_conflict(self, then_quit: bool = False) -> None:
        from drafter.tui.screens.dialogs import ConflictScreen

        if self._conflict_shown:
            return
        self._conflict_shown = True
        self.autosave.flush()
        recovery = self.autosave.write_recovery()

        def decided(choice: str | None) -> None:
            self._conflict_shown = False
            resolved = self.resolve_conflict(choice or "cancel")
            if then_quit and resolved:
                self.exit_saved()

        unreadable = ""
        try:
            from drafter.project.store import parse_project

            parse_project(self.ws.file.read_text(encoding="utf-8-sig"), self.ws.file)
        except (DrafterError, OSError, UnicodeDecodeError) as exc:
            unreadable = exc.one_line() if isinstance(exc, DrafterError) else str(exc)
        self.push_screen(ConflictScreen(self.ws.file, recovery, unreadable), decided)

    def resolve_conflict(self, choice: str) -> bool:
        """Carry out the author's choice; True when the conflict is over."""
        autosave = self.autosave
        try:
            if choice == "keep":
                message = autosave.keep_mine()
                self.notify(message, timeout=10)
                self.disk_note = ""
                self.reloaded()
            elif choice == "reload":
                backup = autosave.take_theirs()
                if backup is not None:
                    self.notify(f"Reloaded; your unsaved text is in {backup}", timeout=10)
                self.disk_note = ""
                self.reloaded()
            else:
                autosave.cancel_conflict()
                self.refresh_save_status()
                return False
        except DrafterError as exc:
            autosave.cancel_conflict()
            where = f" Your text is in {autosave.recovery}." if autosave.recovery else ""
            self.notify(f"{exc.one_line()}.{where}", severity="error", timeout=12)
            self.refresh_save_status()
            return False
        self.refresh_save_status()
        return True

    def action_save(self) -> None:
        if self._autosave is None:
            return
        if self.ws.read_only:
            self.refuse("the project")
            return
        if self.autosave.state is not SaveState.CONFLICT:
            self.autosave.save_now()
        if self.autosave.state is SaveState.CONFLICT:
            # Asked to save: the author decides now (an autosave only says so in the banner).
            self.ask_conflict()

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
        self.exit(message=self.farewell())

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run in the terminal (as `drafter open` does)."""
        self._in_terminal = True
        # Starting up allocates much and frees little (modules, parsed sources, widgets): the
        # collector's passes over it would only delay the first frame, after which it resumes.
        self._gc_paused = gc.isenabled()
        gc.disable()
        try:
            return super().run(*args, **kwargs)
        finally:
            if self._gc_paused:
                gc.enable()
            if self._watchdog is not None:
                self._watchdog.cancel()

    def shutdown_save(self) -> None:
        """Save everything, whatever happens; if saving is impossible, write the recovery."""
        if self._autosave is None or self._closed:
            return
        autosave = self.autosave
        try:
            autosave.save_now()
        except Exception:  # the last chance to keep the text: fall through to the recovery
            autosave.state = SaveState.FAILED
        if autosave.state in (SaveState.CONFLICT, SaveState.FAILED):
            with contextlib.suppress(OSError):
                autosave.write_recovery()
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

    def farewell(self) -> str | None:
        """What the terminal shows after the app has gone: where unsaved words are."""
        autosave = self._autosave
        if autosave is None or autosave.state not in (SaveState.CONFLICT, SaveState.FAILED):
            return None
        if autosave.recovery is not None:
            return (
                f"drafter: {self.ws.file} was not saved ({autosave.detail}); what you wrote "
                f"since the last save is in {autosave.recovery}"
            )
        if autosave.unwritten:
            return (
                f"drafter: {self.ws.file} was not saved and no recovery file could be written; "
                f"what you wrote since the last save:\n\n{autosave.unwritten}"
            )
        return None

    async def action_quit(self) -> None:
        if self._autosave is None:
            self.exit()
            return
        autosave = self.autosave
        if self._conflict_shown:
            # A second ctrl+q while the question is open: leave, with the words in the
            # recovery file (written when the question was asked) and its name on the terminal.
            autosave.save_now()
            self.exit_saved()
            return
        autosave.save_now()
        if autosave.state is SaveState.CONFLICT:
            self.ask_conflict(then_quit=True)
            return
        if autosave.state is SaveState.FAILED:
            from drafter.tui.screens.dialogs import ConfirmScreen

            backup = autosave.write_recovery()
            where = f" A copy of your text is in {backup}." if backup else ""

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit_saved()

            self.push_screen(
                ConfirmScreen(
                    "Could not save",
                    f"{autosave.detail}.{where} Quit anyway?",
                    yes="Quit",
                    no="Stay",
                ),
                answered,
            )
            return
        self.exit_saved()

    def exit_saved(self) -> None:
        message = self.farewell()
        self._close_workspace()
        self.exit(message=message)

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

        if self._ws is None:
            return
        if self.ws.read_only:
            self.refuse("sources")
            return
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

    def action_review_notes(self) -> None:
        """Every review note of the project, those on no paragraph included."""
        from drafter.tui.screens.review import ReviewNotesScreen

        if self._ws is None:
            return
        walk = self.walk_screen()
        if walk is not None:
            walk.flush()
        self.push_screen(ReviewNotesScreen())

    def action_sources(self) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        if self._ws is None:
            return
        if not self.ws.project.sources:
            self.notify("No sources imported yet", severity="warning")
            return
        walk = self.walk_screen()
        on_cite = walk.insert_citation if walk is not None else None
        on_quote = walk.quote if walk is not None else None
        first = self.ws.project.sources[0].id
        self.push_screen(SourceReaderScreen(first, None, on_cite=on_cite, on_quote=on_quote))
