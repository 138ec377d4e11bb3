"""The Committee's paragraph: its words, sub-items, sibling concern or recommendation, badges."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.documents.model import Role
from drafter.project.workspace import COParagraph

ROLE_TITLE = {
    Role.CONCERN: "Concern",
    Role.RECOMMENDATION: "Recommendation",
    Role.POSITIVE: "Positive aspect",
    Role.FOLLOW_UP_REQUEST: "Follow-up request",
    Role.OTHER: "",
}

PLACEHOLDER_NOTE = (
    "The concluding observations are not imported: this paragraph is known only because the "
    "State report refers to it. Import them (overview, i) to see the Committee's words; "
    "nothing you write here is lost when they arrive."
)


def lead_text(p: COParagraph) -> str:
    """The paragraph's text before its first sub-item, when sub-items are listed apart."""
    if p.paragraph is None or not p.paragraph.sub_items:
        return p.text
    first = p.paragraph.sub_items[0]
    # The sub-item's words are part of the text: cut before them and their marker, whichever
    # form the language writes it in ("(a)" in English, "a)" in French and Spanish).
    start = p.text.find(first.text[:80]) if first.text else -1
    if start <= 0:
        return p.text
    before = p.text[:start].rstrip()
    marker = re.search(rf"\(?{re.escape(first.label)}[).]$", before)
    # No marker right before the words: show the whole text rather than hide any of it.
    return before[: marker.start()].rstrip() if marker else p.text


OUTSIDE_NOTE = (
    "Not in this report: the template prints only the follow-up paragraphs. What you write "
    "here is kept in the project but not printed."
)


def render_paragraph(p: COParagraph, sibling: COParagraph | None, in_report: bool = True) -> Text:
    out = Text()
    if not in_report:
        out.append("[NOT IN THIS REPORT] ", style="bold reverse")
    out.append(f"Paragraph {p.id}", style="bold")
    role = ROLE_TITLE.get(p.role, "")
    if role:
        out.append(f" · {role}")
    if p.follow_up:
        out.append("  [FOLLOW-UP]", style="bold reverse")
    if p.particular_importance:
        out.append("  [PARTICULAR IMPORTANCE]", style="bold reverse")
    out.append("\n")
    where = " › ".join(x for x in (p.section, p.topic) if x)
    if where:
        out.append(where + "\n", style="italic")
    out.append("\n")
    if not in_report:
        out.append(OUTSIDE_NOTE + "\n\n", style="italic")
    if p.placeholder:
        out.append("Not imported. ", style="bold")
        out.append(PLACEHOLDER_NOTE + "\n", style="italic")
    else:
        out.append(lead_text(p) + "\n")
        if p.paragraph is not None:
            for item in p.paragraph.sub_items:
                out.append(f"  ({item.label}) ", style="bold")
                out.append(item.text + "\n")
    if sibling is not None:
        out.append("\n")
        label = ROLE_TITLE.get(sibling.role, "") or "Paired paragraph"
        out.append(f"{label}, paragraph {sibling.id}\n", style="bold")
        text = sibling.text if not sibling.placeholder else "(not imported)"
        if len(text) > 600:
            text = text[:600].rstrip() + " …"
        out.append(text + "\n", style="dim")
    return out


class COParagraphView(VerticalScroll):
    """Scrolls when the paragraph is long; focusable so the keyboard can scroll it."""

    HELP_PLACE = "Committee's paragraph"
    ALLOW_MAXIMIZE = True  # f10: the pane fills the screen
    can_focus = True

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.body = Static("", classes="co-text")

    def compose(self) -> ComposeResult:
        yield self.body

    def on_mount(self) -> None:
        self.border_title = "Committee (C)"

    def show(self, p: COParagraph, sibling: COParagraph | None, in_report: bool = True) -> None:
        self.body.update(render_paragraph(p, sibling, in_report))
        self.set_class(p.placeholder, "-placeholder")
        self.set_class(not in_report, "-outside")
        self.scroll_home(animate=False)
