"""The reviewers' notes (`drafter import-review`) and the author's notes to the reviewer: each
thread is the note, then its replies under it, with the author's answers; each says who wrote
it, when, what kind of note it is, whether it is still open, and for a tracked change what it
proposes.

Keys act on the highlighted note: answer, resolve, reopen, accept or reject a proposed change.
The pane changes nothing itself: it posts `ActOnReviewNote` and the app applies it through the
project layer (`review.act`, what `drafter review` uses), refusing when read-only and refusing a
change whose place in the text is not certain.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.project.model import ReviewNote
from drafter.project.review import CHANGE_KINDS
from drafter.tui.messages import ActOnReviewNote, Refused

Thread = list[tuple[int, ReviewNote]]  # (depth, note): the note, then its replies

KIND_WORDS = {
    "comment": "Comment",
    "author-note": "Your note to the reviewer",
    "insertion": "Proposed insertion",
    "deletion": "Proposed deletion",
    "replacement": "Proposed replacement",
}


def quoted(text: str, size: int = 0) -> str:
    flat = " ".join(text.split())
    if size and len(flat) > size:
        flat = flat[: size - 1] + "…"
    return f"“{flat}”"


def note_prompt(note: ReviewNote, depth: int) -> Text:
    """How one note reads in the list: a head line (kind, author, date, status), its words or
    the change it proposes, the words it is on, and the author's answer."""
    indent = "  " * depth
    out = Text(no_wrap=False)
    closed = note.status != "open"
    kind = "Reply" if depth else KIND_WORDS.get(note.kind, note.kind.capitalize())
    out.append(indent + ("↳ " if depth else "● "))
    out.append(kind, style="bold")
    who = " · ".join(x for x in (note.author, note.date[:10]) if x)
    if who:
        out.append(f" · {who}")
    if not depth:  # a thread is open or closed as a whole: its first note says which
        out.append(f" · {note.status.upper() if closed else 'open'}", style="italic")
    body = indent + "  "
    match note.kind:
        case "insertion":
            out.append(f"\n{body}insert {quoted(note.text)}")
            if note.before.strip():
                out.append(f"\n{body}after {quoted('…' + note.before[-40:].lstrip())}", "dim")
        case "deletion":
            out.append(f"\n{body}delete {quoted(note.deleted)}")
        case "replacement":
            out.append(f"\n{body}replace {quoted(note.deleted)}\n{body}with {quoted(note.text)}")
        case _:
            out.append(f"\n{body}{' '.join(note.text.split())}")
            if note.anchor.strip():
                out.append(f"\n{body}on {quoted(note.anchor, 70)}", "dim")
    if not note.paragraph and note.section.strip():
        out.append(f"\n{body}found under {quoted(note.section, 60)}", "dim")
    if note.answer.strip():
        by = f" ({note.answered_by})" if note.answered_by else ""
        out.append(f"\n{body}↳ Your answer{by}: ", "bold")
        out.append(" ".join(note.answer.split()))
    if closed:
        out.stylize("dim")
    return out


class ReviewNotesPane(Vertical):
    """The notes of one paragraph (the walk screen) or of the whole project (the review notes
    screen, `grouped`); posts `ActOnReviewNote`, and `ReviewNotesPane.GoTo` for "show me"."""

    HELP_PLACE = "Review notes"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer", "Answer"),
        Binding("x", "act('resolve')", "Resolve"),
        Binding("u", "act('reopen')", "Reopen"),
        Binding("plus", "act('accept')", "Accept change", key_display="+"),
        Binding("minus", "act('reject')", "Reject change", key_display="-"),
    ]

    class GoTo(Message):
        """Show the paragraph a note is on (from the list of every note)."""

        def __init__(self, note: ReviewNote) -> None:
            super().__init__()
            self.note = note

    def __init__(
        self,
        *,
        key: str = "",
        read_only: bool = False,
        grouped: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="review-pane pane")
        self.key = key  # the key that jumps here, shown in the title
        self.read_only = read_only
        self.grouped = grouped
        self.notes: dict[str, ReviewNote] = {}
        self._threads: list[Thread] = []
        self.list = OptionList(classes="review-list")

    def compose(self) -> ComposeResult:
        yield self.list

    def on_mount(self) -> None:
        self._fill()

    def show(self, threads: list[Thread]) -> None:
        """Show these threads, keeping the highlighted note when it is still there."""
        self._threads = threads
        self.notes = {note.id: note for t in threads for _, note in t}
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        keep = self.highlighted_note()
        options: list[Option] = []
        place = None
        for t in self._threads:
            root = t[0][1]
            if self.grouped and root.paragraph != place:
                place = root.paragraph
                head = f"Paragraph {place}" if place else "On no paragraph (report, unplaced)"
                options.append(Option(Text(head, style="bold underline"), disabled=True))
            for depth, note in t:
                options.append(Option(note_prompt(note, depth), id=note.id))
        if not options:
            options.append(Option(Text("No review notes.", style="dim"), disabled=True))
        self.list.set_options(options)
        n_open = self.open_count()
        jump = f" ({self.key})" if self.key else ""
        self.border_title = f"Review notes: {n_open} open of {len(self._threads)}{jump}"
        ids = [o.id for o in self.list.options]
        if keep is not None and keep.id in ids:
            self.list.highlighted = ids.index(keep.id)
        elif self.notes:
            self.list.highlighted = next(i for i, o in enumerate(ids) if o in self.notes)

    def open_count(self) -> int:
        """Threads still open (a thread is open while the note that starts it is)."""
        return sum(1 for t in self._threads if t[0][1].status == "open")

    def highlighted_note(self) -> ReviewNote | None:
        index = self.list.highlighted
        if index is None or index >= self.list.option_count:
            return None
        oid = self.list.get_option_at_index(index).id
        return self.notes.get(oid) if oid else None

    def focus_list(self) -> None:
        self.list.focus()

    # --- actions: posted to the app ---------------------------------------------------------

    def _note_or_say(self) -> ReviewNote | None:
        note = self.highlighted_note()
        if note is None:
            self.notify("No review note highlighted", severity="warning", timeout=3)
        return note

    def action_act(self, verb: str) -> None:
        note = self._note_or_say()
        if note is None:
            return
        if verb in ("accept", "reject") and note.kind not in CHANGE_KINDS:
            self.notify(
                "This note is a comment, not a proposed change: answer (a) or resolve (x) it",
                severity="warning",
                timeout=5,
            )
            return
        self.post_message(ActOnReviewNote(note.id, verb))

    def action_answer(self) -> None:
        from drafter.tui.screens.dialogs import AskScreen

        note = self._note_or_say()
        if note is None:
            return
        if self.read_only:
            self.post_message(Refused(ActOnReviewNote.what))
            return
        who = note.author or "the reviewer"

        def answered(text: str | None) -> None:
            if text and text.strip():
                self.post_message(ActOnReviewNote(note.id, "answer", text=text.strip()))

        self.app.push_screen(
            AskScreen(f"Answer {who}", "Your answer (enter keeps it, escape cancels)", note.answer),
            answered,
        )

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.notes.get(event.option.id or "")
        if note is not None:
            self.post_message(self.GoTo(note))
