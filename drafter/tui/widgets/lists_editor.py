"""An editable list of short texts: suggested questions, or recommendations.

Type in the box and press enter to add; on the list, enter edits an item (it moves back into
the box), delete removes it, and shift+up / shift+down move it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static


class ListEditor(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "remove", "Remove item"),
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down"),
    ]

    class Changed(Message):
        def __init__(self, editor: ListEditor, items: list[str]) -> None:
            super().__init__()
            self.editor = editor
            self.items = items

        @property
        def control(self) -> ListEditor:
            return self.editor

    def __init__(
        self, title: str, placeholder: str, *, read_only: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="list-editor")
        self.title = title
        self.items: list[str] = []
        self._heading = Static(title, classes="pane-title", markup=False)
        self._list = OptionList(classes="list-items")
        self._input = Input(placeholder=placeholder, classes="list-input", disabled=read_only)

    def compose(self) -> ComposeResult:
        yield self._heading
        yield self._list
        yield self._input

    def load(self, items: list[str]) -> None:
        self.items = list(items)
        self._redraw()

    def _redraw(self, highlight: int | None = None) -> None:
        self._list.set_options([f"{i}. {text}" for i, text in enumerate(self.items, 1)])
        self._heading.update(f"{self.title} ({len(self.items)})")
        if highlight is not None and self.items:
            self._list.highlighted = max(0, min(highlight, len(self.items) - 1))

    def _changed(self) -> None:
        self.post_message(self.Changed(self, list(self.items)))

    def add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.items.append(text)
            self._redraw(len(self.items) - 1)
            self._changed()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add(event.value)
        self._input.value = ""

    @on(OptionList.OptionSelected)
    def _edit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.items):
            self._input.value = self.items.pop(index)
            self._redraw(index)
            self._changed()
            self._input.focus()

    def action_remove(self) -> None:
        index = self._list.highlighted
        if index is not None and 0 <= index < len(self.items):
            del self.items[index]
            self._redraw(index)
            self._changed()

    def action_move(self, step: int) -> None:
        index = self._list.highlighted
        if index is None:
            return
        to = index + step
        if 0 <= index < len(self.items) and 0 <= to < len(self.items):
            self.items[index], self.items[to] = self.items[to], self.items[index]
            self._redraw(to)
            self._changed()
