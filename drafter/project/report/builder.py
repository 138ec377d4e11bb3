"""Workspace -> the report tree (tree.py), with what is wrong with it.

The builder knows what a report says and where: a cover, the contents, the template's sections
in order (front matter, one section per concluding-observations paragraph grouped by topic, the
suggested questions, a summary table, annexes, the documents cited). It quotes the Committee and
the State party exactly (quotes.py), turns citations into notes (notes.py), sets the type
(typography.py) and counts the words (words.py). It reads only the Workspace API and writes no
file: `drafter check`, the TUI and the DOCX writer all start from what it builds.

Findings are `error` (the report must not go out like this: `drafter render` stops unless it
renders a draft) or `warning`.
"""

from __future__ import annotations

import re
import string
import weakref
from pathlib import Path
from typing import assert_never

import msgspec

from drafter.documents.model import DocumentKind
from drafter.errors import ProjectError
from drafter.project import paths
from drafter.project.citations import Cite as CiteItem
from drafter.project.citations import Locator, citation_token
from drafter.project.linking import Link as ProjectLink
from drafter.project.linking import LinkGroup
from drafter.project.model import Entry, Source
from drafter.project.paragraphs import UNPLACED_SECTION, COParagraph
from drafter.project.report import quotes, typography
from drafter.project.report.language import (
    Language,
    date_range,
    join_list,
    language,
    long_date,
    state_name,
)
from drafter.project.report.markdown import MarkdownCache
from drafter.project.report.notes import CitationWords, NotesPass, Resolver, format_locators
from drafter.project.report.tree import (
    Block,
    Cell,
    Cite,
    Comment,
    Contents,
    ContentsEntry,
    Division,
    Flag,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    NoteRef,
    Para,
    ParaRole,
    Part,
    Quotation,
    Quoted,
    Report,
    ReportPass,
    Table,
    Text,
    block_inlines,
    paragraph_bookmark,
    plain_text,
    walk_blocks,
    walk_inlines,
)
from drafter.project.report.words import WordCount, count_report
from drafter.project.store import CACHE_DIR
from drafter.project.template import Template, find_template
from drafter.project.workspace import Workspace

MAX_CLAIMS = 3  # claims quoted when the author pinned or chose none; the rest are listed
# Placeholders a sentence reads well without ("…, 118th session." loses only its tail).
OPTIONAL_PLACEHOLDERS = frozenset({"session", "date", "deadline", "organisations"})
LOGO_WIDTH_MM = 40.0
# A template that names no sections (one being written) still shows everything.
DEFAULT_SECTIONS = (
    "executive_summary", "about", "methodology", "topics", "summary_table", "annexes", "sources",
)  # fmt: skip
CONTENTS_LEVELS = 3
RUNNING_HEADER_CHARS = 80  # what fits on one line of a 9-point header across A4


class Finding(msgspec.Struct):
    severity: str  # "error" or "warning"
    kind: str  # "citation", "raw-citation", "quotation", "out-of-scope", "word-limit", …
    message: str
    paragraph: str | None = None


class BuiltReport(msgspec.Struct):
    report: Report
    template: Template
    words: WordCount
    findings: list[Finding] = []
    paragraphs: int = 0  # concluding-observations paragraphs the report covers
    notes: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def build_report(
    ws: Workspace, template: Template | str | None = None, *, draft: bool = False
) -> BuiltReport:
    """The project's report as a tree; `template` (or its id) overrides the project's. A
    `draft` carries its problems on its first page and marked where they are."""
    tpl = (
        template
        if isinstance(template, Template)
        else find_template(template)
        if template
        else ws.template
    )
    return ReportBuilder(ws, tpl, draft=draft).build()


_COUNTS: weakref.WeakKeyDictionary[Workspace, tuple[object, WordCount]] = (
    weakref.WeakKeyDictionary()
)


def word_count(ws: Workspace) -> WordCount:
    """The report's word count (what `drafter check` says), built again only when the project
    changed since the last count: the TUI asks after every save."""
    from drafter.project.schema import project_to_toml

    key = (ws.template.id, tuple(ws.documents), repr(project_to_toml(ws.project)))
    # A snapshot (counted in a thread) shares the cache of the workspace it was taken of.
    cached = _COUNTS.get(ws.origin)
    if cached is not None and cached[0] == key:
        return cached[1]
    count = build_report(ws).words
    _COUNTS[ws.origin] = (key, count)
    return count


def has_content(e: Entry) -> bool:
    """What the author wrote for the Committee (not pins or marks)."""
    return bool(
        e.assessment
        or e.commentary.strip()
        or any(q.strip() for q in e.questions)
        or any(r.strip() for r in e.recommendations)
    )


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


