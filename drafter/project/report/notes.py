"""The citation engine: `Cite` nodes become footnotes in UN style.

- A citation names paragraphs by their printed numbers, "CERD/C/BRA/FCO/18-20, paras. 10–12";
  sub-paragraphs as printed, "para. 17 (a) and (c)"; unnumbered blocks of an NGO's document
  (ids such as "b3") are cited by the document alone.
- Citations at one spot (`[@k:10][@k:11]`, `[@a:10; @b:11]`, or beside the author's own note)
  make one note, so "³³³⁴³⁵" never reads as one number.
- "Ibid." only when the note immediately before cites exactly the same one source.
- A document without a UN symbol (an NGO's evidence) is cited in full the first time: author,
  title, date and address; afterwards by author and title.
- A citation that cannot be resolved stays a `Cite` with its `problem`: `check` reports it, a
  draft shows it, and a report that is sent never has one.

Resolving needs the project's sources and their parsed documents; `Resolver` is built from the
Workspace by the report builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

import msgspec

from drafter.documents.model import Document
from drafter.project.citations import Cite as CiteItem
from drafter.project.citations import Locator, paragraph_number
from drafter.project.model import Source
from drafter.project.report.language import join_list, long_date
from drafter.project.report.tree import (
    Block,
    Cite,
    Comment,
    Flag,
    Inline,
    LineBreak,
    Link,
    Note,
    NoteRef,
    Para,
    Quoted,
    Report,
    ReportPass,
    Text,
    block_inlines,
    walk_blocks,
)


class CitationWords(msgspec.Struct):
    """The template's words for notes: "para."/"paras.", "Ibid.", "Available at"."""

    paragraph: str = "para."
    paragraphs: str = "paras."
    ibid: str = "Ibid."
    available_at: str = "Available at"
    language: str = "en"


def _sort_key(pid: str) -> tuple[int, str]:
    number = paragraph_number(pid)
    digits = number.split(" ", 1)[0]
    return (int(digits), number) if digits.isdigit() else (1 << 30, pid)


def format_locators(locators: tuple[Locator, ...], words: CitationWords) -> str:
    """ "para. 10", "paras. 10–12", "paras. 10 and 12", "para. 17 (a) and (c)"; "" when no
    locator is a numbered paragraph (a whole document, or an NGO document's blocks)."""
    singles: list[str] = []
    ranges: list[tuple[str, str]] = []
    for loc in locators:
        if not paragraph_number(loc.first):
            continue
        if loc.last and paragraph_number(loc.last):
            ranges.append((loc.first, loc.last))
        else:
            singles.append(loc.first)
    if not singles and not ranges:
        return ""
    singles = sorted(dict.fromkeys(singles), key=_sort_key)
    items: list[tuple[tuple[int, str], str]] = []
    for a, b in ranges:
        na, nb = paragraph_number(a), paragraph_number(b)
        base_a, base_b = na.split(" ", 1)[0], nb.split(" ", 1)[0]
        # "22 (a)–(c)" within one paragraph; "10–12" across paragraphs.
        shown = f"{na}–{nb[len(base_b) + 1 :]}" if base_a == base_b and " " in nb else f"{na}–{nb}"
        items.append((_sort_key(a), shown))
    bases = {paragraph_number(p).split(" ", 1)[0] for p in singles}
    if len(bases) == 1 and not ranges and all(" " in paragraph_number(p) for p in singles):
        # Sub-paragraphs of one paragraph: "para. 17 (a) and (c)".
        base = next(iter(bases))
        subs = [paragraph_number(p)[len(base) + 1 :] for p in singles]
        return f"{words.paragraph} {base} {join_list(subs, words.language)}"
    # Runs of three or more consecutive paragraphs read as a range: 10, 11, 12 -> 10–12.
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 3:
            items.append((_sort_key(run[0]), f"{run[0]}–{run[-1]}"))
        else:
            items.extend((_sort_key(p), p) for p in run)
        run.clear()

    for pid in singles:
        number = paragraph_number(pid)
        if number.isdigit() and run and int(number) == int(run[-1]) + 1:
            run.append(number)
            continue
        flush()
        if number.isdigit():
            run.append(number)
        else:
            items.append((_sort_key(pid), number))
    flush()
    shown_items = [s for _, s in sorted(items, key=lambda x: x[0])]
    plural = len(shown_items) > 1 or any("–" in s for s in shown_items)
    label = words.paragraphs if plural else words.paragraph
    return f"{label} {join_list(shown_items, words.language)}"


