"""The report's structure: what goes where, in the template's order and words.

`docx_writer.py` knows how Word spells a heading or a footnote; this module knows that a report
has a cover, a table of contents, front matter, one section per concluding-observations topic, a
summary table and an annex of sources. It reads only the Workspace API.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import string
import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafter.documents.model import DocumentKind
from drafter.errors import DrafterError
from drafter.project.citations import source_label
from drafter.project.linking import LinkGroup
from drafter.project.model import Entry
from drafter.project.template import Template, find_template
from drafter.project.workspace import COParagraph, Workspace
from drafter.render.blocks import Block, CitationRef, Inline, ListBlock, Para, Text, plain_text
from drafter.render.docx_writer import DocxWriter
from drafter.render.footnotes import CitationStyle
from drafter.render.markdown import parse_markdown
from drafter.render.result import RenderReport

WORD_LANGUAGE = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
CO_SOURCE = "concluding-observations"  # citation key for a CO known only by its symbol
MAX_CLAIMS = 3  # explicit claims quoted when the author pinned none; the rest are listed
EXCERPT_WORDS = 45
# Placeholders a sentence reads well without ("…, 118th session." loses only its tail).
OPTIONAL_PLACEHOLDERS = frozenset({"session", "date", "deadline", "organisations"})


def long_date(day: dt.date, language: str) -> str:
    months = MONTHS.get(language, MONTHS["en"]).split()
    month = months[day.month - 1]
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first sentence, or the first `words` words with an ellipsis."""
    text = " ".join(text.split())
    m = re.match(r"(.+?[.;:])(\s|$)", text)
    if m and len(m.group(1).split()) <= words:
        return m.group(1)
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def compress_ids(ids: list[str]) -> str:
    """UN style for runs of paragraphs: "277, 278, 279, 281" -> "277–279, 281"."""
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(f"{run[0]}–{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)))
            run.clear()

    for pid in ids:
        if pid.isdigit() and run and int(pid) == run[-1] + 1:
            run.append(int(pid))
        elif pid.isdigit():
            flush()
            run.append(int(pid))
        else:
            flush()
            out.append(pid)
    flush()
    return ", ".join(out)


@dataclass(slots=True)
class _Section:
    co: COParagraph
    entry: Entry


def render_workspace(ws: Workspace, out: Path, template: Template | str | None) -> RenderReport:
    tpl = (
        template
        if isinstance(template, Template)
        else find_template(template)
        if template
        else ws.template
    )
    return ReportBuilder(ws, tpl).write(out)


class ReportBuilder:
    def __init__(self, ws: Workspace, template: Template) -> None:
        self.ws = ws
        self.tpl = template
        self.project = ws.project
        md = self.project.metadata
        self.language = template.language or md.language or "en"
        self.co_symbol = self._co_symbol()
        self.warnings: list[str] = []
        self.w = DocxWriter(
            template.reference_docx,
            language=WORD_LANGUAGE.get(self.language, self.language),
            un_numbering=template.numbering.get("paragraphs", "consecutive") == "consecutive",
            sub_item_style=template.numbering.get("sub_items", "(a)"),
            citation_style=CitationStyle(
                paragraph=template.citation.get("paragraph", "para."),
                ibid=template.citation.get("ibid", "Ibid."),
            ),
            cite=self._source_label,
        )
        self.sections = self._sections()
        orgs = [o.name for o in md.organisations if o.name]
        own = ws.template  # the project's template: metadata equal to its text is not a choice

        def chosen(value: str, default: str, template_value: str) -> str:
            # The author's own wording wins; a copy of the project template's text gives way
            # to the rendering template's (a French render of an English project).
            return value if value and value != default else template_value or value

        committee = chosen(md.committee, own.committee, template.committee)
        self.values = {
            "title": md.title,
            "report_label": chosen(md.report_label, own.report_label, template.report_label),
            "committee": committee,
            "committee_name": template.committee_name or committee,
            "treaty": chosen(md.treaty, own.treaty, template.treaty),
            "state": md.state,
            "session": md.session,
            "organisations": ", ".join(orgs),
            "date": long_date(dt.date.today(), self.language),
            "deadline": md.deadline,
            "co_symbol": self.co_symbol,
            "state_report_symbol": self._state_report_symbol(),
        }

    # ------------------------------------------------------------------ sources and citations

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

    def _source_label(self, source_id: str, paragraph_id: str) -> str | None:
        if source_id == CO_SOURCE:
            return self.co_symbol or self.tpl.label("kind_concluding_observations")
        source = self.project.source(source_id)
        return source_label(source) if source else None

    # ------------------------------------------------------------------ which paragraphs

    def _sections(self) -> list[_Section]:
        out: list[_Section] = []
        cos = self.ws.co_paragraphs()
        follow_up = [c for c in cos if c.follow_up]
        if self.tpl.only_follow_up and not follow_up:
            self.warnings.append(
                "the template covers the follow-up paragraphs only, and none is known "
                "(import the concluding observations); rendering the paragraphs with entries"
            )
        for co in cos:
            if not self.ws.in_report(co.id, self.tpl):
                continue
            entry = self.project.entries.get(co.id)
            if entry is None or not _has_content(entry):
                continue
            if entry.assessment and self.tpl.level(entry.assessment) is None:
                self.warnings.append(
                    f"paragraph {co.id}: assessment {entry.assessment!r} is not on the scale of "
                    f"template {self.tpl.id!r}; shown as not assessed"
                )
            out.append(_Section(co, entry))
        known = {c.id for c in cos}
        orphans = [
            pid for pid, e in self.project.entries.items() if pid not in known and _has_content(e)
        ]
        if orphans:
            self.warnings.append(
                "entries for paragraphs the concluding observations do not have, left out: "
                + ", ".join(orphans)
            )
        return out

    def _by_topic(self) -> list[tuple[str, list[_Section]]]:
        groups: dict[str, list[_Section]] = {}
        for s in self.sections:
            groups.setdefault(s.co.topic or self.tpl.label("general"), []).append(s)
        return list(groups.items())

    # ------------------------------------------------------------------ the document

    def write(self, out: Path) -> RenderReport:
        w = self.w
        w.bucket = "cover"
        self.cover()
        w.toc(self.tpl.label("contents"))
        w.page_break()
        for key in self.tpl.sections:
            w.bucket = "annexes" if key in ("annexes", "sources") else "body"
            getattr(self, f"section_{key}")()
        md = self.project.metadata
        names = [o.name for o in md.organisations if o.name]
        w.finish(
            title=self.cover_title(),
            author="; ".join(names),
            subject=" – ".join(
                x for x in (self.values["report_label"], self.values["committee"], md.state) if x
            ),
            keywords=", ".join(
                x
                for x in (
                    self.values["committee"],
                    md.state,
                    md.session,
                    self.co_symbol,
                    self.values["report_label"],
                )
                if x
            ),
            language=WORD_LANGUAGE.get(self.language, self.language),
        )
        _save_atomically(w, out)
        counts = w.words
        limit = self.tpl.word_limit
        report = RenderReport(
            output=out,
            warnings=self.warnings + _unique(w.warnings),
            counts=counts,
            words=counts.counted(limit.counts),
            word_limit=limit.words,
            footnotes=w.footnotes.count,
            paragraphs=len(self.sections),
            template=self.tpl.id,
        )
        if report.over_limit:
            report.warnings.append(
                f"{report.words:,} words, over the template's limit of {limit.words:,} "
                f"({'all words' if limit.counts == 'all' else 'body text'} counted)"
            )
        return report

    def _colon(self, label: str) -> str:
        # French typography puts a (no-break) space before a colon.
        return f"{label}\u00a0: " if self.language == "fr" else f"{label}: "

    def cover_title(self) -> str:
        md = self.project.metadata
        if md.title:
            return md.title
        label = self.values["report_label"]
        return f"{label}: {md.state}" if md.state else label

    def _fill(self, key: str) -> str:
        raw = self.tpl.boilerplate.get(key, "")
        used = {f for _, f, _, _ in string.Formatter().parse(raw) if f}
        missing = sorted(f for f in used - OPTIONAL_PLACEHOLDERS if not self.values.get(f))
        if missing:
            # "Submitted to the  for its review of ." helps nobody: leave the sentence out.
            self.warnings.append(
                f"boilerplate.{key} left out: the project gives no {', '.join(missing)}"
            )
            return ""
        text = self.tpl.text(key, **self.values)
        # An empty placeholder must not leave ", ." or "()" behind.
        text = re.sub(r"\(\s*\)", "", text)
        text = re.sub(r"\s+([,.;:])", r"\1", text)
        text = re.sub(r",\s*([.;:])", r"\1", text)
        return re.sub(r"\s{2,}", " ", text).strip()

    def cover(self) -> None:
        w, tpl, md = self.w, self.tpl, self.project.metadata
        orgs = [o for o in md.organisations if o.name]
        if orgs:
            w.paragraph(", ".join(o.name for o in orgs), style="cover")
        w.paragraph(self.cover_title(), style="title")
        label = self.values["report_label"]
        subtitle = " – ".join(x for x in (label, self.values["committee"]) if x)
        w.paragraph(subtitle, style="subtitle")
        intro = self._fill("cover_intro")
        if intro:
            w.paragraph(intro, style="cover")
        rows = [
            (tpl.label("state"), md.state),
            (tpl.label("session"), md.session),
            (tpl.label("submitted_by"), "; ".join(o.name for o in orgs)),
            (
                tpl.label("contact"),
                "; ".join(_contact(o.contact, o.email) for o in orgs if (o.contact or o.email)),
            ),
            (tpl.label("date"), self.values["date"]),
        ]
        for name, value in rows:
            if value:
                w.paragraph([Text(self._colon(name), bold=True), Text(value)], style="cover")
        key = "confidential" if md.confidentiality == "confidential" else "public"
        statement = self._fill(key)
        if statement:
            w.paragraph([Text(statement, bold=key == "confidential")], style="cover")
        w.page_break()

    # ------------------------------------------------------------------ sections

    def _markdown_section(self, label_key: str, text: str, where: str) -> None:
        if not text.strip():
            return
        self.w.heading(1, self.tpl.label(label_key))
        parsed = parse_markdown(text, where)
        self.warnings.extend(parsed.warnings)
        self.w.blocks(parsed.blocks, heading_base=1, numbered=True)

    def section_executive_summary(self) -> None:
        fm = self.project.front_matter
        self._markdown_section("executive_summary", fm.executive_summary, "executive summary")

    def section_about(self) -> None:
        self._markdown_section("about", self.project.front_matter.about, "about")

    def section_methodology(self) -> None:
        fm = self.project.front_matter
        self._markdown_section("methodology", fm.methodology, "methodology")

    def section_annexes(self) -> None:
        self._markdown_section("annexes", self.project.front_matter.annexes, "annexes")

    def section_questions(self) -> None:
        topics = [(t, [s for s in ss if s.entry.questions]) for t, ss in self._by_topic()]
        topics = [(t, ss) for t, ss in topics if ss]
        if not topics:
            return
        self.w.heading(1, self.tpl.label("questions_section"))
        for topic, sections in topics:
            self.w.heading(2, topic)
            # One list per topic: the Committee asks by theme, not by paragraph.
            questions = [q for s in sections for q in s.entry.questions]
            self._items("questions_lead", questions, ", ".join(s.co.id for s in sections))

    def section_topics(self) -> None:
        if not self.sections:
            return
        w, tpl = self.w, self.tpl
        w.heading(1, tpl.label("topics"))
        questions_elsewhere = "questions" in tpl.sections
        for topic, sections in self._by_topic():
            w.heading(2, topic)
            for s in sections:
                self._paragraph_section(s, questions_elsewhere)

    def _paragraph_section(self, s: _Section, questions_elsewhere: bool) -> None:
        w, tpl, co, entry = self.w, self.tpl, s.co, s.entry
        title = tpl.label("paragraph", id=co.id)
        if co.follow_up:
            title += f" ({tpl.label('follow_up').lower()})"
        w.heading(3, title)
        # The Committee's words, quoted and cited.
        if co.text and not co.placeholder:
            w.paragraph([Text(tpl.label("committee_recommendation"), bold=True)], keep_next=True)
            p = None
            for line in _quote_lines(co):
                p = w.paragraph(line, style="quote")
            if p is not None:
                w.cite_note(p, co.source_id or CO_SOURCE, co.id)
        else:
            w.paragraph([Text(tpl.label("co_not_imported"), italic=True)])
        self._claims(s)
        level = tpl.level(entry.assessment)
        shown = level.label if level else tpl.label("not_assessed")
        w.paragraph([Text(self._colon(tpl.label("assessment")), bold=True), Text(shown)])
        if tpl.questions_first and not questions_elsewhere:
            self._items("questions_lead", entry.questions, co.id)
        if entry.commentary.strip():
            parsed = parse_markdown(entry.commentary, f"paragraph {co.id} commentary")
            self.warnings.extend(parsed.warnings)
            w.blocks(parsed.blocks, heading_base=3, numbered=True)
        if not tpl.questions_first and not questions_elsewhere:
            self._items("questions_lead", entry.questions, co.id)
        self._items("recommendations_lead", entry.recommendations, co.id)

    def _claims(self, s: _Section) -> None:
        w, tpl = self.w, self.tpl
        links = self.ws.links(s.co.id)
        pinned = [
            lk
            for g in (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS)
            for lk in links.group(g)
            if lk.pinned and not lk.hidden
        ]
        explicit = [lk for lk in links.group(LinkGroup.CLAIMS) if not lk.hidden]
        shown = pinned or explicit[:MAX_CLAIMS]
        w.paragraph([Text(tpl.label("state_claims"), bold=True)], keep_next=True)
        if not shown:
            w.paragraph([Text(tpl.label("no_claims"), italic=True)])
            return
        items: list[list[Block]] = []
        for lk in shown:
            doc = self.ws.documents.get(lk.source_id)
            para = doc.paragraph(lk.paragraph_id) if doc else None
            text = excerpt(para.text) if para else ""
            inl: list[Inline] = [Text(f"“{text}”")] if text else []
            inl.append(CitationRef(lk.source_id, lk.paragraph_id))
            items.append([Para(inl)])
        w.blocks([ListBlock(False, items)], heading_base=3, numbered=False)
        rest = [lk for lk in explicit if lk not in shown]
        if rest and not pinned:
            many = len(rest) > 1
            label = self.tpl.citation.get("paragraphs" if many else "paragraph", "para.")
            refs = []
            for sid in dict.fromkeys(lk.source_id for lk in rest):
                ids = compress_ids([lk.paragraph_id for lk in rest if lk.source_id == sid])
                refs.append(f"{self._source_label(sid, '') or sid}, {label} {ids}")
            w.paragraph([Text(tpl.label("claims_more", refs="; ".join(refs)), italic=True)])

    def _items(self, lead_key: str, items: list[str], where: str) -> None:
        items = [i for i in items if i.strip()]
        if not items:
            return
        w = self.w
        w.paragraph(self.tpl.label(lead_key), numbered=True, keep_next=True)
        blocks = []
        for item in items:
            parsed = parse_markdown(item, f"paragraph {where}")
            self.warnings.extend(parsed.warnings)
            blocks.append(parsed.blocks or [Para([])])
        w.blocks([ListBlock(True, blocks)], heading_base=3, numbered=True)

    def section_summary_table(self) -> None:
        if not self.sections:
            return
        w, tpl = self.w, self.tpl
        w.heading(1, tpl.label("summary_table"))
        intro = self._fill("summary_intro")
        if intro:
            w.paragraph(intro)
        header: list[list[Inline]] = [
            [Text(tpl.label(k))]
            for k in ("col_paragraph", "col_topic", "col_assessment", "col_recommendation")
        ]
        rows: list[list[list[Inline]]] = []
        shading: dict[tuple[int, int], str] = {}
        for i, s in enumerate(self.sections):
            level = tpl.level(s.entry.assessment)
            if level:
                shading[(i, 2)] = level.colour
            key_rec = ""
            if s.entry.recommendations:
                parsed = parse_markdown(s.entry.recommendations[0])
                key_rec = " ".join(
                    plain_text(b.inlines) for b in parsed.blocks if isinstance(b, Para)
                ).strip()
            rows.append(
                [
                    [Text(s.co.id)],
                    [Text(s.co.topic or tpl.label("general"))],
                    [Text(level.label if level else tpl.label("not_assessed"))],
                    [Text(key_rec)],
                ]
            )
        w.table(header, rows, shading=shading, widths=[1400, 2300, 1900, 3400])

    def section_sources(self) -> None:
        sources = self.project.sources
        if not sources:
            return
        w, tpl = self.w, self.tpl
        w.heading(1, tpl.label("sources"))
        header: list[list[Inline]] = [
            [Text(tpl.label(k))] for k in ("col_symbol", "col_title", "col_kind", "col_date")
        ]
        rows: list[list[list[Inline]]] = []
        for s in sources:
            kind = tpl.label("kind_" + s.kind.replace("-", "_"))
            rows.append(
                [[Text(s.symbol or "—")], [Text(s.title or s.id)], [Text(kind)], [Text(s.date)]]
            )
        w.table(header, rows, widths=[2200, 4000, 1600, 1200])


def _quote_lines(co: COParagraph) -> list[str]:
    """The paragraph's lead-in and each sub-item "(a) …" on its own line, as the CO prints it."""
    para = co.paragraph
    if para is None or not para.sub_items:
        return [co.text]
    first = para.sub_items[0]
    cut = co.text.find(f"({first.label})")
    lead = co.text[:cut].strip() if cut > 0 else ""
    lines = [lead] if lead else []
    lines += [f"({s.label}) {s.text.strip()}" for s in para.sub_items]
    return lines


def _has_content(e: Entry) -> bool:
    return bool(
        e.assessment
        or e.commentary.strip()
        or any(q.strip() for q in e.questions)
        or any(r.strip() for r in e.recommendations)
    )


def _contact(name: str, email: str) -> str:
    return f"{name} ({email})" if name and email else name or email or "—"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _save_atomically(w: DocxWriter, out: Path) -> None:
    """Write beside the target and rename, so a failed render never leaves half a file."""
    out = out.expanduser()
    if out.is_dir():
        raise DrafterError("is a folder; give a .docx file name", path=out)
    if not out.parent.is_dir():
        raise DrafterError("no such folder for the output", path=out.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        w.save(Path(tmp))
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DrafterError(f"cannot write the report: {exc.strerror or exc}", path=out) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