class _Section(msgspec.Struct):
    co: COParagraph
    entry: Entry


class ReportBuilder:
    def __init__(self, ws: Workspace, template: Template, *, draft: bool = False) -> None:
        self.ws = ws
        self.tpl = template
        self.draft = draft
        self.project = ws.project
        md = self.project.metadata
        self.lang: Language = language(template.language or md.language or "en")
        self.findings: list[Finding] = []
        self.sources = {s.id: s for s in self.project.sources}
        self.co_symbol = self._co_symbol()
        own = ws.template  # the project's template: metadata equal to its text is not a choice

        def chosen(value: str, default: str, template_value: str) -> str:
            # The author's own wording wins; a copy of the project template's text gives way
            # to the rendering template's (a French render of an English project).
            return value if value and value != default else template_value or value

        orgs = [o.name for o in md.organisations if o.name]
        self.values = {
            "title": md.title,
            "report_label": chosen(md.report_label, own.report_label, template.report_label),
            "committee": chosen(md.committee, own.committee, template.committee),
            "committee_name": template.committee_name,
            "treaty": chosen(md.treaty, own.treaty, template.treaty),
            "state": state_name(md.state, self.lang.code),
            "session": md.session,
            "organisations": join_list(orgs, self.lang.code),
            "date": long_date(md.submitted, self.lang.code) if md.submitted else "",
            "deadline": long_date(md.deadline, self.lang.code) if md.deadline else "",
            "co_symbol": self.co_symbol,
            "state_report_symbol": self._state_report_symbol(),
        }
        self.words = CitationWords(
            paragraph=template.citation.get("paragraph", "para."),
            paragraphs=template.citation.get("paragraphs", "paras."),
            ibid=template.citation.get("ibid", "Ibid."),
            available_at=template.citation.get("available_at", "Available at"),
            language=self.lang.code,
        )
        self._parsed: dict[str, list[Block]] = {}
        try:
            # drafter's own folder, never a link leading elsewhere (its old files are deleted).
            cache: Path | None = paths.own_folder(ws.folder, CACHE_DIR, "markdown", create=False)
        except ProjectError:
            cache = None
        self.markdown = MarkdownCache(cache)
        self.sections = self._sections()

    # ------------------------------------------------------------------ findings

    def error(self, kind: str, message: str, paragraph: str | None = None) -> None:
        self.findings.append(Finding("error", kind, message, paragraph))

    def warning(self, kind: str, message: str, paragraph: str | None = None) -> None:
        self.findings.append(Finding("warning", kind, message, paragraph))

    # ------------------------------------------------------------------ what is in the report

    def _co_symbol(self) -> str:
        for s in self.project.sources:
            if s.kind == DocumentKind.CONCLUDING_OBSERVATIONS and s.symbol:
                return s.symbol
        for doc in self.ws.documents.values():
            if doc.kind == DocumentKind.STATE_REPORT and doc.answers_symbol:
                return doc.answers_symbol
        return ""

    def _state_report_symbol(self) -> str:
        for s in self.project.sources:
            if s.kind == DocumentKind.STATE_REPORT and s.symbol:
                return s.symbol
        return ""

    def _sections(self) -> list[_Section]:
        out: list[_Section] = []
        tpl, md = self.tpl, self.project.metadata
        if md.committee and tpl.committee and md.committee.upper() != tpl.committee.upper():
            self.error(
                "wrong-committee",
                f"template {tpl.id!r} is for {tpl.committee}; this project's committee is "
                f"{md.committee} (choose a {md.committee} template or the generic one)",
            )
        cos = self.ws.co_paragraphs()
        if tpl.only_follow_up and not any(c.follow_up for c in cos):
            self.warning(
                "follow-up",
                "the template covers the follow-up paragraphs only, and none is known "
                "(import the concluding observations); rendering the paragraphs with entries",
            )
        if not any(s.kind == DocumentKind.CONCLUDING_OBSERVATIONS for s in self.project.sources):
            self.warning(
                "co-missing",
                "the concluding observations are not imported: the report cannot quote the "
                "Committee's words",
            )
        follow_up = [c.id for c in cos if c.follow_up]
        for co in cos:
            entry = self.project.entries.get(co.id)
            if entry is None or not has_content(entry):
                continue
            if co.section == UNPLACED_SECTION:
                self.error(
                    "out-of-scope",
                    f"paragraph {co.id}: the concluding observations have no paragraph "
                    f"{co.id}, so its entry would be left out of the report",
                    co.id,
                )
                continue
            if not self.ws.in_report(co.id, tpl):
                self.error(
                    "out-of-scope",
                    f"paragraph {co.id} is outside the scope of template {tpl.id!r} (it covers "
                    f"the follow-up paragraphs {', '.join(follow_up)}), so its entry would be "
                    "left out of the report",
                    co.id,
                )
                continue
            if entry.assessment and tpl.level(entry.assessment) is None:
                self.warning(
                    "assessment-scale",
                    f"paragraph {co.id}: assessment {entry.assessment!r} is not on the scale of "
                    f"template {tpl.id!r}; shown as not assessed",
                    co.id,
                )
            elif not entry.assessment:
                self.warning("unassessed", f"paragraph {co.id} has text but no assessment", co.id)
            out.append(_Section(co, entry))
        if tpl.only_follow_up:
            for co in cos:
                e = self.project.entries.get(co.id)
                if co.follow_up and (e is None or not e.assessment):
                    self.warning(
                        "unassessed", f"follow-up paragraph {co.id} is not assessed", co.id
                    )
        return out

    def _by_topic(self) -> list[tuple[str, list[_Section]]]:
        groups: dict[str, list[_Section]] = {}
        for s in self.sections:
            groups.setdefault(s.co.topic or self.tpl.label("general"), []).append(s)
        return list(groups.items())

    # ------------------------------------------------------------------ building

    def build(self) -> BuiltReport:
        md = self.project.metadata
        divisions: list[Division] = [self.cover()]
        contents = Contents(self.tpl.label("contents"))
        divisions.append(Division(Part.CONTENTS, self.tpl.label("contents"), [contents]))
        sources_annex: Division | None = None
        for key in self.tpl.sections or DEFAULT_SECTIONS:
            made = getattr(self, f"section_{key}")()
            divisions.extend(made)
            if key == "sources" and made:
                sources_annex = made[0]
        report = Report(self._metadata(), divisions)
        if sources_annex is not None:
            self._fill_sources(sources_annex, report)
            if not sources_annex.blocks:
                report.divisions.remove(sources_annex)
        written = [e for e in self.project.entries.values() if has_content(e)]
        if not written:
            self.error("empty", "no paragraph has an assessment or commentary yet")
        self._not_addressed({s.co.id for s in self.sections})

        resolver = Resolver(self.sources, self.ws.documents, self.words)
        notes = finish(report, resolver, self.lang)
        self._evidence_keys(resolver)
        self._headings(report, contents)
        self._tree_findings(report)
        if self.draft:
            problems = [f for f in self.findings if f.severity == "error"]
            if problems:
                report.divisions.insert(1, self._draft_division(problems))
        self.markdown.save()
        words = count_report(report, self.tpl.word_limit.counts)
        limit = self.tpl.word_limit.words
        if limit and words.total > limit:
            self.warning(
                "word-limit",
                f"{words.total:,} words counted, over the limit of {limit:,} by "
                f"{words.total - limit:,}",
            )
        if not md.submitted:
            self.warning(
                "cover",
                "no submission date on the cover (drafter metadata DIR --set submitted=YYYY-MM-DD)",
            )
        return BuiltReport(
            report=report,
            template=self.tpl,
            words=words,
            findings=self.findings,
            paragraphs=len(self.sections),
            notes=notes,
        )

    def _evidence_keys(self, resolver: Resolver) -> None:
        """The evidence the author attached to a paragraph must exist, like a citation."""
        for s in self.sections:
            for key in s.entry.evidence:
                sid, _, pid = key.partition(":")
                problem = resolver.problem(CiteItem(sid, (Locator(pid),) if pid else ()))
                if problem:
                    self.error(
                        "citation", f"paragraph {s.co.id}: evidence {key} {problem}", s.co.id
                    )

    def _not_addressed(self, written: set[str]) -> None:
        from drafter.documents.model import Role

        if not written:
            return
        untouched = [
            co.id
            for co in self.ws.co_paragraphs()
            if co.role in (Role.CONCERN, Role.RECOMMENDATION) or co.placeholder
            if co.section != UNPLACED_SECTION
            if self.ws.in_report(co.id, self.tpl)
            if co.id not in written
        ]
        if untouched:
            shown = ", ".join(untouched[:20]) + (" …" if len(untouched) > 20 else "")
            self.warning("not-addressed", f"{len(untouched)} paragraphs not addressed yet: {shown}")

    def _metadata(self) -> Metadata:
        md = self.project.metadata
        orgs = [o.name for o in md.organisations if o.name]
        v = self.values
        short = md.short_title or " – ".join(x for x in (v["report_label"], v["state"]) if x)
        header = " – ".join(x for x in (short, "; ".join(orgs)) if x)
        if len(header) > RUNNING_HEADER_CHARS:  # a header is one line: the title alone then
            header = short
        confidential = md.confidentiality == "confidential"
        return Metadata(
            title=self.cover_title(),
            author="; ".join(orgs),
            subject=" – ".join(x for x in (v["report_label"], v["committee"], v["state"]) if x),
            keywords=", ".join(
                x
                for x in (v["committee"], v["state"], md.session, self.co_symbol, v["report_label"])
                if x
            ),
            language=self.lang.locale.replace("_", "-"),
            running_header=self._smart(header),
            confidential_line=self.tpl.label("confidential_line") if confidential else "",
            draft_line=self.tpl.label("draft_line") if self.draft else "",
            un_numbering=self.tpl.numbering.get("paragraphs", "consecutive") == "consecutive",
            sub_item_style=self.tpl.numbering.get("sub_items", "(a)"),
            right_to_left=self.lang.right_to_left,
        )

    def _smart(self, text: str) -> str:
        return typography.smarten(text, self.lang)

    def cover_title(self) -> str:
        md = self.project.metadata
        if md.title:
            return md.title
        label = self.values["report_label"]
        return f"{label}: {self.values['state']}" if self.values["state"] else label

    def _fill(self, key: str) -> str:
        raw = self.tpl.boilerplate.get(key, "")
        used = {f for _, f, _, _ in string.Formatter().parse(raw) if f}
        missing = sorted(f for f in used - OPTIONAL_PLACEHOLDERS if not self.values.get(f))
        if missing:
            # "Submitted to the  for its review of ." helps nobody: leave the sentence out.
            self.warning(
                "boilerplate",
                f"boilerplate.{key} left out: the project gives no {', '.join(missing)}",
            )
            return ""
        text = self.tpl.text(key, **self.values)
        # An empty placeholder must not leave ", ." or "()" behind.
        text = re.sub(r"\(\s*\)", "", text)
        text = re.sub(r"\s+([,.;:])", r"\1", text)
        text = re.sub(r",\s*([.;:])", r"\1", text)
        return re.sub(r"\s{2,}", " ", text).strip()

    def _label_line(self, label: str, value: str) -> Para:
        return Para([Text(f"{label}: ", bold=True), Text(value)], ParaRole.COVER)

    def cover(self) -> Division:
        tpl, md = self.tpl, self.project.metadata
        blocks: list[Block] = []
        logo = self._logo()
        if logo is not None:
            blocks.append(logo)
        orgs = [o for o in md.organisations if o.name]
        if orgs:
            blocks.append(Para([Text(", ".join(o.name for o in orgs))], ParaRole.COVER))
        blocks.append(Para([Text(self.cover_title())], ParaRole.TITLE))
        label = self.values["report_label"]
        subtitle = " – ".join(x for x in (label, self.values["committee"]) if x)
        if subtitle:
            blocks.append(Para([Text(subtitle)], ParaRole.SUBTITLE))
        intro = self._fill("cover_intro")
        if intro:
            blocks.append(Para([Text(intro)], ParaRole.COVER))
        session = md.session
        dates = date_range(md.session_start, md.session_end, self.lang.code)
        if dates:
            session = f"{session} ({dates})" if session else dates
        contacts = "; ".join(
            f"{o.contact} ({o.email})" if o.contact and o.email else o.contact or o.email
            for o in orgs
            if o.contact or o.email
        )
        rows = [
            (tpl.label("state"), self.values["state"]),
            (tpl.label("session"), session),
            (tpl.label("submitted_by"), join_list([o.name for o in orgs], self.lang.code)),
            (tpl.label("contact"), contacts),
            (tpl.label("date"), self.values["date"]),
        ]
        blocks.extend(self._label_line(name, value) for name, value in rows if value)
        key = "confidential" if md.confidentiality == "confidential" else "public"
        statement = self._fill(key)
        if statement:
            blocks.append(Para([Text(statement, bold=key == "confidential")], ParaRole.NOTICE))
        return Division(Part.COVER, "Cover", blocks)

    def _logo(self) -> Image | None:
        name = self.project.metadata.logo
        if not name:
            return None
        try:
            path = paths.named_path(self.ws.folder, name).resolve()  # the one rule (paths.py)
        except paths.PathRefused as exc:
            self.error("cover", f"metadata.logo: {name!r} {exc}")
            return None
        if not path.is_file():
            self.error("cover", f"metadata.logo: no such file {name}")
            return None
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".bmp"):
            self.error("cover", f"metadata.logo: {name} is not a PNG, JPEG, GIF or BMP picture")
            return None
        orgs = [o.name for o in self.project.metadata.organisations if o.name]
        return Image(str(path), LOGO_WIDTH_MM, alt="; ".join(orgs))

    # ------------------------------------------------------------------ sections

    def _markdown(self, text: str, where: str, numbered: bool, base: int) -> list[Block]:
        parsed = self.markdown.parse(text, where, numbered=numbered)
        self._parsed[text] = parsed.blocks
        for w in parsed.warnings:
            self.warning("markdown", w)
        levels = [b.level for b in walk_blocks(parsed.blocks) if isinstance(b, Heading)]
        shift = base + 1 - min(levels) if levels else 0
        for b in walk_blocks(parsed.blocks):
            if isinstance(b, Heading):
                b.level = max(1, min(9, b.level + shift))
        return parsed.blocks

    def _markdown_section(
        self, label_key: str, text: str, where: str, part: Part
    ) -> list[Division]:
        if not text.strip():
            return []
        title = self.tpl.label(label_key)
        blocks: list[Block] = [Heading(1, [Text(title)])]
        blocks += self._markdown(text, where, numbered=True, base=1)
        return [Division(part, title, blocks)]

    def section_executive_summary(self) -> list[Division]:
        fm = self.project.front_matter
        return self._markdown_section(
            "executive_summary", fm.executive_summary, "executive summary", Part.FRONT
        )

    def section_about(self) -> list[Division]:
        return self._markdown_section("about", self.project.front_matter.about, "about", Part.FRONT)

    def section_methodology(self) -> list[Division]:
        fm = self.project.front_matter
        return self._markdown_section("methodology", fm.methodology, "methodology", Part.FRONT)

    def section_annexes(self) -> list[Division]:
        fm = self.project.front_matter
        return self._markdown_section("annexes", fm.annexes, "annexes", Part.ANNEX)

    def section_questions(self) -> list[Division]:
        topics = [(t, [s for s in ss if s.entry.questions]) for t, ss in self._by_topic()]
        topics = [(t, ss) for t, ss in topics if ss]
        if not topics:
            return []
        title = self.tpl.label("questions_section")
        blocks: list[Block] = [Heading(1, [Text(title)])]
        for topic, sections in topics:
            blocks.append(Heading(2, [Text(topic)]))
            # One list per topic: the Committee asks by theme, not by paragraph.
            questions = [q for s in sections for q in s.entry.questions]
            blocks += self._items("questions_lead", questions, ", ".join(s.co.id for s in sections))
        return [Division(Part.BODY, title, blocks)]

    def section_topics(self) -> list[Division]:
        if not self.sections:
            return []
        title = self.tpl.label("topics")
        out = [Division(Part.BODY, title, [Heading(1, [Text(title)])])]
        questions_elsewhere = "questions" in (self.tpl.sections or DEFAULT_SECTIONS)
        for topic, sections in self._by_topic():
            for n, s in enumerate(sections):
                blocks: list[Block] = [Heading(2, [Text(topic)])] if n == 0 else []
                blocks += self._paragraph_section(s, questions_elsewhere)
                out.append(
                    Division(
                        Part.BODY,
                        self.tpl.label("paragraph", id=s.co.id),
                        blocks,
                        paragraph=s.co.id,
                    )
                )
        return out

    def _paragraph_section(self, s: _Section, questions_elsewhere: bool) -> list[Block]:
        tpl, co, entry = self.tpl, s.co, s.entry
        title = tpl.label("paragraph", id=co.id)
        if co.follow_up:
            title += f" ({tpl.label('follow_up').lower()})"
        # A bookmark named after the paragraph: the contents point at it, and
        # `drafter import-review` places a reviewer's notes by it whatever the heading says.
        blocks: list[Block] = [Heading(3, [Text(title)], anchor=paragraph_bookmark(co.id))]
        # The Committee's words, quoted exactly and cited.
        if co.text and not co.placeholder and co.source_id:
            blocks.append(Para([Text(tpl.label(_lead_label(co)))], ParaRole.LEAD, keep_next=True))
            blocks.append(
                Quotation(
                    _quote_lines(co),
                    co.source_id,
                    co.id,
                    Cite(
                        (CiteItem(co.source_id, (Locator(co.id),)),),
                        citation_token(co.source_id, co.id),
                    ),
                )
            )
        blocks += self._claims(s)
        level = tpl.level(entry.assessment)
        shown = level.label if level else tpl.label("not_assessed")
        blocks.append(Para([Text(f"{tpl.label('assessment')}: ", bold=True), Text(shown)]))
        where = f"paragraph {co.id}"
        if tpl.questions_first and not questions_elsewhere:
            blocks += self._items("questions_lead", entry.questions, co.id)
        if entry.commentary.strip():
            blocks += self._markdown(entry.commentary, f"{where} commentary", True, base=3)
        if not tpl.questions_first and not questions_elsewhere:
            blocks += self._items("questions_lead", entry.questions, co.id)
        blocks += self._items("recommendations_lead", entry.recommendations, co.id)
        return blocks

    def _claims(self, s: _Section) -> list[Block]:
        if not any(src.kind == DocumentKind.STATE_REPORT for src in self.project.sources):
            return []  # without the State party's report there is nothing to say it says
        tpl, entry = self.tpl, s.entry
        links = self.ws.links(s.co.id)
        state_links = [
            lk
            for g in (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS)
            for lk in links.group(g)
            if not lk.hidden
        ]
        chosen = [lk for lk in state_links if lk.pinned or lk.key in entry.quotes]
        # A link answers the paragraph when the State put it under a heading naming it; one that
        # only mentions it (an introduction listing every paragraph) is not a claim about it.
        answering = [lk for lk in links.group(LinkGroup.CLAIMS) if lk.score >= 1.0]
        shown = chosen or answering[:MAX_CLAIMS]
        blocks: list[Block] = [
            Para([Text(tpl.label("state_claims"))], ParaRole.LEAD, keep_next=True)
        ]
        if not shown:
            blocks.append(Para([Text(tpl.label("no_claims"), italic=True)]))
            return blocks
        items: list[list[Block]] = []
        for lk in shown:
            inl = self._claim(s.co.id, lk, entry)
            if inl:
                items.append([Para(inl)])
        blocks.append(ListBlock(False, items))
        rest = [lk for lk in answering if lk not in shown]
        if rest and not chosen:
            refs = []
            for sid in dict.fromkeys(lk.source_id for lk in rest):
                src = self.sources.get(sid)
                name = (src.symbol or src.title) if src else ""
                if not name:
                    continue
                locators = tuple(Locator(lk.paragraph_id) for lk in rest if lk.source_id == sid)
                located = format_locators(locators, self.words)
                refs.append(f"{name}, {located}" if located else name)
            if refs:
                blocks.append(
                    Para([Text(tpl.label("claims_more", refs="; ".join(refs)), italic=True)])
                )
        return blocks

    def _claim(self, pid: str, lk: ProjectLink, entry: Entry) -> list[Inline]:
        doc = self.ws.documents.get(lk.source_id)
        para = doc.paragraph(lk.paragraph_id) if doc else None
        cite = Cite(
            (CiteItem(lk.source_id, (Locator(lk.paragraph_id),)),),
            citation_token(lk.source_id, lk.paragraph_id),
        )
        if para is None:
            return [cite]
        o, c = self.lang.quotes[0], self.lang.quotes[1]
        chosen = entry.quotes.get(lk.key, "")
        if chosen:
            found = quotes.find_span(para.text, chosen)
            if found is None:
                self.error(
                    "quotation",
                    f"paragraph {pid}: the words chosen to quote from {lk.key} are no longer in "
                    f"that paragraph: “{chosen[:60]}”",
                    pid,
                )
                if self.draft:
                    return [Flag(chosen, "no longer in the source"), cite]
                return [cite]
            text = found
        else:
            text = quotes.excerpt(para.text)
        return [Quoted(text, lk.source_id, lk.paragraph_id, o, c), cite]

    def _items(self, lead_key: str, items: list[str], where: str) -> list[Block]:
        items = [i for i in items if i.strip()]
        if not items:
            return []
        lead = Para([Text(self.tpl.label(lead_key))], ParaRole.NUMBERED, keep_next=True)
        parsed = [
            self._markdown(item, f"paragraph {where}", numbered=False, base=3) or [Para([])]
            for item in items
        ]
        return [lead, ListBlock(True, parsed, sub_items=True)]

    def section_summary_table(self) -> list[Division]:
        if not self.sections:
            return []
        tpl = self.tpl
        title = tpl.label("summary_table")
        blocks: list[Block] = [Heading(1, [Text(title)])]
        intro = self._fill("summary_intro")
        if intro:
            # On the page of the table it introduces, not alone at the foot of the one before.
            blocks.append(Para([Text(intro)], keep_next=True))
        header = [
            Cell([Text(tpl.label(k))])
            for k in ("col_paragraph", "col_topic", "col_assessment", "col_recommendation")
        ]
        rows: list[list[Cell]] = []
        for s in self.sections:
            level = tpl.level(s.entry.assessment)
            key_rec = ""
            if s.entry.recommendations:
                first = s.entry.recommendations[0]
                # The section parsed it already (the passes that change text run later). Its
                # own name: rebinding `blocks` here once put the table inside the recommendation
                # and dropped the heading and introduction.
                parsed = self._parsed.get(first) or self.markdown.parse(first).blocks
                key_rec = " ".join(
                    plain_text(il) for b in walk_blocks(parsed) for il in block_inlines(b)
                ).strip()
            rows.append(
                [
                    Cell([Text(s.co.id)]),
                    Cell([Text(s.co.topic or tpl.label("general"))]),
                    Cell(
                        [Text(level.label if level else tpl.label("not_assessed"))],
                        level.colour if level else "",
                    ),
                    Cell([Text(key_rec)]),
                ]
            )
        blocks.append(Table(header, rows, widths=[17, 22, 19, 32]))
        return [Division(Part.BODY, title, blocks)]

    def section_sources(self) -> list[Division]:
        # Filled once every other section is built: it lists the documents they cite.
        return [Division(Part.ANNEX, self.tpl.label("sources"), [])]

    def _fill_sources(self, division: Division, report: Report) -> None:
        cited: list[str] = []
        for d in report.divisions:
            for b in walk_blocks(d.blocks):
                if isinstance(b, Quotation):
                    cited.append(b.source_id)
                for inl in block_inlines(b):
                    cited.extend(_cited_in(inl))
        used = [self.sources[sid] for sid in dict.fromkeys(cited) if sid in self.sources]
        if not used:
            return
        tpl = self.tpl
        header = [
            Cell([Text(tpl.label(k))]) for k in ("col_symbol", "col_title", "col_kind", "col_date")
        ]
        rows = [
            [
                Cell([Text(s.symbol or "—")]),
                Cell(self._source_title(s)),
                Cell([Text(tpl.label("kind_" + s.kind.replace("-", "_")))]),
                Cell([Text(long_date(s.date, self.lang.code) if s.date else "")]),
            ]
            for s in used
        ]
        # The date and kind columns hold words that cannot wrap: a date never breaks, and
        # French and Spanish ones are long ("24 de noviembre de 2017", "Observaciones finales").
        division.blocks = [
            Heading(1, [Text(division.title)]),
            Table(header, rows, [22, 33, 20, 25]),
        ]

    def _source_title(self, s: Source) -> list[Inline]:
        out: list[Inline] = []
        if s.author:
            out.append(Text(f"{s.author}, "))
        out.append(Text(s.title or "—", italic=not s.symbol and bool(s.title)))
        if s.url:
            out += [Text(" ("), Link(s.url, [Text(s.url)]), Text(")")]
        return out

    # ------------------------------------------------------------------ finishing passes

    def _headings(self, report: Report, contents: Contents) -> None:
        """UN heading numbers in the body (I., A.), bookmarks, and the contents' entries."""
        chapter = topic = 0
        n = 0
        for d in report.divisions:
            if d.part in (Part.COVER, Part.CONTENTS, Part.DRAFT):
                continue
            for b in d.blocks:  # top level only: headings inside quotes or lists are not parts
                if not isinstance(b, Heading):
                    continue
                if d.part == Part.BODY and b.level == 1:
                    chapter += 1
                    topic = 0
                    b.label = f"{_roman(chapter)}."
                elif d.part == Part.BODY and b.level == 2:
                    topic += 1
                    b.label = f"{_letter(topic)}."
                if b.level <= CONTENTS_LEVELS:
                    n += 1
                    b.anchor = b.anchor or f"_Toc{n:05d}"
                    text = plain_text(b.inlines)
                    shown = f"{b.label}\t{text}" if b.label else text
                    contents.entries.append(ContentsEntry(b.level, shown, b.anchor))

    def _tree_findings(self, report: Report) -> None:
        """Citations that could not be resolved, and text that only looks like one."""
        for d in report.divisions:
            where = f"paragraph {d.paragraph}" if d.paragraph else d.title
            for inl in _all_inline_lists(d.blocks):
                for i in inl:
                    if isinstance(i, Cite):
                        self.error("citation", f"{where}: {i.token} {i.problem}", d.paragraph)
                    elif isinstance(i, Flag) and i.problem.startswith("not a citation"):
                        self.error(
                            "raw-citation",
                            f"{where}: {i.text!r} is not a citation (write [@source:paragraph])",
                            d.paragraph,
                        )

    def _draft_division(self, problems: list[Finding]) -> Division:
        blocks: list[Block] = [
            Para([Text(self.tpl.label("draft_notice"), bold=True)], ParaRole.NOTICE)
        ]
        items: list[list[Block]] = [[Para([Flag(p.message, p.kind)])] for p in problems]
        blocks.append(ListBlock(False, items))
        return Division(Part.DRAFT, "Draft", blocks)


