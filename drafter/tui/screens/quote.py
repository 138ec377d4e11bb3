"""Choosing the State's words the report quotes from one of its paragraphs.

The paragraph is shown whole, read-only, with the words the report quotes now selected (the
author's choice, or the first sentences it quotes by default). The author selects other words
(shift+arrows, ctrl+shift+arrows by word, or the mouse) and keeps them; the words can also be
typed or pasted in the box below. The dialog changes nothing itself: it hands a `ChooseQuote` to
the app (`DrafterApp.apply`), whose project layer refuses words the paragraph does not say, and
stays open, with the words in place, when they are refused.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static, TextArea
from textual.widgets.text_area import Document, Selection

from drafter.tui.messages import ChooseQuote
from drafter.tui.screens.base import DrafterModal


class QuoteScreen(DrafterModal[bool]):
    """Dismissed with True when the quotation changed."""

    PALETTE_NAME = "quote"
    HELP_PLACE = "Words to quote"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Quote these words"),
        Binding("ctrl+l", "clear", "Back to the first sentences"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, paragraph: str, link_key: str) -> None:
        super().__init__(classes="dialog-screen")
        self.paragraph = paragraph  # the CO paragraph whose section quotes it
        self.link_key = link_key

    def compose(self) -> ComposeResult:
        from drafter.project.report.quotes import excerpt

        ws = self.drafter.ws
        source_id, _, paragraph_id = self.link_key.partition(":")
        doc = ws.documents.get(source_id)
        para = doc.paragraph(paragraph_id) if doc is not None else None
        self.text = para.text if para is not None else ""
        entry = ws.project.entries.get(self.paragraph)
        self.chosen = entry.quotes.get(self.link_key, "") if entry is not None else ""
        self.default = excerpt(self.text)
        with Vertical(classes="dialog -wide", id="quote"):
            yield Static(
                f"Words to quote from {ws.citation_text(source_id, paragraph_id)} "
                f"(¶ {self.paragraph})",
                classes="dialog-title",
                markup=False,
            )
            yield Static(
                "Select the paragraph's words to quote (shift+arrows, ctrl+shift+arrows, the "
                "mouse) or type them below.",
                classes="dialog-hint",
                markup=False,
            )
            yield TextArea(
                self.text, read_only=True, soft_wrap=True, show_cursor=True, id="quote-text"
            )
            with Horizontal(classes="form-row"):
                yield Label("Words", classes="form-label")
                yield Input(self.chosen or self.default, id="quote-words")
            yield Static("", id="quote-now", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Quote (ctrl+s)", id="quote-keep", variant="primary")
                yield Button("First sentences (ctrl+l)", id="quote-clear")
                yield Button("Cancel (esc)", id="quote-cancel")

    def on_mount(self) -> None:
        area = self.query_one("#quote-text", TextArea)
        shown = self.chosen or self.default
        start = self.text.find(shown) if shown else -1
        doc = area.document
        if start >= 0 and isinstance(doc, Document):
            area.selection = Selection(
                doc.get_location_from_index(start), doc.get_location_from_index(start + len(shown))
            )
        now = (
            f"Now quoted: your words “{self.chosen}”"
            if self.chosen
            else ("Now quoted: the first sentences (the default)")
        )
        self.query_one("#quote-now", Static).update(now)
        area.focus()

    @on(TextArea.SelectionChanged, "#quote-text")
    def _selected(self, event: TextArea.SelectionChanged) -> None:
        words = event.text_area.selected_text
        if words.strip():
            self.query_one("#quote-words", Input).value = " ".join(words.split())

    @on(Input.Submitted, "#quote-words")
    def _submitted(self) -> None:
        self.action_keep()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "quote-keep":
                self.action_keep()
            case "quote-clear":
                self.action_clear()
            case _:
                self.action_cancel()

    def action_keep(self) -> None:
        words = self.query_one("#quote-words", Input).value
        if not words.strip():
            self.notify("Select the words to quote first", severity="warning")
            return
        self._choose(words)

    def action_clear(self) -> None:
        self._choose("")

    def _choose(self, words: str) -> None:
        if self.drafter.apply(ChooseQuote(self.paragraph, self.link_key, words)):
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
