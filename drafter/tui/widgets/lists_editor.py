"""Suggested questions or recommendations for one paragraph: a numbered list, each item edited in
place.

On the list, up/down move between items (no wrapping from the last to the first), enter edits
the highlighted item where it stands, delete removes it (u brings it back), shift+up /
shift+down move it, and `a` adds one at the end. In an item's editor, what is typed is kept as
it is typed (like the commentary); enter finishes the item and escape puts back the text it had
before (a new item that is escaped goes away). Every change is posted as
`ItemsEditor.Changed` with the whole list; the screen names the paragraph, and copies what is
being typed into the entry it was typed for before showing another.

Items are shown as text (misspelt words underlined) and get an editor only while edited: a
paragraph with many items costs no more to show than its text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static, TextArea

from drafter.tui.messages import Refused, Typing
from drafter.tui.widgets.prose import ProseArea, SpellCheck


def clean(text: str) -> str:
    """One item is one paragraph: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


class ItemArea(ProseArea):
    """The editor of one item: enter finishes, escape restores."""

    class Finished(Message):
        def __init__(self, area: ItemArea, restore: bool) -> None:
            super().__init__()
            self.area = area
            self.restore = restore

    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Finished(self, restore=event.key == "escape"))
            return
        await super()._on_key(event)


class ItemRow(Horizontal):
    """One item: its number and its text (or, while edited, its editor)."""

    def __init__(self, number: int) -> None:
        super().__init__(classes="item-row")
        self.number = Static(f"{number}.", classes="item-number", markup=False)
        self.text = Static("", classes="item-text", markup=False)

    def compose(self) -> ComposeResult:
        yield self.number
        yield self.text