def finish(report: Report, resolver: Resolver, lang: Language) -> int:
    """The passes over a built tree, in order: citations become notes, the type is set, note
    marks take their place by the punctuation. Returns the number of notes."""
    notes = NotesPass(resolver).run(report)
    _Typesetter(lang).report(report)
    _place_note_marks(report, lang.note_mark)
    return notes


def _quote_lines(co: COParagraph) -> list[str]:
    """The paragraph's lead-in and each sub-item "(a) …" on its own line, as the CO prints it;
    each line is an exact part of the paragraph, else the paragraph is quoted as one block."""
    para = co.paragraph
    if para is None or not para.sub_items:
        return [co.text]
    first = para.sub_items[0]
    cut = co.text.find(f"({first.label})")
    lead = co.text[:cut].strip() if cut > 0 else ""
    lines = [lead] if lead else []
    lines += [f"({s.label}) {s.text.strip()}" for s in para.sub_items]
    if all(line in co.text for line in lines):
        return lines
    return [co.text]


def _cited_in(inlines: list[Inline]) -> list[str]:
    out: list[str] = []
    for i in walk_inlines(inlines):
        if isinstance(i, Cite):
            out.extend(c.source_id for c in i.cites)
        elif isinstance(i, Quoted):
            out.append(i.source_id)
    return out


