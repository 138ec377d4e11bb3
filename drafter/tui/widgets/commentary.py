"""The commentary editor: a soft-wrapped Markdown TextArea with a live word count.

Markdown highlighting needs tree-sitter, an optional extra of Textual; without it the editor is
plain text and everything else works the same.
"""

from __future__ import annotations

from importlib.util import find_spec

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from drafter.tui.messages import Typing
from drafter.tui.widgets.prose import ProseArea

_HIGHLIGHT = find_spec("tree_sitter") is not None and find_spec("tree_sitter_markdown") is not None


class CommentaryEditor(Vertical):
    """Posts `Typing` on every change (the autosave notes the time); the word count updates
    after a pause."""

    HELP_PLACE = "Commentary"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen

    def __init__(self, *, limit: int = 0, read_only: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.limit = limit
        self.area = ProseArea(
            "",
            what="commentary",
            language="markdown" if _HIGHLIGHT else None,
            soft_wrap=True,
            tab_behavior="focus",
            read_only=read_only,
            id="commentary-text",
            placeholder="Commentary (Markdown). ctrl+r cites the highlighted link; "
            "ctrl+e opens it in your editor.",
        )
        self.counter = Static("0 words", id="commentary-count", markup=False)
        self._loading = False
        self._count_pending = False

    def compose(self) -> ComposeResult:
        yield self.area
        yield self.counter

    def on_mount(self) -> None:
        self.border_title = "Commentary (W; f10 fills the screen)"

    def load(self, text: str, cursor: tuple[int, int] | None = None) -> None:
        """Show a paragraph's commentary without it counting as an edit; the cursor goes where
        the author left it, or at the end, where writing goes on."""
        self._loading = True
        self.area.load_text(text)
        self.area.move_cursor(cursor if cursor is not None else self.area.document.end)
        self._update_count()

    @property
    def text(self) -> str:
        return self.area.text

    def words(self) -> int:
        return sum(len(line.split()) for line in self.area.document.lines)

    def _update_count(self) -> None:
        self._count_pending = False
        # This commentary's words; the report's total (the one `drafter check` gives) is on
        # the status line.
        self.counter.update(f"{self.words()} words in this commentary")

    @on(TextArea.Changed, "#commentary-text")
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._loading:
            # load_text posts one Changed; it is not the author's edit.
            self._loading = False
            return
        self.post_message(Typing())
        if not self._count_pending:
            # Counting 5,000 words on every key is wasteful; once per 0.15 s still feels live.
            self._count_pending = True
            self.set_timer(0.15, self._update_count)

    def insert_at_cursor(self, text: str) -> None:
        self.area.insert(text)
        self.area.focus()