class Resolver(msgspec.Struct):
    """What the notes pass needs from the project: its sources and their parsed documents."""

    sources: dict[str, Source]
    documents: dict[str, Document]
    words: CitationWords
    symbol_of: Callable[[Source], str] = lambda s: s.symbol

    def problem(self, cite: CiteItem) -> str:
        """Why `cite` cannot be printed, or ""."""
        source = self.sources.get(cite.source_id)
        if source is None:
            return f"points to no imported source {cite.source_id!r}"
        if not (self.symbol_of(source) or source.title):
            return (
                f"source {cite.source_id!r} has no symbol or title to cite it by "
                f"(drafter source … {cite.source_id} --title …)"
            )
        doc = self.documents.get(cite.source_id)
        if doc is None:
            return ""  # the source itself is reported missing or unreadable
        for loc in cite.locators:
            for pid in (loc.first, loc.last):
                if pid and not _exists(doc, pid):
                    name = self.symbol_of(source) or source.title
                    return f"points to no paragraph {pid!r} in {name}"
        return ""

    def full(self, cite: CiteItem) -> list[Inline]:
        """The first citation of a source: its symbol; for a document without one, author,
        title, date and address."""
        source = self.sources[cite.source_id]
        symbol = self.symbol_of(source)
        locators = format_locators(cite.locators, self.words)
        if symbol:
            return [Text(f"{symbol}, {locators}" if locators else symbol)]
        out: list[Inline] = []
        if source.author:
            out.append(Text(f"{source.author}, "))
        out.append(Text(source.title, italic=True))
        if source.date:
            out.append(Text(f", {long_date(source.date, self.words.language)}"))
        if locators:
            out.append(Text(f", {locators}"))
        if source.url:
            out.append(Text(f". {self.words.available_at} "))
            out.append(Link(source.url, [Text(source.url)]))
        return out

    def short(self, cite: CiteItem) -> list[Inline]:
        """A later citation: the symbol, or author and title."""
        source = self.sources[cite.source_id]
        symbol = self.symbol_of(source)
        locators = format_locators(cite.locators, self.words)
        head: list[Inline] = (
            [Text(symbol)]
            if symbol
            else [
                *([Text(f"{source.author}, ")] if source.author else []),
                Text(source.title, italic=True),
            ]
        )
        return [*head, Text(f", {locators}")] if locators else head


def _exists(doc: Document, pid: str) -> bool:
    base, _, rest = pid.partition("(")
    para = doc.paragraph(pid) or doc.paragraph(base)
    if para is None:
        return False
    if rest and para.sub_items:
        label = rest.split(")", 1)[0]
        return any(s.label == label for s in para.sub_items)
    return True


def _merge(cites: list[CiteItem]) -> list[CiteItem]:
    """One entry per source, locators together, in order of first mention."""
    by_source: dict[str, list[Locator]] = {}
    for c in cites:
        by_source.setdefault(c.source_id, []).extend(c.locators)
    out: list[CiteItem] = []
    for sid, locs in by_source.items():
        # A whole-document citation beside a paragraph one: the paragraphs say more.
        out.append(CiteItem(sid, tuple(dict.fromkeys(locs))))
    return out


class _State(msgspec.Struct):
    cited_before: set[str] = msgspec.field(default_factory=set)
    previous: Note | None = None
    previous_locators: tuple[Locator, ...] = ()
    count: int = 0


