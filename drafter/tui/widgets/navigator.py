"""The paragraph navigator: every CO paragraph grouped by section and topic, with status marks,
a filter and a search. Marks are letters and signs, so nothing depends on colour alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from drafter.documents.model import Role
from drafter.project.model import Entry
from drafter.project.template import Template
from drafter.project.workspace import COParagraph

ROLE_SHORT = {
    Role.CONCERN: "concern",
    Role.RECOMMENDATION: "recommends",
    Role.POSITIVE: "positive",
    Role.FOLLOW_UP_REQUEST: "follow-up",
    Role.OTHER: "",
}


def assessment_mark(assessment: str) -> str:
    """ "partially-satisfactory" -> "PS"; "b" -> "B"; "" -> "--"."""
    if not assessment:
        return "--"
    parts = [p for p in assessment.replace("_", "-").split("-") if p]
    return "".join(p[0] for p in parts).upper()[:3]


def status_marks(entry: Entry | None) -> str:
    """`+` commentary written, `d` done, `r` reviewed."""
    if entry is None:
        return ""
    marks = ""
    if entry.commentary.strip():
        marks += "+"
    if entry.done:
        marks += "d"
    if entry.reviewed:
        marks += "r"
    return marks


@dataclass(frozen=True, slots=True)
class NavFilter:
    id: str
    label: str
    keep: Callable[[COParagraph, Entry | None], bool]


def build_filters(
    template: Template, authors: list[str], in_report: Callable[[str], bool]
) -> list[NavFilter]:
    filters = [NavFilter("all", "all", lambda p, e: True)]
    if template.only_follow_up:
        # The one scope rule (Workspace.in_report): what the report prints.
        filters.append(NavFilter("in-report", "in the report", lambda p, e: in_report(p.id)))
    filters += [
        NavFilter("unassessed", "unassessed", lambda p, e: e is None or not e.assessment),
        NavFilter("follow-up", "follow-up", lambda p, e: p.follow_up),
    ]
    for level in template.scale:
        filters.append(NavFilter(f"assessment:{level.id}", level.label, _assessed(level.id)))
    for author in authors:
        filters.append(NavFilter(f"author:{author}", f"by {author}", _by_author(author)))
    return filters


def _assessed(level_id: str) -> Callable[[COParagraph, Entry | None], bool]:
    def keep(p: COParagraph, e: Entry | None) -> bool:
        return e is not None and e.assessment == level_id

    return keep


def _by_author(author: str) -> Callable[[COParagraph, Entry | None], bool]:
    def keep(p: COParagraph, e: Entry | None) -> bool:
        return e is not None and e.author == author

    return keep


class Navigator(Vertical):
    """Lists the paragraphs; posts `Navigator.Selected` when the author picks one."""

    HELP_PLACE = "Paragraph list"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cycle_filter(1)", "Next filter", key_display="f"),
        Binding("F", "cycle_filter(-1)", "Previous filter", key_display="F"),
        Binding("slash", "search", "Search", key_display="/"),
    ]

    filter_index: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        def __init__(self, paragraph_id: str) -> None:
            super().__init__()
            self.paragraph_id = paragraph_id

    def __init__(
        self,
        paragraphs: list[COParagraph],
        entry_of: Callable[[str], Entry | None],
        template: Template,
        authors: list[str],
        in_report: Callable[[str], bool],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="pane")
        self.paragraphs = paragraphs
        self.entry_of = entry_of
        self.in_report = in_report
        self.filters = build_filters(template, authors, in_report)
        self.query_text = ""
        self.current: str | None = None
        self._built = False
        self._option_list = OptionList(id="nav-list")
        self._filter_label = Static("", id="nav-filter", markup=False)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search: words or ¶ number (/)", id="nav-search")
        yield self._filter_label
        yield self._option_list

    def on_mount(self) -> None:
        self.border_title = "Paragraphs (L)"
        # The list comes right after the first frame: the paragraph and its claims first.
        self.call_after_refresh(self.rebuild)

    # --- content ----------------------------------------------------------------------------

    def filtered(self) -> list[COParagraph]:
        """The paragraphs the filter keeps, in CO order (next and previous walk these)."""
        f = self.filters[self.filter_index]
        return [p for p in self.paragraphs if f.keep(p, self.entry_of(p.id))]

    def visible_paragraphs(self) -> list[COParagraph]:
        """The filter, then the search; a paragraph number searched for comes first."""
        q = self.query_text.casefold().strip().lstrip("¶").strip()
        shown = self.filtered()
        if not q:
            return shown
        out = [p for p in shown if self._matches(q, p, self.entry_of(p.id))]
        exact = [p for p in self.paragraphs if p.id.casefold() == q]
        if not exact and q[:1].isdigit():
            exact = [p for p in self.paragraphs if p.id.split("(")[0] == q]
        return exact + [p for p in out if p not in exact]

    @staticmethod
    def _matches(q: str, p: COParagraph, e: Entry | None) -> bool:
        haystacks = [p.id, p.topic, p.text, e.commentary if e else ""]
        return any(q in h.casefold() for h in haystacks)

    def prompt(self, p: COParagraph) -> Text:
        e = self.entry_of(p.id)
        mark = assessment_mark(e.assessment if e else "")
        outside = not self.in_report(p.id)
        first = "×" if outside else ("F" if p.follow_up else " ")
        badges = first + ("!" if p.particular_importance else " ")
        line = Text(style="dim" if outside else "")
        line.append(f"{mark:<3} ", style="bold" if mark != "--" else "dim")
        line.append(f"{p.id:>4} ")
        line.append(badges)
        line.append(f"{status_marks(e):<3}")
        line.append(ROLE_SHORT.get(p.role, ""), style="dim")
        if p.placeholder:
            line.append(" (no CO text)", style="dim italic")
        return line

    def rebuild(self) -> None:
        self._built = True
        f = self.filters[self.filter_index]
        shown = self.visible_paragraphs()
        label = f"f Filter: {f.label} ({len(shown)}/{len(self.paragraphs)})"
        self._filter_label.update(label)
        options: list[Option | None] = []
        section = topic = None
        ranked_first = bool(self.query_text.strip()) and bool(shown)
        for i, p in enumerate(shown):
            if ranked_first and i == 0:
                options.append(Option(self.prompt(p), id=p.id))
                continue
            if p.section != section:
                section = p.section
                topic = None
                if section:
                    options.append(Option(Text(section, style="bold"), disabled=True))
            if p.topic != topic:
                topic = p.topic
                if topic:
                    options.append(Option(Text(f" {topic}", style="italic"), disabled=True))
            if p.id not in {o.id for o in options if isinstance(o, Option)}:
                options.append(Option(self.prompt(p), id=p.id))
        ol = self._option_list
        ol.set_options(options)
        if ranked_first:
            ol.highlighted = 0
        elif self.current is not None:
            self._highlight(self.current)

    def refresh_paragraph(self, paragraph_id: str) -> None:
        """Redraw one line's marks (after an assessment or an edit)."""
        p = next((q for q in self.paragraphs if q.id == paragraph_id), None)
        if p is None:
            return
        try:
            self._option_list.replace_option_prompt(paragraph_id, self.prompt(p))
        except Exception:  # the paragraph is filtered out: nothing to redraw
            return

    def select(self, paragraph_id: str) -> None:
        self.current = paragraph_id
        self._highlight(paragraph_id)
        # Options wrap once the list knows its width; scroll again after that layout.
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        self._option_list.scroll_to_highlight(top=True)

    def _highlight(self, paragraph_id: str) -> None:
        ol = self._option_list
        try:
            index = ol.get_option_index(paragraph_id)
        except Exception:
            return
        ol.highlighted = index

    # --- events -----------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#nav-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.current = event.option.id
            self.post_message(self.Selected(event.option.id))

    @on(Input.Changed, "#nav-search")
    def _searched(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.rebuild()

    @on(Input.Submitted, "#nav-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        shown = self.visible_paragraphs()
        if self.query_text.strip() and shown:
            # Enter on a search picks its first result, a number searched for above all.
            self.current = shown[0].id
            self.post_message(self.Selected(shown[0].id))
        self._option_list.focus()

    def clear_search(self) -> bool:
        """Escape in the search box: empty it and show every paragraph the filter keeps."""
        search = self.query_one("#nav-search", Input)
        had = bool(search.value)
        search.value = ""
        self.query_text = ""
        self.rebuild()
        self._option_list.focus()
        return had

    def on_click(self, event: object) -> None:
        # A click on the filter line cycles the filter, for mouse users.
        widget = getattr(event, "widget", None)
        if widget is self._filter_label:
            self.action_cycle_filter(1)

    def action_cycle_filter(self, step: int = 1) -> None:
        self.filter_index = (self.filter_index + step) % len(self.filters)

    def set_filter(self, filter_id: str) -> None:
        for i, f in enumerate(self.filters):
            if f.id == filter_id:
                self.filter_index = i
                return

    def watch_filter_index(self) -> None:
        if self._built:
            self.rebuild()

    def action_search(self) -> None:
        self.query_one("#nav-search", Input).focus()
