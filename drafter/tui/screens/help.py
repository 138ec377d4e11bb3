"""Help: every binding, generated from the bindings of the app, the screen it was opened from and
the widgets on it, so it can never drift from what the keys do."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

MARKS = (
    "Paragraph list marks: the assessment's initials (PS = partially satisfactory, -- = not "
    "assessed), F = follow-up paragraph, × = not in this report (a follow-up report prints only "
    "the follow-up paragraphs), ! = particular importance, + = commentary written, d = done, "
    "r = reviewed. In the links: [PINNED], [HIDDEN], [explicit]. Misspelt words are underlined; "
    "f9 adds the word at the cursor to the project's word list. The focused pane has a "
    "coloured border; capital letters jump to a pane (C Committee, S State's claims, "
    "P Prior concerns, E Evidence, W Commentary, Q Questions, R Recommendations, L Paragraph "
    "list, N Review notes), f6 goes round them, f10 makes one fill the screen. Review notes are "
    "what your reviewer wrote in Word (drafter import-review) and your notes to them: the pane "
    "is there on the paragraphs that have some; a answers a note, x resolves it, u reopens it, "
    "+ accepts a proposed change into your text and - rejects it. The overview (f2, then n) "
    "lists every note, those on no paragraph too."
)


def place(cls: type[DOMNode]) -> str:
    """Where a key works, in the author's words."""
    return str(getattr(cls, "HELP_PLACE", "") or "This screen")


def _bindings(node: type[DOMNode]) -> list[Binding]:
    return [b for b in node.BINDINGS if isinstance(b, Binding)]


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close help")
    ]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(classes="dialog-screen")
        self.under = under

    def sections(self) -> list[tuple[str, list[Binding]]]:
        seen: set[type[DOMNode]] = set()
        out: list[tuple[str, list[Binding]]] = []
        # Places as the author calls them ("Questions and Recommendations"), never class names.
        out.append((place(type(self.under)), _bindings(type(self.under))))
        places: set[str] = set()
        # Widgets built only when needed (the review notes pane) are named by the screen.
        also: tuple[type[DOMNode], ...] = getattr(self.under, "HELP_ALSO", ())
        for cls in [type(widget) for widget in self.under.query("*")] + list(also):
            if cls in seen or not cls.__module__.startswith("drafter."):
                continue
            seen.add(cls)
            # A subclass that only inherits its keys (an item's editor) is the same place.
            if _bindings(cls) and place(cls) not in places:
                places.add(place(cls))
                out.append((place(cls), _bindings(cls)))
        out.append((place(type(self.app)), _bindings(type(self.app))))
        out.append(("Everywhere", [Binding("ctrl+p", "command_palette", "Command palette")]))
        return out

    def table(self) -> Table:
        table = Table(expand=True, show_edge=False, box=None, pad_edge=False)
        table.add_column("Key", style="bold", max_width=18)
        table.add_column("Does", ratio=3)
        table.add_column("Where", style="dim", ratio=2)
        for where, bindings in self.sections():
            # One row per description: the ten number keys are one line, not ten.
            rows: dict[str, list[str]] = {}
            for b in bindings:
                if b.description:
                    keys = rows.setdefault(b.description, [])
                    keys.extend(
                        self.app.get_key_display(Binding(k, b.action)) for k in b.key.split(",")
                    )
            for description, keys in rows.items():
                table.add_row(", ".join(keys), description, where)
        return table

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static("Keys (escape closes)", classes="dialog-title")
            yield Static(self.table(), id="help-table")
            yield Static(MARKS, classes="dialog-hint", markup=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
