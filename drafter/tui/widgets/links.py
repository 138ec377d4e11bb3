"""A pane of links for the current CO paragraph: the State's claims, prior concerns, evidence.

Each link shows its citation in UN style, the reason it is here, and the start of the linked
paragraph (or, for a claim whose words the author chose to quote, those words). Keys act on the
highlighted link: pin, hide, open in context, cite, choose the words to quote.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.project.workspace import Link, LinkGroup, LinkSet

GROUP_TITLE = {
    LinkGroup.CLAIMS: "State's claims (explicit)",
    LinkGroup.SUGGESTED_CLAIMS: "State's claims (suggested)",
    LinkGroup.PRIOR_CONCERNS: "Prior concerns",
    LinkGroup.EVIDENCE: "Evidence",
}


QUOTE_SHOWN = 160  # characters of a chosen quotation shown under its link


def shorten(text: str, n: int = QUOTE_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rstrip() + " …"


class LinksPane(Vertical):
    """Shows some link groups; posts messages the walk screen acts on."""

    HELP_PLACE = "Links (State's claims, Prior concerns, Evidence)"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pin", "Pin/unpin"),
        Binding("x", "hide", "Hide/unhide"),
        Binding("o", "open", "Open in context"),
        Binding("c", "cite", "Cite at cursor"),
        Binding("w", "quote", "Words to quote"),
        Binding("H", "toggle_hidden", "Show hidden"),
    ]

    class Action(Message):
        """The author asked to do `verb` (pin, hide, open, cite, quote) with `link`."""

        def __init__(self, verb: str, link: Link) -> None:
            super().__init__()
            self.verb = verb
            self.link = link

    class Highlighted(Message):
        def __init__(self, pane: LinksPane, link: Link) -> None:
            super().__init__()
            self.pane = pane
            self.link = link

    def __init__(
        self, title: str, groups: tuple[LinkGroup, ...], *, key: str = "", id: str | None = None
    ):
        super().__init__(id=id, classes="links-pane pane")
        self.title = title
        self.key = key  # the key that jumps here, shown in the title
        self.groups = groups
        self.show_hidden = False
        self.links: dict[str, Link] = {}
        self._list = OptionList(classes="links-list")
        self._links_set = LinkSet("")
        self._snippets: dict[str, str] = {}
        self._citations: dict[str, str] = {}
        self._quoted: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield self._list

    def on_mount(self) -> None:
        self.border_title = f"{self.title} ({self.key})" if self.key else self.title

    def show(
        self,
        links: LinkSet,
        citation_of: dict[str, str],
        snippet_of: dict[str, str],
        quoted: dict[str, str] | None = None,
    ) -> None:
        """Fill the pane; `citation_of`, `snippet_of` and `quoted` (the words the author chose
        to quote) are keyed by link key."""
        self._citations = citation_of
        self._snippets = snippet_of
        self._quoted = quoted or {}
        self._links_set = links
        self._fill()

    def _fill(self) -> None:
        self.links = {}
        options: list[Option | None] = []
        count = hidden = 0
        for group in self.groups:
            group_links = self._links_set.group(group)
            shown = [lk for lk in group_links if self.show_hidden or not lk.hidden]
            hidden += len(group_links) - len(shown)
            if len(self.groups) > 1:
                options.append(Option(Text(GROUP_TITLE[group], style="bold"), disabled=True))
            if not shown:
                options.append(Option(Text("  (none)", style="dim"), disabled=True))
            # Pinned first, then the ranking the workspace gave.
            for lk in sorted(shown, key=lambda lk: not lk.pinned):
                oid = f"{group.value}|{lk.key}"
                self.links[oid] = lk
                options.append(Option(self._prompt(lk), id=oid))
                count += 1
        self._list.set_options(options)
        extra = f", {hidden} hidden (H shows)" if hidden else ""
        jump = f" ({self.key})" if self.key else ""
        self.border_title = f"{self.title}: {count}{extra}{jump}"
        if count:
            first = next(i for i, o in enumerate(self._list.options) if not o.disabled)
            self._list.highlighted = first

    def _prompt(self, lk: Link) -> Text:
        out = Text()
        flags = []
        if lk.pinned:
            flags.append("PINNED")
        if lk.hidden:
            flags.append("HIDDEN")
        quoted = self._quoted.get(lk.key, "")
        if quoted:
            flags.append("QUOTED")
        if lk.group is LinkGroup.CLAIMS:
            flags.append("explicit")
        if flags:
            out.append("[" + ", ".join(flags) + "] ", style="bold")
        out.append(self._citations.get(lk.key, lk.key), style="bold")
        if lk.reason:
            out.append(f"\n  {lk.reason}", style="italic")
        snippet = self._snippets.get(lk.key, "")
        if quoted:
            # The report quotes these words, not the paragraph's first sentences.
            out.append(f"\n  quoting “{shorten(quoted)}”")
        elif snippet:
            out.append(f"\n  {snippet}", style="dim" if lk.hidden else "")
        return out

    # --- the highlighted link ---------------------------------------------------------------

    def highlighted_link(self) -> Link | None:
        option = self._list.highlighted_option
        if option is None or option.id is None:
            return None
        return self.links.get(option.id)

    def highlight(self, key: str) -> None:
        for oid, lk in self.links.items():
            if lk.key == key:
                self._list.highlighted = self._list.get_option_index(oid)
                return

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        lk = self.links.get(event.option.id or "")
        if lk is not None:
            self.post_message(self.Highlighted(self, lk))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        lk = self.links.get(event.option.id or "")
        if lk is not None:
            self.post_message(self.Action("open", lk))

    def _act(self, verb: str) -> None:
        lk = self.highlighted_link()
        if lk is not None:
            self.post_message(self.Action(verb, lk))

    def action_pin(self) -> None:
        self._act("pin")

    def action_hide(self) -> None:
        self._act("hide")

    def action_open(self) -> None:
        self._act("open")

    def action_cite(self) -> None:
        self._act("cite")

    def action_quote(self) -> None:
        self._act("quote")

    def action_toggle_hidden(self) -> None:
        self.show_hidden = not self.show_hidden
        self._fill()

    def focus_list(self) -> None:
        self._list.focus()
