"""One line above the footer: where the author is, whether the work is saved, and the report's
word count (the one `drafter check` gives)."""

from __future__ import annotations

from textual.widgets import Static


class StatusLine(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.position = ""
        self.save_text = ""
        self.save_class = ""
        self.words_text = ""

    def set_position(self, text: str) -> None:
        self.position = text
        self._redraw()

    def set_save(self, text: str, state: str) -> None:
        self.save_text = text
        for cls in list(self.classes):
            if cls.startswith("-save-"):
                self.remove_class(cls)
        self.add_class(f"-save-{state}")
        self._redraw()

    def set_words(self, text: str) -> None:
        self.words_text = text
        self._redraw()

    def _redraw(self) -> None:
        parts = [p for p in (self.save_text, self.words_text, self.position) if p]
        self.update(" · ".join(parts))