class NotesPass(ReportPass):
    """Walks a finished report in reading order and turns citations into notes."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.state = _State()

    def run(self, report: Report) -> int:
        self.report(report)
        return self.state.count

    def inlines(self, inlines: list[Inline]) -> None:
        """Resolve the citations in one run of text, merging marks that stand together."""
        i = 0
        while i < len(inlines):
            item = inlines[i]
            if isinstance(item, Link | Comment):
                self.inlines(item.children)
            if not isinstance(item, Cite | NoteRef):
                i += 1
                continue
            # The group of marks at this spot: citations and notes with only spaces between.
            j = i + 1
            group: list[Cite | NoteRef] = [item]
            while j < len(inlines):
                nxt = inlines[j]
                if isinstance(nxt, Cite | NoteRef):
                    group.append(nxt)
                    j += 1
                elif (
                    isinstance(nxt, Text)
                    and not nxt.text.strip()
                    and j + 1 < len(inlines)
                    and isinstance(inlines[j + 1], Cite | NoteRef)
                ):
                    j += 1
                else:
                    break
            inlines[i:j] = self.group(group)
            i += 1

    def group(self, marks: list[Cite | NoteRef]) -> list[Inline]:
        """One note for the marks at one spot; unresolvable citations stay behind, flagged."""
        own: list[Block] = []
        cites: list[CiteItem] = []
        left: list[Inline] = []
        for m in marks:
            if isinstance(m, NoteRef):
                self.inside_note(m.note.blocks)
                own.extend(m.note.blocks)
                continue
            problems = [self.resolver.problem(c) for c in m.cites]
            problem = next((p for p in problems if p), "")
            if problem:
                m.problem = problem
                left.append(m)
            else:
                cites.extend(m.cites)
        if not own and not cites:
            return left
        merged = _merge(cites)
        note = Note(
            self.note_blocks(own, merged), tuple(c.source_id for c in merged) if not own else ()
        )
        self.state.previous = note
        self.state.previous_locators = merged[0].locators if len(merged) == 1 else ()
        self.state.count += 1
        return [NoteRef(note), *left]

    def note_blocks(self, own: list[Block], merged: list[CiteItem]) -> list[Block]:
        text: list[Inline] = []
        prev = self.state.previous
        ibid = (
            not own
            and len(merged) == 1
            and prev is not None
            and prev.cited == (merged[0].source_id,)
        )
        if ibid:
            locators = format_locators(merged[0].locators, self.resolver.words)
            same = merged[0].locators == self.state.previous_locators
            shown = self.resolver.words.ibid
            text = [Text(shown if same or not locators else f"{shown}, {locators}")]
        else:
            for n, c in enumerate(merged):
                if n:
                    text.append(Text("; "))
                text.extend(self.cite_inlines(c))
        if text:
            _end_with_stop(text)
        blocks = list(own)
        if text:
            last = blocks[-1] if blocks else None
            if isinstance(last, Para):
                last.inlines.extend([Text(" "), *text])
            else:
                blocks.append(Para(text))
        return blocks

    def cite_inlines(self, c: CiteItem) -> list[Inline]:
        first = c.source_id not in self.state.cited_before
        self.state.cited_before.add(c.source_id)
        return self.resolver.full(c) if first else self.resolver.short(c)

    def inside_note(self, blocks: list[Block]) -> None:
        """Inside a note, citations are text (Word has no notes in notes), and a note inside a
        note becomes its text in brackets."""
        for b in blocks:
            for inl in _inline_lists(b):
                out: list[Inline] = []
                for i in inl:
                    if isinstance(i, Cite):
                        problems = [self.resolver.problem(c) for c in i.cites]
                        problem = next((p for p in problems if p), "")
                        if problem:
                            i.problem = problem
                            out.append(i)
                            continue
                        for n, c in enumerate(_merge(list(i.cites))):
                            out.append(Text("; " if n else _space_before(out)))
                            out.extend(self.cite_inlines(c))
                    elif isinstance(i, NoteRef):
                        self.inside_note(i.note.blocks)
                        inner = [x for b2 in i.note.blocks for x in _flat_inlines(b2)]
                        if inner:
                            out.extend([Text(" ("), *inner, Text(")")])
                    else:
                        out.append(i)
                inl[:] = out


def _space_before(out: list[Inline]) -> str:
    last = out[-1] if out else None
    if isinstance(last, Text) and last.text and not last.text[-1].isspace():
        return " "
    return ""


def _inline_lists(b: Block) -> list[list[Inline]]:
    return [inl for blk in walk_blocks([b]) for inl in block_inlines(blk)]


def _flat_inlines(b: Block) -> list[Inline]:
    out: list[Inline] = []
    for inl in _inline_lists(b):
        if out:
            out.append(Text(" "))
        out.extend(inl)
    return out


def _end_with_stop(text: list[Inline]) -> None:
    """A note ends with a full stop (UN Editorial Manual)."""
    last = text[-1]
    if isinstance(last, Text):
        if not last.text.rstrip().endswith((".", "!", "?")):
            last.text = last.text.rstrip() + "."
    elif isinstance(last, Link | LineBreak | Quoted | Cite | NoteRef | Flag | Comment):
        text.append(Text("."))
    else:
        assert_never(last)
