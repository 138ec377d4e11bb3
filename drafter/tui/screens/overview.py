"""The overview: what the report is, how far it has come, and the way to everything else."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from drafter.project.workspace import COParagraph
from drafter.tui.screens.base import DrafterScreen
from drafter.tui.widgets.banner import Banner
from drafter.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from drafter.project.model import Entry

BAR = 20


def days_left(deadline: str, today: date | None = None) -> str:
    """ "2026-03-01" -> "in 12 days" / "today" / "3 days ago"; "" when unknown or malformed."""
    if not deadline:
        return ""
    try:
        due = date.fromisoformat(deadline)
    except ValueError:
        return ""
    delta = (due - (today or date.today())).days
    if delta == 0:
        return "today"
    if delta > 0:
        return f"in {delta} day{'s' if delta != 1 else ''}"
    return f"{-delta} day{'s' if delta != -1 else ''} ago"


def bar(n: int, total: int) -> str:
    filled = round(BAR * n / total) if total else 0
    return "█" * filled + "·" * (BAR - filled)


class OverviewScreen(DrafterScreen[None]):
    PALETTE_NAME = "overview"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w,escape", "app.walk", "Walk"),
        Binding("i", "app.import", "Import"),
        Binding("m", "app.metadata", "Metadata"),
        Binding("f", "app.front_matter", "Front matter"),
        Binding("r", "app.render", "Render"),
        Binding("s", "app.sources", "Sources"),
        Binding("n", "app.review_notes", "Review notes"),
    ]

    HELP_PLACE = "Overview"

    def compose(self) -> ComposeResult:
        yield Banner(self.drafter.banner_lines(), id="banner")
        with VerticalScroll(id="overview"):
            with Horizontal(id="overview-top"):
                yield Static(id="overview-meta", markup=False)
                yield Static(id="overview-progress", markup=False)
            yield Static(
                "Topics of the report (enter walks from the first paragraph)",
                classes="pane-title",
            )
            yield OptionList(id="overview-topics")
            with Horizontal(id="overview-actions"):
                yield Button("Walk (w)", id="ov-walk", variant="primary", action="app.walk")
                yield Button("Import (i)", id="ov-import", action="app.import")
                yield Button("Metadata (m)", id="ov-metadata", action="app.metadata")
                yield Button("Front matter (f)", id="ov-front", action="app.front_matter")
                yield Button("Render (r)", id="ov-render", action="app.render")
                yield Button("Sources (s)", id="ov-sources", action="app.sources")
                yield Button("Review notes (n)", id="ov-review", action="app.review_notes")
        yield StatusLine(id="status")
        yield Footer()

    def on_resize(self, event: Resize) -> None:
        # Side by side needs two 40-column blocks; narrower, they stack.
        self.set_class(event.size.width < 100, "-narrow")

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")
        self.refresh_content()
        self.drafter.refresh_save_status()

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def refresh_content(self) -> None:
        ws = self.drafter.ws
        md = ws.project.metadata
        tpl = ws.template
        meta = Text()
        meta.append((md.title or "(untitled report)") + "\n", style="bold")
        label = md.report_label or tpl.report_label
        if label:
            meta.append(f"{label} · template {tpl.name or tpl.id}\n", style="italic")
        rows = [
            ("Committee", md.committee or tpl.committee),
            ("State", md.state),
            ("Session", " ".join(x for x in (md.session, self._dates()) if x)),
        ]
        left = days_left(md.deadline)
        rows.append(("Deadline", f"{md.deadline} ({left})" if left else md.deadline or "not set"))
        orgs = ", ".join(o.name for o in md.organisations)
        rows.append(("Organisations", orgs or "none yet (m to add)"))
        rows.append(("Sources", ", ".join(s.symbol or s.id for s in ws.project.sources) or "none"))
        for name, value in rows:
            meta.append(f"{name + ':':<15}", style="bold")
            meta.append(f"{value or '—'}\n")
        self.query_one("#overview-meta", Static).update(meta)
        self.query_one("#overview-progress", Static).update(self._progress())
        self._topics()

    def _dates(self) -> str:
        md = self.drafter.ws.project.metadata
        if md.session_start and md.session_end:
            return f"({md.session_start} to {md.session_end})"
        return f"({md.session_start})" if md.session_start else ""

    def _report_paragraphs(self) -> list[COParagraph]:
        """What the report contains (the one scope rule, `Workspace.in_report`)."""
        ws = self.drafter.ws
        return [p for p in ws.co_paragraphs() if ws.in_report(p.id)]

    def _progress(self) -> Text:
        app = self.drafter
        ws = app.ws
        paragraphs = self._report_paragraphs()
        entries = ws.project.entries
        counts = Counter((entries[p.id].assessment if p.id in entries else "") for p in paragraphs)
        total = len(paragraphs)
        out = Text()
        out.append(
            f"Progress: {total - counts.get('', 0)} of {total} paragraphs assessed\n", "bold"
        )
        outside = len(ws.co_paragraphs()) - total
        if outside:
            out.append(f"({outside} paragraphs are not in this report)\n", "italic")
        for level in ws.template.scale:
            n = counts.get(level.id, 0)
            out.append(f"{level.label[:24]:<24} {bar(n, total)} {n}\n")
        n = counts.get("", 0)
        out.append(f"{'Not assessed':<24} {bar(n, total)} {n}\n")
        out.append(self._review_line())
        limit = ws.template.word_limit.words
        out.append("\n")
        if app.report_words is None:
            out.append("Words: counting …\n", style="bold")
            return out
        # The one word count: the report built whole, as `drafter check` counts it.
        words = app.report_words.total
        if limit:
            over = " OVER THE LIMIT" if words > limit else ""
            out.append(f"Words: {words:,} of {limit:,}{over}\n", style="bold")
            out.append(f"{'':<24} {bar(min(words, limit), limit)}\n")
        else:
            out.append(f"Words: {words:,} (the committee publishes no limit)\n", style="bold")
        return out

    def _review_line(self) -> Text:
        """The reviewers' notes still open (a thread is open while its first note is)."""
        from drafter.project.review import open_by_paragraph

        project = self.drafter.ws.project
        out = Text()
        if not project.review:
            return out
        counts = open_by_paragraph(project)
        total = sum(counts.values())
        out.append("\nReview notes: ", style="bold")
        if not total:
            out.append("none open (n lists them)\n")
            return out
        placed = len([p for p in counts if p])
        parts = [f"{total} open"]
        if placed:
            parts.append(f"on {placed} paragraph{'s' if placed != 1 else ''}")
        if counts.get(""):
            parts.append(f"({counts['']} on no paragraph)")
        out.append(" ".join(parts) + " — n lists them\n")
        return out

    def review_changed(self) -> None:
        self.refresh_content()

    def _topics(self) -> None:
        ws = self.drafter.ws
        groups: dict[str, list[COParagraph]] = {}
        for p in self._report_paragraphs():
            groups.setdefault(p.topic or p.section or "Other", []).append(p)
        options: list[Option] = []
        for topic, paragraphs in groups.items():
            entries: list[Entry] = [
                ws.project.entries[p.id] for p in paragraphs if p.id in ws.project.entries
            ]
            assessed = sum(1 for e in entries if e.assessment)
            written = sum(1 for e in entries if e.commentary.strip())
            n = len(paragraphs)
            mark = "done" if assessed == n else ("started" if assessed or written else "to do")
            ids = ", ".join(p.id for p in paragraphs[:6]) + (" …" if n > 6 else "")
            line = Text()
            line.append(f"[{mark:^7}] ", style="bold")
            line.append(f"{topic} ")
            line.append(f"(¶ {ids}: {assessed}/{n} assessed, {written} written)", style="dim")
            options.append(Option(line, id=paragraphs[0].id))
        topics = self.query_one("#overview-topics", OptionList)
        topics.set_options(options)

    @on(OptionList.OptionSelected, "#overview-topics")
    def _topic(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.drafter.action_walk(event.option.id)