def _all_inline_lists(blocks: list[Block]) -> list[list[Inline]]:
    """Every inline list in `blocks`, notes included, in reading order."""
    out: list[list[Inline]] = []
    for b in walk_blocks(blocks):
        for inl in block_inlines(b):
            out.append(inl)
            for i in inl:
                if isinstance(i, NoteRef):
                    out.extend(_all_inline_lists(i.note.blocks))
                elif isinstance(i, Link | Comment):
                    out.append(i.children)
    return out


class _Typesetter(ReportPass):
    """Typography over the whole tree: the author's and the template's words are smartened,
    quotations only kept whole (dates, symbols) so they stay verbatim."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang

    def quotation(self, b: Quotation) -> None:
        b.paragraphs = [typography.protect(p, self.lang) for p in b.paragraphs]
        super().quotation(b)

    def contents(self, b: Contents) -> None:
        b.title = typography.smarten(b.title, self.lang)

    def inlines(self, inlines: list[Inline]) -> None:
        self.smarten(inlines, "")

    def smarten(self, inlines: list[Inline], prev: str) -> str:
        """Smarten a run of text after the character `prev`; returns its last character."""
        for i in inlines:
            match i:
                case Text():
                    if not i.code:
                        i.text = typography.smarten(i.text, self.lang, prev)
                    prev = i.text[-1:] or prev
                case Link(children=children) | Comment(children=children):
                    prev = self.smarten(children, prev)
                case Quoted():
                    i.text = typography.protect(i.text, self.lang)
                    prev = i.close[-1:]
                case NoteRef(note=note):
                    self.blocks(note.blocks)
                case LineBreak():
                    prev = " "
                case Cite() | Flag():
                    pass
                case _:
                    assert_never(i)
        return prev


_PUNCT_AFTER = re.compile(r"^[.,;:!?]+")
_PUNCT_BEFORE = re.compile(r"[\u00a0\u202f]?[.,;:!?]+$")


def _place_note_marks(report: Report, rule: str) -> None:
    """UN Editorial Manual: English puts the note mark after the punctuation ("vaccinated”.¹"),
    French and Spanish before it ("vaccinés »¹.")."""
    for d in report.divisions:
        for inl in _all_inline_lists(d.blocks):
            i = 0
            while i < len(inl):
                if isinstance(inl[i], NoteRef):
                    if rule == "after-punctuation":
                        nxt = inl[i + 1] if i + 1 < len(inl) else None
                        if isinstance(nxt, Text) and not nxt.code:
                            m = _PUNCT_AFTER.match(nxt.text)
                            if m:
                                nxt.text = nxt.text[m.end() :]
                                prev = inl[i - 1] if i else None
                                if isinstance(prev, Text) and not prev.code:
                                    prev.text += m.group()
                                else:
                                    inl.insert(i, Text(m.group()))
                                    i += 1
                    else:
                        prev = inl[i - 1] if i else None
                        if isinstance(prev, Text) and not prev.code:
                            m = _PUNCT_BEFORE.search(prev.text)
                            if m and m.start() > 0:
                                prev.text = prev.text[: m.start()]
                                inl.insert(i + 1, Text(m.group()))
                                i += 1
                i += 1


def _lead_label(co: COParagraph) -> str:
    """The label over the Committee's quoted words: a Committee member reading "recommendation"
    over "The Committee is concerned that …" stops trusting the rest."""
    from drafter.documents.model import Role

    if co.role is Role.CONCERN:
        return "committee_concern"
    if co.role is Role.RECOMMENDATION:
        return "committee_recommendation"
    return "committee_observation"
