"""The assessment picker: the template's scale, one grade a line, each with its number key.

The chosen grade is marked with "(x)" as well as highlighted, so it never depends on colour. A
click on a grade picks it (again: clears it); the number keys work from anywhere in the walk.
One widget, not a button per grade: the walk screen's first frame stays light.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

from drafter.project.template import AssessmentLevel


class AssessmentPicker(Static):
    class Picked(Message):
        def __init__(self, assessment: str) -> None:
            super().__init__()
            self.assessment = assessment  # "" clears

    def __init__(
        self, scale: list[AssessmentLevel], *, read_only: bool = False, id: str | None = None
    ) -> None:
        super().__init__("", id=id)
        self.scale = scale[:9]  # keys 1-9
        self.read_only = read_only
        self.value = ""
        self._draw()

    def _draw(self) -> None:
        out = Text()
        out.append("Assessment:", style="bold")
        for n, level in enumerate(self.scale, 1):
            chosen = level.id == self.value
            mark = "(x)" if chosen else "( )"
            out.append("\n")
            out.append(f" {mark} {n} {level.label}", style="bold reverse" if chosen else "")
        self.update(out)

    def set_value(self, assessment: str) -> None:
        if assessment != self.value:
            self.value = assessment
            self._draw()

    def by_number(self, n: int) -> str | None:
        """The level id for number key n (0 clears); None when the key is not on the scale."""
        if n == 0:
            return ""
        if 1 <= n <= len(self.scale):
            return self.scale[n - 1].id
        return None

    def on_click(self, event: events.Click) -> None:
        # Line 0 is the label; line n is grade n.
        level = self.by_number(event.y) if event.y >= 1 else None
        if level:
            # Clicking the chosen grade again clears it.
            self.post_message(self.Picked("" if level == self.value else level))
