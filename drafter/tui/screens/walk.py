"""The walk screen: one CO paragraph at a time, the State's claims beside the Committee's words,
and the author's assessment, commentary, questions and recommendations.

At `Settings.wide_columns` and wider the panes stand side by side; narrower, they collapse into
tabs. Crossing the width rebuilds the screen after copying the editors into the model, so a
resize never loses text. The panes are listed once (`PANES`): each has a name, the key that
jumps to it and its tab. The review notes pane is built the first time a paragraph with review
notes is shown (most projects have none: the first frame stays as light as it was) and hidden
on paragraphs without any.

The screen changes nothing itself: it posts `EditEntry` / `ChooseLink` to the app, which applies
them (`DrafterApp.apply`), and shows what the model holds.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea

from drafter.project.model import Entry
from drafter.project.workspace import COParagraph, Link, LinkGroup, LinkSet
from drafter.tui.messages import ChooseLink, EditEntry
from drafter.tui.screens.base import DrafterScreen
from drafter.tui.widgets.assessment import AssessmentPicker
from drafter.tui.widgets.banner import Banner
from drafter.tui.widgets.co_paragraph import COParagraphView
from drafter.tui.widgets.commentary import CommentaryEditor
from drafter.tui.widgets.links import LinksPane
from drafter.tui.widgets.lists_editor import ItemsEditor
from drafter.tui.widgets.navigator import Navigator
from drafter.tui.widgets.prose import ProseArea, SpellCheck
from drafter.tui.widgets.review_notes import ReviewNotesPane
from drafter.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widgets import TabbedContent

SNIPPET = 160


@dataclass(frozen=True, slots=True)
class Pane:
    key: str  # the key that jumps to it
    name: str  # what help and the author call it
    tab: str  # its tab on a narrow terminal
    attr: str  # the screen's attribute holding its widget


PANES = (
    Pane("L", "Paragraph list", "", "navigator"),
    Pane("C", "Committee", "tab-committee", "co_view"),
    Pane("S", "State's claims", "tab-claims", "claims"),
    Pane("P", "Prior concerns", "tab-prior", "prior"),
    Pane("E", "Evidence", "tab-evidence", "evidence"),
    Pane("W", "Commentary", "tab-write", "editor"),
    Pane("Q", "Questions", "tab-lists", "questions"),
    Pane("R", "Recommendations", "tab-lists", "recommendations"),
    Pane("N", "Review notes", "tab-review", "review_notes"),
)

TABS = (
    ("tab-committee", "Committee"),
    ("tab-claims", "State"),
    ("tab-prior", "Prior"),
    ("tab-evidence", "Evidence"),
    ("tab-write", "Write"),
    ("tab-lists", "Q & R"),
)

_WORD_AT = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


def snippet(text: str, n: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rstrip() + " …"


class WalkScreen(DrafterScreen[None]):
    PALETTE_NAME = "walk"
    HELP_PLACE = "Walk screen"
    HELP_ALSO = (ReviewNotesPane,)  # its keys are in help before a paragraph with notes
    # Focus is set in on_mount (the Committee's paragraph, so keys act instead of typing into a
    # box); an automatic focus after mounting could undo a key the author pressed already.
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+down,alt+down", "next", "Next ¶", key_display="^↓"),
        Binding("ctrl+up,alt+up", "previous", "Prev ¶", key_display="^↑"),
        Binding("n", "next", "Next paragraph", show=False),
        Binding("b", "previous", "Previous paragraph", show=False),
        Binding("g", "go_to_paragraph", "Go to ¶"),
        Binding("e", "edit", "Write"),
        Binding("ctrl+r", "cite", "Cite", key_display="^r"),
        Binding("ctrl+e", "external_editor", "Edit in $EDITOR", show=False, priority=True),
        Binding("f10", "maximize_pane", "Maximise pane", show=False),
        Binding("escape", "leave_editor", "Leave editor or search", show=False),
        Binding("d", "toggle_flag('done')", "Done/undone", show=False),
        Binding("v", "toggle_flag('reviewed')", "Reviewed/not reviewed", show=False),
        Binding("m", "move_entry", "Move this entry to another paragraph", show=False),
        Binding("q", "add_item('questions')", "Add a question", show=False),
        Binding("r", "add_item('recommendations')", "Add a recommendation", show=False),
        Binding("o,s", "source", "Open in its document", show=False),
        Binding("f3", "search", "Search paragraphs", show=False),
        Binding("f4", "cycle_filter(1)", "Next filter", show=False),
        Binding("shift+f4", "cycle_filter(-1)", "Previous filter", show=False),
        Binding("f5", "toggle_navigator", "Paragraphs"),
        Binding("f6", "cycle_pane(1)", "Next pane", show=False),
        Binding("shift+f6", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("f8", "next_tab", "Next tab", show=False),
        Binding("f9", "accept_word", "Add word to the project's word list", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
        *[Binding(p.key, f"jump('{p.attr}')", f"Go to {p.name}", show=False) for p in PANES],
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
        self._started = False
        self.review_notes: ReviewNotesPane | None = None  # built when first needed
        self._shown_once = False
        self._loaded_entry: Entry | None = None  # the entry the editors were filled from

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
            self.paragraphs,
            lambda pid: ws.project.entries.get(pid),
            ws.template,
            authors,
            ws.in_report,
            id="navigator",
        )
        self.co_view = COParagraphView(id="co-paragraph")
        self.claims = LinksPane(
            "State's claims",
            (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS),
            key="S",
            id="claims",
        )
        self.prior = LinksPane("Prior concerns", (LinkGroup.PRIOR_CONCERNS,), key="P", id="prior")
        self.evidence = LinksPane("Evidence", (LinkGroup.EVIDENCE,), key="E", id="evidence")
        limit = ws.template.word_limit.words
        self.picker = AssessmentPicker(ws.template.scale, read_only=ws.read_only, id="assessment")
        self.editor = CommentaryEditor(limit=limit, read_only=ws.read_only, id="commentary")
        self.questions = ItemsEditor(
            "Questions (Q)", "question", read_only=ws.read_only, id="questions"
        )
        self.recommendations = ItemsEditor(
            "Recommendations (R)", "recommendation", read_only=ws.read_only, id="recommendations"
        )
        self.status = StatusLine(id="status")
        self.review_notes = None  # (re)built by the first paragraph with notes
        self.set_class(self.wide, "-wide")
        self.set_class(not self.wide, "-narrow")
        yield Banner(app.banner_lines(), id="banner")
        with Horizontal(id="walk-body"):
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
                # Tabs only on a narrow terminal: imported here, not before every first frame.
                from textual.widgets import TabbedContent, TabPane

                tabs: dict[str, list[Widget]] = {
                    "tab-committee": [self.co_view],
                    "tab-claims": [self.claims],
                    "tab-prior": [self.prior],
                    "tab-evidence": [self.evidence],
                    "tab-write": [self.picker, self.editor],
                    "tab-lists": [self.questions, self.recommendations],
                }
                with TabbedContent(id="panes", initial="tab-committee"):
                    for tab_id, title in TABS:
                        with TabPane(title, id=tab_id):
                            yield from tabs[tab_id]
        yield self.status
        yield Footer()

    def on_mount(self) -> None:
        app = self.drafter
        if self.flush not in app.autosave.flushers:
            app.autosave.flushers.append(self.flush)
        self.set_focus(self.co_view)
        if not self.wide:
            self.navigator.display = False
        if not self._started:
            self._started = True
            tpl = app.ws.template
            if tpl.only_follow_up and any(p.follow_up for p in self.paragraphs):
                # A follow-up report prints the follow-up paragraphs: walk those.
                self.navigator.set_filter("in-report")
        if self.paragraphs:
            self.index = self._index_of(self.start) if self.start else 0
            if self.start and self.paragraphs[self.index].id != self.start:
                self.notify(f"No paragraph {self.start}: starting at the first", timeout=5)
            self._show(cursor=self.start_cursor, first=True)
            self.start_cursor = None
        else:
            self.co_view.body.update(
                "No concluding-observations paragraphs yet: import the concluding observations "
                "or a State report that refers to them (F2 for the overview, then i)."
            )
        self.spelling_changed()
        app.refresh_save_status()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler. The first time the screen is shown, every widget
        # was styled as it mounted; styling them all again delayed the first frame for nothing.
        # Later (a dialog closed, the theme changed meanwhile) the styles are refreshed.
        if not self._shown_once:
            self._shown_once = True
            event.refresh_styles = False

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
            filter_index = self.navigator.filter_index
            self.drafter.autosave.flushers.remove(self.flush)
            await self.recompose()
            self.navigator.filter_index = filter_index
            self.on_mount()

    def _panes(self) -> TabbedContent:
        """The tabs of a narrow terminal."""
        from textual.widgets import TabbedContent

        return self.query_one("#panes", TabbedContent)

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

    def _show(self, cursor: tuple[int, int] | None = None, first: bool = False) -> None:
        ws = self.drafter.ws
        p = self.paragraphs[self.index]
        self.co_view.show(p, self._sibling(p), ws.in_report(p.id))
        # The first frame shows the paragraph and the State's claims; prior concerns and
        # evidence follow it (display only: nothing the author types waits for them).
        self._show_links_only(later=first)
        self.current_link = (
            self.claims.highlighted_link()
            or self.prior.highlighted_link()
            or self.evidence.highlighted_link()
        )
        entry = ws.project.entries.get(p.id)
        self._loaded_entry = entry
        self.picker.set_value(entry.assessment if entry else "")
        self.editor.load(entry.commentary if entry else "", cursor)
        self.questions.load(entry.questions if entry else [])
        self.recommendations.load(entry.recommendations if entry else [])
        self.show_review_notes()
        self.navigator.select(p.id)
        self._position()
        self.drafter.remember(p.id, self.editor.area.cursor_location)
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
        flags = []
        if entry is not None and entry.done:
            flags.append("done")
        if entry is not None and entry.reviewed:
            flags.append("reviewed")
        if not self.drafter.ws.in_report(p.id):
            flags.append("not in this report")
        if any(c.paragraph == p.id for c in self.drafter.ws.project.conflicts):
            flags.append("merge conflict")
        if self.review_notes is not None and self._has_review_notes():
            n_open = self.review_notes.open_count()
            if n_open:
                flags.append(f"{n_open} review note{'s' if n_open != 1 else ''} open (N)")
        shown = "".join(f" · {f}" for f in flags)
        where = f"{self.index + 1} of {len(self.paragraphs)}"
        f = self.navigator.filters[self.navigator.filter_index]
        if f.id != "all":
            kept = [q.id for q in self.navigator.filtered()]
            if p.id in kept:
                where = f"{kept.index(p.id) + 1} of {len(kept)} {f.label}; {where} in all"
        self.status.set_position(f"¶ {p.id} ({where}){shown}")

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
        # Whatever is typed belongs to the paragraph it was typed for: copied into its entry
        # now, before anything of the next paragraph is shown.
        self.flush()
        app = self.drafter
        app.remember(self.pid, self.editor.area.cursor_location)
        app.save_soon()

    def entry_changed(self, pid: str, *, texts: bool = False) -> None:
        """The app changed this paragraph's entry: show its marks and state, and its texts
        when they changed under the editors (an accepted review change)."""
        self.navigator.refresh_paragraph(pid)
        if pid == self.pid:
            entry = self.drafter.ws.project.entries.get(pid)
            self._loaded_entry = entry
            self.picker.set_value(entry.assessment if entry else "")
            if texts and entry is not None:
                self.editor.load(entry.commentary, self.editor.area.cursor_location)
                self.questions.load(entry.questions)
                self.recommendations.load(entry.recommendations)
            self._position()
        self.drafter.refresh_save_status()

    # --- review notes ------------------------------------------------------------------------

    def review_changed(self) -> None:
        """A review note changed (the app applied an action, or the file was read again)."""
        if self.paragraphs:
            self.show_review_notes()
            self._position()

    def show_review_notes(self) -> None:
        """The current paragraph's review notes beside the commentary; the pane is built for
        the first paragraph that has any, and hidden on the others."""
        from drafter.project.review import threads

        project = self.drafter.ws.project
        notes = threads(project, self.pid) if project.review else []
        pane = self.review_notes
        if pane is None:
            if not notes:
                return
            pane = self.review_notes = ReviewNotesPane(
                key="N", read_only=self.drafter.ws.read_only, id="review-notes"
            )
            if self.wide:
                self.query_one("#author-col").mount(pane, after=self.editor)
            else:
                from textual.widgets import TabPane

                self._panes().add_pane(TabPane("Review", pane, id="tab-review"))
        pane.show(notes)
        n_open = pane.open_count()
        if self.wide:
            pane.display = bool(notes)
        else:
            panes = self._panes()
            if notes:
                panes.show_tab("tab-review")
                panes.get_tab("tab-review").label = f"Review {n_open}"
            else:
                if panes.active == "tab-review":
                    panes.active = "tab-write"
                panes.hide_tab("tab-review")

    def _has_review_notes(self) -> bool:
        return self.review_notes is not None and bool(self.review_notes.notes)

    @on(ReviewNotesPane.GoTo)
    def _review_go_to(self, event: ReviewNotesPane.GoTo) -> None:
        # The note is on this paragraph already: enter answers it.
        event.stop()
        if self.review_notes is not None:
            self.review_notes.action_answer()

    def spelling_changed(self) -> None:
        """The dictionary arrived, or the word list grew: mark misspelt words again."""
        speller = self.drafter.speller
        check: SpellCheck | None = None
        if speller is not None:

            def check(line: str) -> list[tuple[int, int]]:
                return [(m.start, m.end) for m in speller.iter_misspelt(line)]

        self.editor.area.set_spelling(check)
        self.questions.set_spelling(check)
        self.recommendations.set_spelling(check)

    # --- changes: posted to the app -----------------------------------------------------------

    def flush(self) -> None:
        """Copy what is in the editors (commentary, the items) into the model (UI thread)."""
        app = self.drafter
        if not self.paragraphs or app.ws.read_only:
            return
        pid = self.pid
        loaded = self._loaded_entry
        if (
            loaded is not None
            and loaded.paragraph != pid
            and app.ws.project.entries.get(loaded.paragraph) is loaded
        ):
            # The entry shown was moved meanwhile (set aside as LOI-5 by an import): what is
            # in the editors belongs to it, not to whatever paragraph now has this number.
            pid = loaded.paragraph
        entry = app.ws.project.entries.get(pid)
        changes: dict[str, object] = {}
        text = self.editor.text
        if (entry.commentary if entry else "") != text:
            changes["commentary"] = text
        for name, items_editor in (
            ("questions", self.questions),
            ("recommendations", self.recommendations),
        ):
            items = items_editor.current_items()
            if (list(getattr(entry, name)) if entry else []) != items:
                changes[name] = items
        if changes:
            app.apply(EditEntry(pid, **changes))
            if pid == self.pid:
                self._loaded_entry = app.ws.project.entries.get(pid)  # made by the first words

    def edit(self, **fields: object) -> None:
        """Post a change to the current paragraph's entry (the app applies it)."""
        if self.paragraphs:
            self.post_message(EditEntry(self.pid, **fields))

    @on(ItemsEditor.Changed, "#questions")
    def _questions(self, event: ItemsEditor.Changed) -> None:
        event.stop()
        self.edit(questions=[x for x in event.items if x])

    @on(ItemsEditor.Changed, "#recommendations")
    def _recommendations(self, event: ItemsEditor.Changed) -> None:
        event.stop()
        self.edit(recommendations=[x for x in event.items if x])

    @on(AssessmentPicker.Picked)
    def _picked(self, event: AssessmentPicker.Picked) -> None:
        self.set_assessment(event.assessment)

    def set_assessment(self, assessment: str) -> None:
        if self.drafter.ws.read_only:
            self.drafter.refuse("assessments")
            return
        self.edit(assessment=assessment)
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
                self.choose(event.link, "unpin" if event.link.pinned else "pin")
            case "hide":
                self.choose(event.link, "unhide" if event.link.hidden else "hide")
            case "open":
                self.open_link(event.link)
            case "cite":
                self.cite(event.link)
            case "quote":
                self.quote(event.link.source_id, event.link.paragraph_id)

    def choose(self, link: Link, verb: str) -> None:
        if self.drafter.ws.read_only:
            self.drafter.refuse("pins and hidden links")
            return
        # Applied at once (not posted): the panes are redrawn from the model right after.
        self.drafter.apply(ChooseLink(self.pid, link.key, verb))
        self._refresh_links(link)
        done = {"pin": "Pinned", "unpin": "Unpinned", "hide": "Hidden", "unhide": "Shown"}
        self.notify(f"{done[verb]} {link.key}", timeout=2)

    def _refresh_links(self, keep: Link) -> None:
        focused = self.focused
        self._show_links_only()
        for pane in (self.claims, self.prior, self.evidence):
            pane.highlight(keep.key)
        if focused is not None:
            self.set_focus(focused)

    def _show_links_only(self, later: bool = False) -> None:
        ws = self.drafter.ws
        # Hidden links come marked, for the panes' "show hidden" (the project layer's rule).
        links = ws.links(self.pid, with_hidden=True)
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
        entry = ws.project.entries.get(self.pid)
        self.claims.show(links, citations, snippets, entry.quotes if entry else None)

        def the_others() -> None:
            for pane in (self.prior, self.evidence):
                pane.show(links, citations, snippets)

        if later:
            self.call_after_refresh(the_others)
        else:
            the_others()
        if not self.wide:
            self._label_tabs(links)

    def _label_tabs(self, links: LinkSet) -> None:
        """On narrow terminals the tab titles carry the counts the panes would show."""
        panes = self._panes()
        counts = {
            "tab-claims": ("State", (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS)),
            "tab-prior": ("Prior", (LinkGroup.PRIOR_CONCERNS,)),
            "tab-evidence": ("Evidence", (LinkGroup.EVIDENCE,)),
        }
        for tab_id, (title, groups) in counts.items():
            n = sum(1 for g in groups for lk in links.group(g) if not lk.hidden)
            panes.get_tab(tab_id).label = f"{title} {n}"

    def open_link(self, link: Link) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        self.app.push_screen(
            SourceReaderScreen(
                link.source_id, link.paragraph_id, on_cite=self.insert_citation, on_quote=self.quote
            )
        )

    def quote(self, source_id: str, paragraph_id: str) -> None:
        """Choose the words the report quotes from this State's paragraph (a dialog)."""
        from drafter.tui.screens.quote import QuoteScreen

        app = self.drafter
        if not self.paragraphs:
            return
        if app.ws.read_only:
            app.refuse("quotations")
            return
        key = f"{source_id}:{paragraph_id}"
        if app.ws.group_of_key(key) not in (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS):
            self.notify(
                "The report quotes the State's claims only; cite this paragraph instead (c)",
                severity="warning",
                timeout=5,
            )
            return
        pid = self.pid

        def chosen(changed: bool | None) -> None:
            if changed and self.pid == pid:
                self._refresh_links(Link(LinkGroup.CLAIMS, source_id, paragraph_id, 0.0, ""))
                entry = app.ws.project.entries.get(pid)
                words = entry.quotes.get(key, "") if entry else ""
                said = f"“{words[:60]}…”" if len(words) > 60 else f"“{words}”"
                what = f"quotes {said}" if words else "quotes the first sentences"
                self.notify(f"¶ {pid} {what} of {app.ws.citation_text(source_id, paragraph_id)}")

        app.push_screen(QuoteScreen(pid, key), chosen)

    def cite(self, link: Link | None) -> None:
        if link is None:
            self.notify("No link highlighted to cite", severity="warning")
            return
        if self.drafter.ws.read_only:
            self.drafter.refuse("commentary")
            return
        self.insert_citation(link.source_id, link.paragraph_id)
        if link.group is LinkGroup.EVIDENCE:
            entry = self.drafter.ws.project.entries.get(self.pid)
            evidence = list(entry.evidence) if entry else []
            if link.key not in evidence:
                self.edit(evidence=[*evidence, link.key])

    def insert_citation(self, source_id: str, paragraph_id: str) -> None:
        ws = self.drafter.ws
        if ws.read_only:
            self.drafter.refuse("commentary")
            return
        token = ws.cite(source_id, paragraph_id)
        self._reveal("tab-write")
        self.editor.insert_at_cursor(token)
        self.flush()
        self.notify(f"Cited {ws.citation_text(source_id, paragraph_id)}", timeout=3)

    # --- actions ------------------------------------------------------------------------------

    def _reveal(self, tab: str) -> None:
        if not self.wide and tab:
            self._panes().active = tab

    def _step(self, step: int) -> None:
        """Next or previous paragraph among those the filter keeps."""
        if not self.paragraphs:
            return
        kept = {p.id for p in self.navigator.filtered()}
        i = self.index + step
        while 0 <= i < len(self.paragraphs):
            if self.paragraphs[i].id in kept:
                self.go_to(self.paragraphs[i].id)
                return
            i += step
        where = "Last" if step > 0 else "First"
        f = self.navigator.filters[self.navigator.filter_index]
        scope = "" if f.id == "all" else f" (filter: {f.label})"
        self.notify(f"{where} paragraph{scope}", timeout=2)

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def action_go_to_paragraph(self) -> None:
        from drafter.tui.screens.dialogs import AskScreen

        def chosen(value: str | None) -> None:
            pid = (value or "").strip().lstrip("¶").strip()
            if pid:
                self.go_to(pid if self.drafter.ws.co_paragraph(pid) else pid.split("(")[0])

        self.app.push_screen(AskScreen("Go to paragraph", "Paragraph number, e.g. 17"), chosen)

    def action_edit(self) -> None:
        self._reveal("tab-write")
        self.set_focus(self.editor.area)

    def action_leave_editor(self) -> None:
        self.flush()  # what was typed is in the entry (and its marks) once the author looks up
        focused = self.focused
        if isinstance(focused, Input) and focused.id == "nav-search":
            self.navigator.clear_search()
            return
        if isinstance(focused, TextArea | Input):
            if self.wide or self.navigator.display:
                self.set_focus(self.navigator.query_one("#nav-list"))
            else:
                self._panes().query_one("Tabs").focus()
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

    def action_toggle_flag(self, flag: str) -> None:
        if not self.paragraphs:
            return
        if self.drafter.ws.read_only:
            self.drafter.refuse(f"the {flag} flag")
            return
        entry = self.drafter.ws.project.entries.get(self.pid)
        value = not (getattr(entry, flag) if entry else False)
        self.edit(**{flag: value})
        self.notify(f"¶ {self.pid}: {'' if value else 'not '}{flag}", timeout=2)

    def action_move_entry(self) -> None:
        """Give what is written here to another paragraph that has nothing yet: an entry set
        aside as LOI-5 to the CO paragraph it belongs to, or one written on the wrong one."""
        from drafter.tui.messages import MoveEntry
        from drafter.tui.screens.dialogs import AskScreen

        app = self.drafter
        if not self.paragraphs:
            return
        if app.ws.read_only:
            app.refuse("entries")
            return
        self.flush()
        pid = self.pid
        entry = app.ws.project.entries.get(pid)
        if entry is None or entry.is_empty():
            self.notify(f"Nothing is written on ¶ {pid} to move", severity="warning")
            return

        def answered(to: str | None) -> None:
            to = (to or "").strip().lstrip("¶").strip()
            if not to or to == pid:
                return
            if app.apply(MoveEntry(pid, to)):
                self.reload_from_model()
                self.go_to(to)
                self.notify(f"What was written on ¶ {pid} is now on ¶ {to}", timeout=5)

        app.push_screen(
            AskScreen(f"Move what is written on ¶ {pid} to paragraph", placeholder="e.g. 12"),
            answered,
        )

    def action_add_item(self, which: str) -> None:
        editor = self.questions if which == "questions" else self.recommendations
        self._reveal("tab-lists")
        editor.focus()
        editor.action_add()

    def action_jump(self, attr: str) -> None:
        pane = next(p for p in PANES if p.attr == attr)
        widget = getattr(self, attr)
        if attr == "review_notes" and not self._has_review_notes():
            self.notify(
                f"No review notes on ¶ {self.pid}; the overview (f2, then n) lists every note",
                timeout=4,
            )
            return
        if attr == "navigator":
            self.navigator.display = True
            self.set_focus(self.navigator.query_one("#nav-list"))
            return
        self._reveal(pane.tab)
        self.set_focus(self._focus_target(widget))

    def _focus_target(self, widget: Widget) -> Widget:
        if isinstance(widget, LinksPane):
            return widget.query_one("OptionList")
        if isinstance(widget, ReviewNotesPane):
            return widget.list
        if isinstance(widget, CommentaryEditor):
            return widget.area
        return widget

    def _pane_of(self, widget: Widget | None) -> Pane | None:
        node: Widget | None = widget
        while node is not None:
            for pane in PANES:
                if getattr(self, pane.attr, None) is node:
                    return pane
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    def action_cycle_pane(self, step: int) -> None:
        visible = [
            p
            for p in PANES
            if (p.attr != "navigator" or self.navigator.display)
            and (p.attr != "review_notes" or self._has_review_notes())
        ]
        current = self._pane_of(self.focused)
        i = visible.index(current) if current in visible else -step
        self.action_jump(visible[(i + step) % len(visible)].attr)

    def action_maximize_pane(self) -> None:
        if self.maximized is not None:
            self.minimize()
            return
        pane = self._pane_of(self.focused)
        if pane is None:
            pane = PANES[5]  # the commentary, where long writing happens
            self.action_jump(pane.attr)
        self.maximize(getattr(self, pane.attr), container=False)

    def action_source(self) -> None:
        from drafter.tui.screens.source import SourceReaderScreen

        link = self.current_link
        if link is not None:
            self.open_link(link)
        elif self.drafter.ws.project.sources:
            first = self.drafter.ws.project.sources[0].id
            self.app.push_screen(
                SourceReaderScreen(first, None, on_cite=self.insert_citation, on_quote=self.quote)
            )
        else:
            self.notify("No sources imported yet", severity="warning")

    def action_toggle_navigator(self) -> None:
        self.navigator.display = not self.navigator.display
        if self.navigator.display:
            self.set_focus(self.navigator.query_one("#nav-list"))

    def action_search(self) -> None:
        self.navigator.display = True
        self.navigator.action_search()

    def action_cycle_filter(self, step: int) -> None:
        self.navigator.display = True
        self.navigator.action_cycle_filter(step)

    def action_next_tab(self) -> None:
        if self.wide:
            return
        panes = self._panes()
        ids = [t for t, _ in TABS] + (["tab-review"] if self._has_review_notes() else [])
        current = panes.active
        panes.active = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]

    def action_save(self) -> None:
        self.drafter.action_save()

    def action_external_editor(self) -> None:
        """The commentary in $VISUAL / $EDITOR; what the editor saves comes back here."""
        app = self.drafter
        if not self.paragraphs:
            return
        if app.ws.read_only:
            app.refuse("commentary")
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(
                "Set $VISUAL or $EDITOR to the editor you want (e.g. EDITOR=nano)",
                severity="warning",
            )
            return
        self.flush()
        pid = self.pid
        # Inside the project's cache folder: drafter writes nothing outside the project.
        from drafter.errors import DrafterError
        from drafter.project.paths import CACHE_DIR, own_folder
        from drafter.project.store import atomic_write

        path = app.ws.folder / CACHE_DIR / f"commentary-{re.sub(r'[^A-Za-z0-9]+', '-', pid)}.md"
        try:
            # A real folder of the project, and a file replaced rather than written through: a
            # link a repository carried under that name leads nowhere.
            own_folder(app.ws.folder, CACHE_DIR)
            atomic_write(path, self.editor.text.encode("utf-8"))
        except (OSError, DrafterError) as exc:
            self.notify(f"Cannot write {path}: {exc}", severity="error")
            return
        try:
            with app.suspend():
                result = subprocess.call([*shlex.split(command), str(path)])
        except Exception as exc:  # no terminal to hand over (tests), or no such program
            self.notify(f"Could not run {command!r}: {exc}", severity="error", timeout=8)
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.notify(f"Could not read back {path}: {exc}; the file is kept", severity="error")
            return
        if result != 0:
            self.notify(
                f"The editor exited with status {result}; its text is kept in {path}",
                severity="warning",
                timeout=10,
            )
            return
        if self.pid == pid and text != self.editor.text:
            self.editor.load(text)
            app.apply(EditEntry(pid, commentary=text))
            self.notify(f"¶ {pid}: commentary from the editor", timeout=3)
        with contextlib.suppress(OSError):
            path.unlink()

    def action_accept_word(self) -> None:
        """Add the word at the cursor (commentary or an item) to the project's word list."""
        from drafter.tui.messages import AddKnownWord

        area = self.focused
        if not isinstance(area, ProseArea):
            self.notify("Put the cursor on a word in the commentary or an item first", timeout=4)
            return
        row, column = area.cursor_location
        line = area.document[row]
        for m in _WORD_AT.finditer(line):
            if m.start() <= column <= m.end():
                if self.drafter.apply(AddKnownWord(m[0])):
                    self.notify(f"'{m[0]}' is in the project's word list now", timeout=3)
                return
        self.notify("No word at the cursor", timeout=3)

    def reload_from_model(self) -> None:
        """After a reload from disk: show what the model now holds."""
        ws = self.drafter.ws
        shown = self.pid
        self.paragraphs = ws.co_paragraphs()
        self.navigator.paragraphs = self.paragraphs
        self.navigator.rebuild()
        if self.paragraphs:
            # The same paragraph where it still is (an import can add paragraphs before it).
            at = [i for i, p in enumerate(self.paragraphs) if p.id == shown]
            self.index = at[0] if at else min(self.index, len(self.paragraphs) - 1)
            self._show(cursor=self.editor.area.cursor_location)
