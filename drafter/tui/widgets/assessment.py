"""The assessment picker: the template's scale as buttons, each with its number key.

The chosen grade is marked with "(x)" as well as highlighted, so it never depends on colour.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static

from drafter.project.template import AssessmentLevel


class AssessmentPicker(Vertical):
    class Picked(Message):
        def __init__(self, assessment: str) -> None:
            super().__init__()
            self.assessment = assessment  # "" clears

    def __init__(
        self, scale: list[AssessmentLevel], *, read_only: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.scale = scale[:9]  # keys 1-9
        self.read_only = read_only
        self.value = ""

    def compose(self) -> ComposeResult:
        yield Static("Assessment:", classes="picker-label")
        for n, level in enumerate(self.scale, 1):
            yield Button(
                self._label(n, level),
                id=f"assess-{n}",
                compact=True,
                disabled=self.read_only,
                tooltip=level.description or None,
            )

    def _label(self, n: int, level: AssessmentLevel) -> str:
        mark = "(x)" if level.id == self.value else "( )"
        return f"{mark} {n} {level.label}"

    def set_value(self, assessment: str) -> None:
        self.value = assessment
        for n, level in enumerate(self.scale, 1):
            for button in self.query(f"#assess-{n}").results(Button):
                button.label = self._label(n, level)
                button.set_class(level.id == assessment, "-chosen")

    def on_mount(self) -> None:
        self.set_value(self.value)

    def by_number(self, n: int) -> str | None:
        """The level id for number key n (0 clears); None when the key is not on the scale."""
        if n == 0:
            return ""
        if 1 <= n <= len(self.scale):
            return self.scale[n - 1].id
        return None

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        n = int((event.button.id or "assess-0").split("-")[1])
        level = self.by_number(n)
        if level is not None:
            # Pressing the chosen grade again clears it.
            self.post_message(self.Picked("" if level == self.value else level))
