"""What the author must not miss while working, one line each, for as long as it is true: the
file changed on disk, a read-only session, concluding observations not imported, entries the
report will not print. Unlike a notification it stays; unlike the status line it wraps."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

MARK = {"conflict": "!", "read-only": "!", "warning": "!", "info": "i"}


class Banner(Static):
    def __init__(
        self, lines: list[tuple[str, str]] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__("", id=id, markup=False)
        self.lines: list[tuple[str, str]] = []
        self.display = False
        # Shown from the first frame: appearing a moment later would lay the screen out twice.
        self.show_lines(lines or [])

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        if lines == self.lines and self.display == bool(lines):
            return
        self.lines = list(lines)
        self.display = bool(lines)
        text = Text()
        for i, (kind, line) in enumerate(lines):
            if i:
                text.append("\n")
            text.append(f"{MARK.get(kind, 'i')} ", style="bold")
            text.append(line)
        self.update(text)
        for kind in ("conflict", "read-only", "warning", "info"):
            self.set_class(any(k == kind for k, _ in lines), f"-{kind}")