class ItemsEditor(Vertical, can_focus=True):
    HELP_PLACE = "Questions and Recommendations"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Previous item", show=False),
        Binding("down", "cursor(1)", "Next item", show=False),
        Binding("enter", "edit", "Edit item"),
        Binding("a", "add", "Add item"),
        Binding("delete,backspace", "remove", "Remove item"),
        Binding("u,ctrl+z", "undo", "Undo removal"),
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
    ]

    class Changed(Message):
        def __init__(self, editor: ItemsEditor, items: list[str]) -> None:
            super().__init__()
            self.editor = editor
            self.items = items

        @property
        def control(self) -> ItemsEditor:
            return self.editor

    def __init__(
        self, title: str, noun: str, *, read_only: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="list-editor pane")
        self.title = title
        self.noun = noun  # "question"
        self.read_only = read_only
        self.items: list[str] = []
        self.cursor = 0
        self.editing: int | None = None  # the item being edited
        self.area: ItemArea | None = None  # its editor
        self._before = ""  # its text when editing began: escape puts it back
        self._adding = False  # the item being edited is new: escape removes it
        self._removed: list[tuple[int, str]] = []
        self._spell: SpellCheck | None = None
        self._rows = VerticalScroll(classes="list-rows")
        self._row_list: list[ItemRow] = []
        self._hint = Static(
            f"a adds a {noun} (q / r from anywhere in the walk)", classes="list-empty"
        )

    def compose(self) -> ComposeResult:
        yield self._rows
        yield self._hint

    def on_mount(self) -> None:
        self._sync_rows()

    # --- content --------------------------------------------------------------------------

    def load(self, items: list[str]) -> None:
        """Show a paragraph's items; nothing of the previous paragraph's editing survives."""
        self._close_editor()
        self.items = list(items)
        self.editing = None
        self._adding = False
        self._removed = []
        self.cursor = min(self.cursor, max(0, len(self.items) - 1)) if self.items else 0
        self._sync_rows()

    def _sync_rows(self) -> None:
        if not self.is_mounted:
            return
        rows = self._row_list
        for row in rows[len(self.items) :]:
            row.remove()
        del rows[len(self.items) :]
        for i in range(len(rows), len(self.items)):
            row = ItemRow(i + 1)
            rows.append(row)
            self._rows.mount(row)
        for i, (row, text) in enumerate(zip(rows, self.items, strict=False)):
            if i != self.editing:
                row.text.update(self._marked(text))
            row.set_class(i == self.cursor, "-cursor")
        self.border_title = f"{self.title} ({len(self.items)})"

    def _marked(self, text: str) -> Text:
        out = Text(text)
        if self._spell is not None:
            for start, end in self._spell(text):
                out.stylize("underline", start, end)
        return out

    def set_spelling(self, check: SpellCheck | None) -> None:
        self._spell = check
        if self.area is not None:
            self.area.set_spelling(check)
        self._sync_rows()

    def _changed(self) -> None:
        self.border_title = f"{self.title} ({len(self.items)})"
        self.post_message(self.Changed(self, list(self.items)))

    def _refused(self) -> bool:
        if self.read_only:
            self.post_message(Refused(f"{self.noun}s"))
            return True
        return False

    # --- list keys ------------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if not self.items:
            return
        # No wrapping: at either end the cursor stays.
        self.cursor = max(0, min(len(self.items) - 1, self.cursor + step))
        self._sync_rows()
        if self.cursor < len(self._row_list):
            self._rows.scroll_to_widget(self._row_list[self.cursor], animate=False)

    def action_edit(self) -> None:
        if self._refused():
            return
        if not self.items:
            self.action_add()
            return
        self.edit(self.cursor)

    def edit(self, index: int, *, adding: bool = False) -> None:
        """Open the item's editor where the item stands."""
        if not 0 <= index < len(self._row_list):
            return
        self._close_editor()
        self.editing = index
        self.cursor = index
        self._before = self.items[index]
        self._adding = adding
        row = self._row_list[index]
        area = ItemArea(
            self.items[index],
            soft_wrap=True,
            compact=True,
            classes="item-editor",
            what=f"{self.noun}s",
            placeholder=f"The {self.noun}: enter keeps it, escape drops it",
        )
        area.set_spelling(self._spell)
        self.area = area
        row.text.display = False
        row.mount(area)
        area.focus()
        area.move_cursor(area.document.end)
        self._sync_rows()

    def _close_editor(self) -> None:
        area = self.area
        self.area = None
        if area is None:
            return
        row = area.parent
        area.remove()
        if isinstance(row, ItemRow):
            row.text.display = True

    def action_add(self) -> None:
        if self._refused():
            return
        self.finish()
        self.items.append("")
        self.cursor = len(self.items) - 1
        self._sync_rows()
        self.edit(self.cursor, adding=True)

    def action_remove(self) -> None:
        if self._refused() or not self.items:
            return
        index = self.cursor
        text = self.items.pop(index)
        self._removed.append((index, text))
        self.cursor = min(index, max(0, len(self.items) - 1))
        self._sync_rows()
        self._changed()
        if text:
            self.notify(f"Removed {self.noun} {index + 1} (u puts it back)", timeout=4)

    def action_undo(self) -> None:
        if self._refused():
            return
        if not self._removed:
            self.notify(f"No removed {self.noun} to put back", timeout=2)
            return
        index, text = self._removed.pop()
        index = min(index, len(self.items))
        self.items.insert(index, text)
        self.cursor = index
        self._sync_rows()
        self._changed()

    def action_move(self, step: int) -> None:
        if self._refused():
            return
        i, j = self.cursor, self.cursor + step
        if 0 <= i < len(self.items) and 0 <= j < len(self.items):
            self.items[i], self.items[j] = self.items[j], self.items[i]
            self.cursor = j
            self._sync_rows()
            self._changed()

    # --- editing an item --------------------------------------------------------------------

    @on(TextArea.Changed, ".item-editor")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.editing is not None and event.text_area is self.area:
            # Kept as typed, so a save, a move to another paragraph or quitting keeps it.
            self.items[self.editing] = clean(event.text_area.text)
            self.post_message(Typing())

    @on(ItemArea.Finished)
    def _finished(self, event: ItemArea.Finished) -> None:
        event.stop()
        adding = self._adding
        self.finish(restore=event.restore)
        if adding and not event.restore and self.items and self.items[-1]:
            # Filed: straight on to the next new one, as one writes a list.
            self.action_add()
            return
        self.focus()

    def finish(self, *, restore: bool = False) -> None:
        """End editing: keep the item (enter) or put back its text (escape); an empty item goes."""
        index = self.editing
        if index is None:
            return
        self.editing = None
        self._close_editor()
        if restore:
            if self._adding:
                self.items.pop(index)
            else:
                self.items[index] = self._before
        elif not self.items[index]:
            self.items.pop(index)
        self._adding = False
        self.cursor = min(index, max(0, len(self.items) - 1))
        self._sync_rows()
        self._changed()

    def current_items(self) -> list[str]:
        """What the list holds now, the item being edited as typed so far."""
        return [item for item in self.items if item]

    def on_click(self, event: events.Click) -> None:
        for i, row in enumerate(self._row_list):
            if event.widget is not None and (event.widget is row or event.widget.parent is row):
                self.cursor = i
                self.focus()
                self._sync_rows()
                return
