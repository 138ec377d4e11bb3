"""Every review note of the project, paragraph by paragraph, with the notes on no paragraph (on
the report as a whole, or that `drafter import-review` could not place) last: the walk screen
shows a paragraph's notes, this screen reaches all of them. The same keys act on a note; enter
walks to its paragraph, p places a note on a paragraph.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from drafter.project.review import threads
from drafter.project.schema import paragraph_sort_key
from drafter.tui.messages import ActOnReviewNote, Refused
from drafter.tui.screens.base import DrafterScreen
from drafter.tui.widgets.banner import Banner
from drafter.tui.widgets.review_notes import ReviewNotesPane
from drafter.tui.widgets.status_line import StatusLine


class ReviewNotesScreen(DrafterScreen[None]):
    PALETTE_NAME = "review notes"
    HELP_PLACE = "Review notes (every paragraph)"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("p", "place", "Place on a paragraph"),
        Binding("w", "app.walk", "Walk"),
    ]

    def compose(self) -> ComposeResult:
        app = self.drafter
        self.pane = ReviewNotesPane(read_only=app.ws.read_only, grouped=True, id="all-notes")
        yield Banner(app.banner_lines(), id="banner")
        yield Static(
            "Enter walks to the note's paragraph; p places a note on a paragraph.",
            classes="pane-title",
        )
        yield self.pane
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.review_changed()
        self.pane.focus_list()
        self.drafter.refresh_save_status()

    def review_changed(self) -> None:
        """Show every thread, ordered by paragraph; the notes on no paragraph last."""
        every = threads(self.drafter.ws.project)
        every.sort(
            key=lambda t: (
                not t[0][1].paragraph,
                paragraph_sort_key(t[0][1].paragraph or "0"),
            )
        )
        self.pane.show(every)

    @on(ReviewNotesPane.GoTo)
    def _go_to(self, event: ReviewNotesPane.GoTo) -> None:
        event.stop()
        pid = event.note.paragraph
        if not pid:
            self.notify("This note is on no paragraph: p places it on one", timeout=4)
            return
        self.drafter.action_walk(pid)
        walk = self.drafter.walk_screen()
        if walk is not None and walk.pid == pid:
            # The pane may be built for this paragraph just now: focus it once it is mounted.
            walk.call_after_refresh(walk.action_jump, "review_notes")

    def action_place(self) -> None:
        from drafter.tui.screens.dialogs import AskScreen

        note = self.pane.highlighted_note()
        if note is None:
            self.notify("No review note highlighted", severity="warning", timeout=3)
            return
        if self.drafter.ws.read_only:
            self.post_message(Refused(ActOnReviewNote.what))
            return
        ws = self.drafter.ws

        def chosen(value: str | None) -> None:
            pid = (value or "").strip().lstrip("¶").strip()
            if not pid:
                return
            if ws.co_paragraph(pid) is None and pid not in ws.project.entries:
                self.notify(f"No paragraph {pid} in this project", severity="warning")
                return
            self.post_message(ActOnReviewNote(note.id, "place", paragraph=pid))

        where = f" (found under “{note.section}”)" if note.section else ""
        self.app.push_screen(
            AskScreen(f"Place the note on a paragraph{where}", "Paragraph number, e.g. 17"),
            chosen,
        )
