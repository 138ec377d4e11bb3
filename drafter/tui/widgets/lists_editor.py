"""Suggested questions or recommendations for one paragraph: a numbered list, each item its own
editor.

On the list, up/down move between items (no wrapping from the last to the first), enter edits
the highlighted item in place, delete removes it (u brings it back), shift+up / shift+down move
it. In an item, what is typed is kept as it is typed (like the commentary); enter finishes the
item and escape puts back the text it had before. The last editor adds an item (`a` goes
there): enter files what it holds as a new item of this paragraph, escape empties it. Every
change is posted as `ItemsEditor.Changed` with the whole list; the screen names the paragraph,
and copies what is being typed into the entry it was typed for before showing another.
"""

from __future__ import annotations

from typing import ClassVar

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
        self._before = ""  # its text when editing began: escape puts it back
        self._adding = False  # the item being edited is new: escape removes it
        self._removed: list[tuple[int, str]] = []
        self._spell: SpellCheck | None = None
        self.new = ItemArea(
            "",
            soft_wrap=True,
            compact=True,
            read_only=read_only,
            classes="item-text item-new",
            what=f"{noun}s",
            placeholder=f"Add a {noun}: type, then enter",
        )
        self._rows = VerticalScroll(classes="list-rows")
        # Kept here as well as mounted: a new row must be editable before its mount completes.
        self._row_list: list[Horizontal] = []
        self._area_list: list[ItemArea] = []
        self._empty = Static("", classes="list-empty", markup=False)

    def compose(self) -> ComposeResult:
        yield self._rows
        yield self._empty
        yield self.new

    def on_mount(self) -> None:
        self.border_title = self.title
        self._sync_rows()

    # --- content --------------------------------------------------------------------------

    def load(self, items: list[str]) -> None:
        """Show a paragraph's items; nothing of the previous paragraph's editing survives."""
        self.items = list(items)
        self.editing = None
        self._adding = False
        self._removed = []
        if self.new.text:
            self.new.load_text("")
        self.cursor = min(self.cursor, max(0, len(self.items) - 1)) if self.items else 0
        self._sync_rows()

    def _areas(self) -> list[ItemArea]:
        return self._area_list

    def _sync_rows(self) -> None:
        if not self.is_mounted:
            return
        rows = self._row_list
        for row in rows[len(self.items) :]:
            row.remove()
        del rows[len(self.items) :]
        del self._area_list[len(self.items) :]
        for i in range(len(rows), len(self.items)):
            area = ItemArea(
                "",
                soft_wrap=True,
                compact=True,
                read_only=True,
                show_cursor=False,
                classes="item-text",
                what=f"{self.noun}s",
            )
            area.can_focus = False
            area.set_spelling(self._spell)
            row = Horizontal(Static(f"{i + 1}.", classes="item-number"), area, classes="item-row")
            self._row_list.append(row)
            self._area_list.append(area)
            self._rows.mount(row)
        self._fill_rows()
        self._update_title()

    def _fill_rows(self) -> None:
        areas = self._areas()
        for i, (area, text) in enumerate(zip(areas, self.items, strict=False)):
            if self.editing != i and area.text != text:
                area.load_text(text)
        for i, row in enumerate(self._row_list):
            row.set_class(i == self.cursor, "-cursor")
        # An item's height follows its wrapped text, known only once it has a width.
        self.call_after_refresh(self._relayout)

    def _relayout(self) -> None:
        for area in self._area_list:
            area.refresh(layout=True)
        self._empty.display = False

    def _update_title(self) -> None:
        self.border_title = f"{self.title} ({len(self.items)})"

    def set_spelling(self, check: SpellCheck | None) -> None:
        self._spell = check
        for area in self._areas():
            area.set_spelling(check)

    def _changed(self) -> None:
        self._update_title()
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
        self._fill_rows()
        areas = self._areas()
        if self.cursor < len(areas):
            self._rows.scroll_to_widget(areas[self.cursor], animate=False)

    def action_edit(self) -> None:
        if self._refused():
            return
        if not self.items:
            self.action_add()
            return
        self.edit(self.cursor)

    def edit(self, index: int, *, adding: bool = False) -> None:
        areas = self._areas()
        if not 0 <= index < len(areas):
            return
        self.editing = index
        self.cursor = index
        self._before = self.items[index]
        self._adding = adding
        area = areas[index]
        area.read_only = False
        area.show_cursor = True
        area.can_focus = True
        area.focus()
        area.move_cursor(area.document.end)
        self._fill_rows()

    def action_add(self) -> None:
        if self._refused():
            return
        self.finish()
        self.new.focus()
        self.new.move_cursor(self.new.document.end)

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

    @on(TextArea.Changed, ".item-text")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if event.text_area is self.new:
            if self.new.text:
                self.post_message(Typing())
            return
        if self.editing is None:
            return
        areas = self._areas()
        if self.editing < len(areas) and event.text_area is areas[self.editing]:
            # Kept as typed, so a save, a move to another paragraph or quitting keeps it.
            self.items[self.editing] = clean(event.text_area.text)
            self.post_message(Typing())

    @on(ItemArea.Finished)
    def _finished(self, event: ItemArea.Finished) -> None:
        event.stop()
        if event.area is self.new:
            text = clean(self.new.text)
            self.new.load_text("")
            if event.restore or not text:
                if text:
                    self._changed()  # an autosave may have kept the draft: drop it there too
                self.focus()
                return
            # Filed under this list's paragraph; the box stays for the next one.
            self.items.append(text)
            self.cursor = len(self.items) - 1
            self._sync_rows()
            self._changed()
            return
        self.finish(restore=event.restore)
        self.focus()

    def finish(self, *, restore: bool = False) -> None:
        """End editing: keep the item (enter) or put back its text (escape); an empty item goes."""
        index = self.editing
        if index is None:
            return
        self.editing = None
        areas = self._areas()
        if index < len(areas):
            area = areas[index]
            area.read_only = True
            area.show_cursor = False
            area.can_focus = False
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
        """What the list holds now: the item being edited as typed so far, and what is typed in
        the box for a new item (it was typed for this paragraph)."""
        draft = clean(self.new.text)
        return [item for item in self.items if item] + ([draft] if draft else [])

    def on_click(self, event: events.Click) -> None:
        for i, (area, row) in enumerate(zip(self._areas(), self._row_list, strict=False)):
            if event.widget in (area, row):
                self.cursor = i
                self.focus()
                self._fill_rows()
                return
