"""The walk screen: one CO paragraph at a time, the State's claims beside the Committee's words,
and the author's assessment, commentary, questions and recommendations.

At `Settings.wide_columns` and wider the panes stand side by side; narrower, they collapse into
tabs. Crossing the width rebuilds the screen after copying the editors into the model, so a
resize never loses text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, TabbedContent, TabPane, TextArea

from drafter.documents.model import DocumentKind
from drafter.project.workspace import COParagraph, Link, LinkGroup, LinkSet
from drafter.tui.widgets.assessment import AssessmentPicker
from drafter.tui.widgets.co_paragraph import COParagraphView
from drafter.tui.widgets.commentary import CommentaryEditor
from drafter.tui.widgets.links import LinksPane
from drafter.tui.widgets.lists_editor import ListEditor
from drafter.tui.widgets.navigator import Navigator
from drafter.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

SNIPPET = 160

# Where a hidden link is listed again, by the kind of its source.
HIDDEN_GROUP = {
    DocumentKind.STATE_REPORT.value: LinkGroup.SUGGESTED_CLAIMS,
    DocumentKind.EVIDENCE.value: LinkGroup.EVIDENCE,
}

TABS = ("tab-committee", "tab-claims", "tab-prior", "tab-evidence", "tab-write", "tab-lists")


def snippet(text: str, n: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rstrip() + " …"


class WalkScreen(Screen[None]):
    PALETTE_NAME = "walk"
    # Focus is set in on_mount (the Committee's paragraph, so keys act instead of typing into a
    # box); an automatic focus after mounting could undo a key the author pressed already.
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+down,alt+down", "next", "Next ¶", key_display="^↓"),
        Binding("ctrl+up,alt+up", "previous", "Prev ¶", key_display="^↑"),
        Binding("n", "next", "Next paragraph", show=False),
        Binding("b", "previous", "Previous paragraph", show=False),
        Binding("e", "edit", "Write"),
        Binding("ctrl+r", "cite", "Cite", key_display="^r"),
        Binding("escape", "leave_editor", "Leave editor", show=False),
        Binding("d", "toggle_done", "Done/undone", show=False),
        Binding("q", "focus_questions", "Questions", show=False),
        Binding("r", "focus_recommendations", "Recommendations", show=False),
        Binding("s", "source", "Read source", show=False),
        Binding("f3", "search", "Search", show=False),
        Binding("f4", "cycle_filter", "Filter", show=False),
        Binding("f5", "toggle_navigator", "Navigator"),
        Binding("f8", "next_tab", "Next pane", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        *[Binding(str(n), f"assess({n})", "Assess 1-9, 0 clears", show=False) for n in range(10)],
    ]

    def __init__(self, start: str | None = None, cursor: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.paragraphs: list[COParagraph] = []
        self.index = 0
        self.start = start
        self.start_cursor = cursor
        self.current_link: Link | None = None
        self.wide = False

    @property
    def drafter(self) -> DrafterApp:
        from drafter.tui.app import DrafterApp

        assert isinstance(self.app, DrafterApp)
        return self.app

    @property
    def pid(self) -> str:
        return self.paragraphs[self.index].id if self.paragraphs else ""

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        app = self.drafter
        ws = app.ws
        self.paragraphs = ws.co_paragraphs()
        self.wide = app.size.width >= app.settings.wide_columns
        authors = sorted({e.author for e in ws.project.entries.values() if e.author})
        self.navigator = Navigator(
            self.paragraphs, ws.project.entries.get, ws.template, authors, id="navigator"
        )
        self.co_view = COParagraphView(id="co-paragraph")
        self.claims = LinksPane(
            "State's claims", (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS), id="claims"
        )
        self.prior = LinksPane("Prior concerns", (LinkGroup.PRIOR_CONCERNS,), id="prior")
        self.evidence = LinksPane("Evidence", (LinkGroup.EVIDENCE,), id="evidence")
        limit = ws.template.word_limit.words
        self.picker = AssessmentPicker(ws.template.scale, read_only=ws.read_only, id="assessment")
        self.editor = CommentaryEditor(limit=limit, read_only=ws.read_only, id="commentary")
        self.questions = ListEditor(
            "Suggested questions", "Add a question, enter", read_only=ws.read_only, id="questions"
        )
        self.recommendations = ListEditor(
            "Recommendations",
            "Add a recommendation, enter",
            read_only=ws.read_only,
            id="recommendations",
        )
        self.status = StatusLine(id="status")
        self.set_class(self.wide, "-wide")
        self.set_class(not self.wide, "-narrow")
        with Horizontal(id="walk"):
            yield self.navigator
            if self.wide:
                with Vertical(id="committee-col"):
                    yield self.co_view
                with Vertical(id="links-col"):
                    yield self.claims
                    yield self.prior
                    yield self.evidence
                with Vertical(id="author-col"):
                    yield self.picker
                    yield self.editor
                    yield self.questions
                    yield self.recommendations
            else:
                with TabbedContent(id="panes", initial="tab-committee"):
                    with TabPane("Committee", id="tab-committee"):
                        yield self.co_view
                    with TabPane("State", id="tab-claims"):
                        yield self.claims
                    with TabPane("Prior", id="tab-prior"):
                        yield self.prior
                    with TabPane("Evidence", id="tab-evidence"):
                        yield self.evidence
                    with TabPane("Write", id="tab-write"):
                        yield self.picker
                        yield self.editor
                    with TabPane("Q & R", id="tab-lists"):
                        yield self.questions
                        yield self.recommendations
        yield self.status
        yield Footer()

    def on_mount(self) -> None:
        app = self.drafter
        app.autosave.flushers.append(self.flush)
        self.set_focus(self.co_view)
        if not self.wide:
            self.navigator.display = False
        if self.paragraphs:
            self.index = self._index_of(self.start) if self.start else 0
            if self.start and self.paragraphs[self.index].id != self.start:
                self.notify(f"No paragraph {self.start}: starting at the first", timeout=5)
            self._show(cursor=self.start_cursor)
            self.start_cursor = None
        else:
            self.co_view.body.update(
                "No concluding-observations paragraphs yet: import the concluding observations "
                "or a State report that refers to them (F2 for the overview, then i)."
            )
        app.refresh_save_status()

    def on_unmount(self) -> None:
        flushers = self.drafter.autosave.flushers
        if self.flush in flushers:
            flushers.remove(self.flush)

    async def on_resize(self, event: Resize) -> None:
        wide = event.size.width >= self.drafter.settings.wide_columns
        if wide != self.wide and self.paragraphs:
            self.flush()
            self.start = self.pid
            self.start_cursor = self.editor.area.cursor_location
            self.drafter.autosave.flushers.remove(self.flush)
            await self.recompose()
            self.on_mount()

    def _index_of(self, pid: str | None) -> int:
        for i, p in enumerate(self.paragraphs):
            if p.id == pid:
                return i
        # "16" when only "16(a)"-style ids exist, or an unknown id: the nearest sensible start.
        return 0

    # --- showing a paragraph ------------------------------------------------------------------

    def _sibling(self, p: COParagraph) -> COParagraph | None:
        if p.pair is None:
            return None
        return self.drafter.ws.co_paragraph(p.pair)

    def _show(self, cursor: tuple[int, int] | None = None) -> None:
        ws = self.drafter.ws
        p = self.paragraphs[self.index]
        self.co_view.show(p, self._sibling(p))
        self._show_links_only()
        self.current_link = (
            self.claims.highlighted_link()
            or self.prior.highlighted_link()
            or self.evidence.highlighted_link()
        )
        entry = ws.project.entries.get(p.id)
        self.picker.set_value(entry.assessment if entry else "")
        self.editor.load(entry.commentary if entry else "", cursor)
        self.questions.load(entry.questions if entry else [])
        self.recommendations.load(entry.recommendations if entry else [])
        self.navigator.select(p.id)
        self._position()
        self.drafter.remember(p.id, cursor or (0, 0))
        conflicts = [c.field for c in ws.project.conflicts if c.paragraph == p.id]
        if conflicts:
            # Left by a git merge (drafter merge-file); `drafter check` lists them too.
            self.notify(
                f"Merge conflict in {', '.join(conflicts)}: both versions are kept; edit the "
                "text to one (or run `drafter resolve`)",
                severity="warning",
                timeout=8,
            )

    def _position(self) -> None:
        p = self.paragraphs[self.index]
        entry = self.drafter.ws.project.entries.get(p.id)
        done = " · done" if entry is not None and entry.done else ""
        if any(c.paragraph == p.id for c in self.drafter.ws.project.conflicts):
            done += " · merge conflict"
        self.status.set_position(f"¶ {p.id} ({self.index + 1} of {len(self.paragraphs)}){done}")

    def go_to(self, pid: str) -> None:
        """Leave the current paragraph (saving it) and show `pid`."""
        if not self.paragraphs:
            return
        target = self._index_of(pid)
        if self.paragraphs[target].id != pid:
            self.notify(f"No paragraph {pid} in this project", severity="warning")
            return
        self._leave()
        self.index = target
        self._show()

    def _leave(self) -> None:
        self.flush()
        app = self.drafter
        app.remember(self.pid, self.editor.area.cursor_location)
        app.save_soon()

    # --- model updates --------------------------------------------------------------------------

    def flush(self) -> None:
        """Copy the commentary into the model if it changed (UI thread)."""
        if not self.paragraphs or self.drafter.ws.read_only:
            return
        pid = self.pid
        text = self.editor.text
        entry = self.drafter.ws.project.entries.get(pid)
        if (entry.commentary if entry else "") != text:
            self._update(pid, commentary=text)

    def _update(self, pid: str, **fields: Any) -> None:
        app = self.drafter
        if app.ws.read_only:
            self.notify("Read-only: changes are not kept", severity="warning")
            return
        with app.autosave.model_lock:
            entry = app.ws.entry(pid)
            for name, value in fields.items():
                setattr(entry, name, value)
            app.autosave.changed_entry(pid)
        self.navigator.refresh_paragraph(pid)

    @on(CommentaryEditor.Typed)
    def _typed(self) -> None:
        self.drafter.autosave.edited()

    @on(ListEditor.Changed, "#questions")
    def _questions(self, event: ListEditor.Changed) -> None:
        self._update(self.pid, questions=event.items)

    @on(ListEditor.Changed, "#recommendations")
    def _recommendations(self, event: ListEditor.Changed) -> None:
        self._update(self.pid, recommendations=event.items)

    @on(AssessmentPicker.Picked)
    def _picked(self, event: AssessmentPicker.Picked) -> None:
        self.set_assessment(event.assessment)

    def set_assessment(self, assessment: str) -> None:
        self._update(self.pid, assessment=assessment)
        self.picker.set_value(assessment)
        level = self.drafter.ws.template.level(assessment)
        self.notify(f"¶ {self.pid}: {level.label if level else 'not assessed'}", timeout=2)

    @on(Navigator.Selected)
    def _nav(self, event: Navigator.Selected) -> None:
        self.go_to(event.paragraph_id)
        if not self.wide:
            self.navigator.display = False

    @on(LinksPane.Highlighted)
    def _link_highlighted(self, event: LinksPane.Highlighted) -> None:
        # Filling the panes highlights each one's first link; only the author's moves count.
        if event.pane.has_focus_within:
            self.current_link = event.link

    @on(LinksPane.Action)
    def _link_action(self, event: LinksPane.Action) -> None:
        self.current_link = event.link
        match event.verb:
            case "pin":
                self.toggle_pin(event.link)
            case "hide":
                self.toggle_hide(event.link)
            case "open":
                self.open_link(event.link)
            case "cite":
                self.cite(event.link)

    def _refresh_links(self, keep: Link) -> None:
        focused = self.focused
        self._show_links_only()
        for pane in (self.claims, self.prior, self.evidence):
            pane.highlight(keep.key)
        if focused is not None:
            self.set_focus(focused)

    def _show_links_only(self) -> None:
        ws = self.drafter.ws
        links = ws.links(self.pid)
        self._add_hidden(links)
        citations: dict[str, str] = {}
        snippets: dict[str, str] = {}
        for group in links.groups.values():
            for lk in group:
                if lk.key in citations:
                    continue
                citations[lk.key] = ws.citation_text(lk.source_id, lk.paragraph_id)
                doc = ws.documents.get(lk.source_id)
                para = doc.paragraph(lk.paragraph_id) if doc is not None else None
                snippets[lk.key] = snippet(para.text) if para is not None else ""
        for pane in (self.claims, self.prior, self.evidence):
            pane.show(links, citations, snippets)
        if not self.wide:
            self._label_tabs(links)

    def _label_tabs(self, links: LinkSet) -> None:
        """On narrow terminals the tab titles carry the counts the panes would show."""
        panes = self.query_one("#panes", TabbedContent)
        counts = {
            "tab-claims": ("State", (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS)),
            "tab-prior": ("Prior", (LinkGroup.PRIOR_CONCERNS,)),
            "tab-evidence": ("Evidence", (LinkGroup.EVIDENCE,)),
        }
        for tab_id, (title, groups) in counts.items():
            n = sum(1 for g in groups for lk in links.group(g) if not lk.hidden)
            panes.get_tab(tab_id).label = f"{title} {n}"

    def _add_hidden(self, links: LinkSet) -> None:
        """The workspace leaves hidden links out; the panes list them (on H) to unhide."""
        ws = self.drafter.ws
        entry = ws.project.entries.get(self.pid)
        for key in entry.hidden if entry else []:
            source_id, _, paragraph_id = key.partition(":")
            source = ws.project.source(source_id)
            if source is None:
                continue
            group = HIDDEN_GROUP.get(source.kind, LinkGroup.PRIOR_CONCERNS)
            hidden = Link(group, source_id, paragraph_id, 0.0, "hidden by you", hidden=True)
            links.groups.setdefault(group, []).append(hidden)

    def toggle_pin(self, link: Link) -> None:
        app = self.drafter
        if app.ws.read_only:
            self.notify("Read-only: pins are not kept", severity="warning")
            return
        with app.autosave.model_lock:
            if link.pinned:
                app.ws.unpin(self.pid, link.key)
            else:
                app.ws.pin(self.pid, link.key)
            app.autosave.changed_entry(self.pid)
        self._refresh_links(link)
        self.notify(f"{'Unpinned' if link.pinned else 'Pinned'} {link.key}", timeout=2)

    def toggle_hide(self, link: Link) -> None:
        app = self.drafter
        if app.ws.read_only:
            self.notify("Read-only: hidden links are not kept", severity="warning")
            return
        with app.autosave.model_lock:
            if link.hidden:
                app.ws.unhide(self.pid, link.key)
            else:
                app.ws.hide(self.pid, link.key)
            app.autosave.changed_entry(self.pid)
        self._refresh_links(link)
        self.notify(f"{'Shown' if link.hidden else 'Hidden'} {link.key}", timeout=2)

    def open_link(self, link: Link) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        self.app.push_screen(
            SourceReaderScreen(link.source_id, link.paragraph_id, on_cite=self.insert_citation)
        )

    def cite(self, link: Link | None) -> None:
        if link is None:
            self.notify("No link highlighted to cite", severity="warning")
            return
        self.insert_citation(link.source_id, link.paragraph_id)
        if link.group is LinkGroup.EVIDENCE:
            entry = self.drafter.ws.project.entries.get(self.pid)
            evidence = list(entry.evidence) if entry else []
            if link.key not in evidence:
                self._update(self.pid, evidence=[*evidence, link.key])

    def insert_citation(self, source_id: str, paragraph_id: str) -> None:
        ws = self.drafter.ws
        if ws.read_only:
            self.notify("Read-only: nothing to cite into", severity="warning")
            return
        token = ws.cite(source_id, paragraph_id)
        self._reveal("tab-write")
        self.editor.insert_at_cursor(token)
        self.flush()
        self.notify(f"Cited {ws.citation_text(source_id, paragraph_id)}", timeout=3)

    # --- actions ------------------------------------------------------------------------------

    def _reveal(self, tab: str) -> None:
        if not self.wide:
            self.query_one("#panes", TabbedContent).active = tab

    def action_next(self) -> None:
        if self.paragraphs and self.index + 1 < len(self.paragraphs):
            self.go_to(self.paragraphs[self.index + 1].id)
        else:
            self.notify("Last paragraph", timeout=2)

    def action_previous(self) -> None:
        if self.paragraphs and self.index > 0:
            self.go_to(self.paragraphs[self.index - 1].id)
        else:
            self.notify("First paragraph", timeout=2)

    def action_edit(self) -> None:
        self._reveal("tab-write")
        self.set_focus(self.editor.area)

    def action_leave_editor(self) -> None:
        if isinstance(self.focused, TextArea | Input):
            if self.wide or self.navigator.display:
                self.set_focus(self.navigator.query_one("#nav-list"))
            else:
                self.query_one("#panes", TabbedContent).query_one("Tabs").focus()
        elif not self.wide and self.navigator.display:
            self.navigator.display = False

    def action_cite(self) -> None:
        self.cite(self.current_link)

    def action_assess(self, n: int) -> None:
        if not self.paragraphs:
            return
        level = self.picker.by_number(n)
        if level is None:
            self.notify(f"The scale has no grade {n}", severity="warning", timeout=2)
            return
        self.set_assessment(level)

    def action_toggle_done(self) -> None:
        entry = self.drafter.ws.project.entries.get(self.pid)
        self._update(self.pid, done=not (entry.done if entry else False))
        self._position()

    def action_focus_questions(self) -> None:
        self._reveal("tab-lists")
        self.set_focus(self.questions.query_one(Input))

    def action_focus_recommendations(self) -> None:
        self._reveal("tab-lists")
        self.set_focus(self.recommendations.query_one(Input))

    def action_source(self) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        link = self.current_link
        if link is not None:
            self.open_link(link)
        elif self.drafter.ws.project.sources:
            first = self.drafter.ws.project.sources[0].id
            self.app.push_screen(SourceReaderScreen(first, None, on_cite=self.insert_citation))
        else:
            self.notify("No sources imported yet", severity="warning")

    def action_toggle_navigator(self) -> None:
        self.navigator.display = not self.navigator.display
        if self.navigator.display:
            self.set_focus(self.navigator.query_one("#nav-list"))

    def action_search(self) -> None:
        self.navigator.display = True
        self.navigator.action_search()

    def action_cycle_filter(self) -> None:
        self.navigator.display = True
        self.navigator.action_cycle_filter()

    def action_next_tab(self) -> None:
        if self.wide:
            return
        panes = self.query_one("#panes", TabbedContent)
        current = panes.active
        panes.active = TABS[(TABS.index(current) + 1) % len(TABS)] if current in TABS else TABS[0]

    def action_save(self) -> None:
        self.drafter.action_save()

    def reload_from_model(self) -> None:
        """After a reload from disk: show what the model now holds."""
        self.paragraphs = self.drafter.ws.co_paragraphs()
        self.navigator.paragraphs = self.paragraphs
        self.navigator.rebuild()
        if self.paragraphs:
            self.index = min(self.index, len(self.paragraphs) - 1)
            self._show()
