"""The source reader: any imported document whole, with its headings, a search, a jump to a
paragraph, a key that cites the highlighted paragraph in the commentary, and one that chooses
the words the report quotes from it (a paragraph of the State's report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from drafter.tui.screens.base import DrafterScreen

CiteCallback = Callable[[str, str], None]
QuoteCallback = Callable[[str, str], None]  # (source id, paragraph id)


class SourceReaderScreen(DrafterScreen[None]):
    PALETTE_NAME = "source"
    HELP_PLACE = "Source reader"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("g", "jump", "Go to ¶"),
        Binding("c", "cite", "Cite"),
        Binding("w", "quote", "Words to quote"),
        Binding("n", "search_next", "Next match"),
    ]

    def __init__(
        self,
        source_id: str,
        paragraph_id: str | None,
        *,
        on_cite: CiteCallback | None = None,
        on_quote: QuoteCallback | None = None,
    ) -> None:
        super().__init__()
        self.source_id = source_id
        self.paragraph_id = paragraph_id
        self.on_cite = on_cite
        self.on_quote = on_quote
        self.search_text = ""

    def compose(self) -> ComposeResult:
        ws = self.drafter.ws
        choices = [(s.symbol or s.title or s.id, s.id) for s in ws.project.sources]
        with Horizontal(id="source-bar"):
            yield Select(choices, value=self.source_id, allow_blank=False, id="source-pick")
            yield Input(placeholder="Search (/)", id="source-search")
            yield Input(placeholder="Go to ¶ (g)", id="source-jump", classes="narrow-input")
        yield Static("", id="source-title", markup=False)
        yield OptionList(id="source-body")
        yield Footer()

    def on_mount(self) -> None:
        self.load(self.source_id, self.paragraph_id)

    def load(self, source_id: str, paragraph_id: str | None) -> None:
        ws = self.drafter.ws
        self.source_id = source_id
        doc = ws.documents.get(source_id)
        source = ws.project.source(source_id)
        body = self.query_one("#source-body", OptionList)
        title = self.query_one("#source-title", Static)
        if doc is None or source is None:
            title.update(f"{source_id}: not available (missing or unreadable)")
            body.clear_options()
            return
        title.update(
            " · ".join(x for x in (source.symbol, doc.title or source.title, source.kind) if x)
        )
        options: list[Option] = []
        path: tuple[str, ...] = ()
        for p in doc.paragraphs:
            if p.headings != path:
                # Show only the headings that changed, indented by depth.
                for depth, heading in enumerate(p.headings):
                    if depth >= len(path) or path[depth] != heading:
                        options.append(
                            Option(Text("  " * depth + heading, style="bold"), disabled=True)
                        )
                path = p.headings
            line = Text()
            label = p.id if p.numbered else "·"
            line.append(f"{label:>5}  ", style="bold")
            line.append(p.text)
            options.append(Option(line, id=p.id))
        body.set_options(options)
        if paragraph_id is not None:
            self.jump(paragraph_id)
        body.focus()

    def jump(self, paragraph_id: str) -> bool:
        body = self.query_one("#source-body", OptionList)
        try:
            index = body.get_option_index(paragraph_id)
        except Exception:
            # "22(a)" -> "22": the paragraph holding the sub-item.
            base = paragraph_id.split("(")[0]
            try:
                index = body.get_option_index(base)
            except Exception:
                return False
        body.highlighted = index
        body.scroll_to_highlight(top=True)
        return True

    @on(Select.Changed, "#source-pick")
    def _picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.source_id:
            self.load(event.value, None)

    @on(Input.Submitted, "#source-jump")
    def _jump(self, event: Input.Submitted) -> None:
        if not self.jump(event.value.strip()):
            self.notify(f"No paragraph {event.value.strip()} here", severity="warning")
        else:
            self.query_one("#source-body").focus()

    @on(Input.Submitted, "#source-search")
    def _search(self, event: Input.Submitted) -> None:
        self.search_text = event.value.strip().casefold()
        self.action_search_next()
        self.query_one("#source-body").focus()

    def action_search_next(self) -> None:
        if not self.search_text:
            self.action_search()
            return
        doc = self.drafter.ws.documents.get(self.source_id)
        body = self.query_one("#source-body", OptionList)
        if doc is None:
            return
        current = body.highlighted_option
        ids = [p.id for p in doc.paragraphs]
        start = ids.index(current.id) + 1 if current is not None and current.id in ids else 0
        order = doc.paragraphs[start:] + doc.paragraphs[:start]
        for p in order:
            if self.search_text in p.text.casefold():
                self.jump(p.id)
                return
        self.notify(f"'{self.search_text}' not found", severity="warning")

    def action_search(self) -> None:
        self.query_one("#source-search", Input).focus()

    def action_jump(self) -> None:
        self.query_one("#source-jump", Input).focus()

    def action_cite(self) -> None:
        option = self.query_one("#source-body", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        if self.on_cite is None:
            ws = self.drafter.ws
            self.notify(f"{ws.citation_text(self.source_id, option.id)} (open a paragraph to cite)")
            return
        source_id, pid, cite = self.source_id, option.id, self.on_cite
        self.app.pop_screen()
        cite(source_id, pid)

    def action_quote(self) -> None:
        option = self.query_one("#source-body", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        if self.on_quote is None:
            self.notify("Open a paragraph first (walk screen): its section quotes the words")
            return
        self.on_quote(self.source_id, option.id)

    def action_back(self) -> None:
        self.app.pop_screen()
