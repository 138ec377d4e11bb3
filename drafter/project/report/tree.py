"""The report as a document: every word the Committee will read, before any file format.

pandoc's shape: readers build this tree, writers consume it, and the two never meet. The report
builder (`builder.py`) makes a complete tree: cover, contents, sections, the Committee's and the
State party's words as quotations, citations resolved into notes, tables. `drafter check`, the
TUI's word count and the DOCX writer all read the same tree, so they cannot disagree.

Rules of the tree (the writer relies on them):

- Text is final: typography is done (curly quotes, dashes, no-break spaces; U+2011 marks a
  hyphen that must not break), citations are notes, and no Markdown syntax is left.
- Every citation is a `NoteRef` after the builder's notes pass; a `Cite` left in the tree is a
  citation that could not be resolved (only a draft has one) and is written flagged.
- Notes do not nest: inside a note, citations are text.
- A block kind added here must be handled by every `match` over `Block` (the writer and the
  walkers below, `ReportPass` among them, which the notes, typography and word count passes
  share): mypy checks them exhaustively through `assert_never`.

Nodes are msgspec Structs: cheap to define (a cold `drafter render` imports them) and tagged, so
parsed Markdown can be cached on disk (markdown.py). This module imports only msgspec and the
citation grammar, so the TUI and `check` build trees without loading a writer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import assert_never

import msgspec

from drafter.project.citations import Cite as CiteItem

# ---------------------------------------------------------------------------------- inlines


class Text(msgspec.Struct, tag=True):
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False


class Link(msgspec.Struct, tag=True):
    url: str
    children: list[Inline] = []


class LineBreak(msgspec.Struct, tag=True):
    pass


class Quoted(msgspec.Struct, tag=True):
    """Words of a source quoted inside a sentence: `text` is an exact substring of the
    source paragraph; `open`/`close` are the language's quotation marks."""

    text: str
    source_id: str
    paragraph_id: str
    open: str = "“"
    close: str = "”"


class Cite(msgspec.Struct, tag=True):
    """A citation as the author wrote it (`[@a:10-12; @b:3]`), before the notes pass makes it a
    note. One left in a finished tree could not be resolved; `problem` says why."""

    cites: tuple[CiteItem, ...]
    token: str
    problem: str = ""


class NoteRef(msgspec.Struct, tag=True):
    """The place of a footnote mark; the note's text is `note`."""

    note: Note


class Flag(msgspec.Struct, tag=True):
    """Drafts only: a problem shown where it is, so the author finds it in the document."""

    text: str
    problem: str


class Remark(msgspec.Struct):
    """One Word comment: who wrote it, when (ISO 8601, "" for none) and what. Its text is
    written as it is (no typography): `drafter import-review` recognises the comments drafter
    wrote by their words when the reviewer's file comes back."""

    author: str
    text: str
    date: str = ""


class Comment(msgspec.Struct, tag=True):
    """Review copies only (`drafter render --review`): Word comments on the words `children`.
    Each thread is a comment and its replies, in order."""

    children: list[Inline]
    threads: list[list[Remark]] = []


Inline = Text | Link | LineBreak | Quoted | Cite | NoteRef | Flag | Comment


class Note(msgspec.Struct):
    """A footnote. `cited` lists the sources a citation note cites (for "Ibid."); an author's
    own note (Markdown `[^1]`) cites none and is never followed by "Ibid."."""

    blocks: list[Block] = []
    cited: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------- blocks


class ParaRole(StrEnum):
    """What a paragraph is; the writer's one table of styles maps each to a Word style."""

    BODY = "body"
    NUMBERED = "numbered"  # a UN-numbered paragraph of the report's own text (1., 2., …)
    LEAD = "lead"  # a bold lead-in: "The Committee's recommendation"
    TITLE = "title"
    SUBTITLE = "subtitle"
    COVER = "cover"
    NOTICE = "notice"  # the confidentiality statement, a draft's warning


class Para(msgspec.Struct, tag=True):
    inlines: list[Inline]
    role: ParaRole = ParaRole.BODY
    keep_next: bool = False  # stay on the page of what follows (a lead-in, a label)


class Heading(msgspec.Struct, tag=True):
    level: int  # 1 = a part of the report, 2 = a topic, 3 = a paragraph's section, …
    inlines: list[Inline]
    label: str = ""  # "I.", "A." (body headings, UN style); "" for unnumbered front matter
    # The bookmark the contents point at; "" keeps it out of the contents. A CO paragraph's
    # heading has a stable one (`drafter_p_17`, see `paragraph_bookmark`) that
    # `drafter import-review` places a reviewer's notes by; the others are numbered.
    anchor: str = ""


class ListBlock(msgspec.Struct, tag=True):
    ordered: bool
    items: list[list[Block]]
    start: int = 1
    # Ordered lists in the author's numbered text are sub-items of the paragraph before:
    # (a), (b), then (i), (ii) (UN Editorial Manual), not a list of their own.
    sub_items: bool = False


class BlockQuote(msgspec.Struct, tag=True):
    """The author's own block quotation (Markdown `>`)."""

    blocks: list[Block]


class Quotation(msgspec.Struct, tag=True):
    """A source paragraph quoted as a block (the Committee's recommendation): each of
    `paragraphs` is an exact substring of the source; `cite` follows the last one."""

    paragraphs: list[str]
    source_id: str
    paragraph_id: str
    cite: Inline | None = None


class CodeBlock(msgspec.Struct, tag=True):
    text: str


class Cell(msgspec.Struct):
    inlines: list[Inline]
    shading: str = ""  # RRGGBB fill ("" for none)


class Table(msgspec.Struct, tag=True):
    header: list[Cell]
    rows: list[list[Cell]]
    widths: list[int] = []  # relative column widths; [] = equal


class Rule(msgspec.Struct, tag=True):
    pass


class Image(msgspec.Struct, tag=True):
    """A picture (the cover's logo), `width_mm` wide; `alt` is its text for screen readers."""

    path: str  # a file in the project folder
    width_mm: float
    alt: str = ""


class ContentsEntry(msgspec.Struct):
    level: int
    text: str
    anchor: str


class Contents(msgspec.Struct, tag=True):
    """The table of contents: each entry links to its heading's bookmark and shows its page."""

    title: str
    entries: list[ContentsEntry] = []


Block = (
    Para
    | Heading
    | ListBlock
    | BlockQuote
    | Quotation
    | CodeBlock
    | Table
    | Rule
    | Image
    | Contents
)

# ---------------------------------------------------------------------------------- the report


class Part(StrEnum):
    """Where a division sits: it decides the page layout and which words count."""

    COVER = "cover"  # the cover page: no page number, no running header
    CONTENTS = "contents"  # the table of contents: unnumbered front matter too
    DRAFT = "draft"  # a draft's list of problems; never in a report that is sent
    FRONT = "front"  # executive summary, about, methodology: body text, unnumbered headings
    BODY = "body"
    ANNEX = "annex"


class Division(msgspec.Struct):
    """A section of the report ("Executive summary", "Paragraph 17"): the unit `check` lists
    word counts by."""

    part: Part
    title: str
    blocks: list[Block] = []
    paragraph: str | None = None  # the CO paragraph a topic division is about


class Metadata(msgspec.Struct):
    """What the writer needs besides the text: document properties and page furniture."""

    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: str = ""
    language: str = "en-GB"  # BCP 47, for Word's proofing and the core properties
    running_header: str = ""  # short title and organisation, on every numbered page
    confidential_line: str = ""  # on every page when the report is confidential
    draft_line: str = ""  # on every page of a draft
    un_numbering: bool = True  # paragraphs numbered 1., 2., … with sub-items (a), (i)
    sub_item_style: str = "(a)"  # "(a)" or "a)" (French and Spanish)
    right_to_left: bool = False  # Arabic, Hebrew: the document reads right to left


class Report(msgspec.Struct):
    meta: Metadata
    divisions: list[Division] = []


def paragraph_bookmark(paragraph_id: str) -> str:
    """The bookmark on CO paragraph `paragraph_id`'s heading: a Word bookmark name holds
    letters, digits and underscores, at most 40 of them."""
    return "drafter_p_" + re.sub(r"\W", "_", paragraph_id, flags=re.ASCII)[:30]


# ---------------------------------------------------------------------------------- walking


def child_blocks(block: Block) -> Iterator[Block]:
    """The blocks directly inside `block` (not its notes)."""
    match block:
        case ListBlock(items=items):
            for item in items:
                yield from item
        case BlockQuote(blocks=blocks):
            yield from blocks
        case (
            Para() | Heading() | Quotation() | CodeBlock() | Table() | Rule() | Image() | Contents()
        ):
            return
        case _:
            assert_never(block)


def block_inlines(block: Block) -> Iterator[list[Inline]]:
    """Every inline list directly in `block` (paragraph text, heading text, table cells)."""
    match block:
        case Para(inlines=inlines) | Heading(inlines=inlines):
            yield inlines
        case Table(header=header, rows=rows):
            for cell in header:
                yield cell.inlines
            for row in rows:
                for cell in row:
                    yield cell.inlines
        case Quotation(cite=cite):
            if cite is not None:
                yield [cite]
        case ListBlock() | BlockQuote() | CodeBlock() | Rule() | Image() | Contents():
            return
        case _:
            assert_never(block)


class ReportPass:
    """A pass over the tree in reading order, as pandoc's `walk`: this class knows where each
    block kind keeps its blocks and its text, so a pass (the notes, the typography, the word
    count) says only what it does with them. A block kind added to the tree is walked here
    (mypy checks the match), so every pass sees its text.

    A pass implements `inlines`, every run of text (paragraphs, headings, table cells, a
    quotation's citation), and overrides a block kind's method where it reads or changes the
    words that kind holds as plain strings (a quotation's paragraphs, code, the contents)."""

    def report(self, report: Report) -> None:
        for division in report.divisions:
            self.blocks(division.blocks)

    def blocks(self, blocks: list[Block]) -> None:
        for b in blocks:
            self.block(b)

    def block(self, b: Block) -> None:
        match b:
            case Para(inlines=inlines) | Heading(inlines=inlines):
                self.inlines(inlines)
            case ListBlock(items=items):
                for item in items:
                    self.blocks(item)
            case BlockQuote():
                self.block_quote(b)
            case Quotation():
                self.quotation(b)
            case Table(header=header, rows=rows):
                for cell in [*header, *(c for row in rows for c in row)]:
                    self.inlines(cell.inlines)
            case CodeBlock():
                self.code(b)
            case Contents():
                self.contents(b)
            case Rule() | Image():
                pass  # no text: a picture's description is not on the page
            case _:
                assert_never(b)

    def inlines(self, inlines: list[Inline]) -> None:
        """One run of text; the pass may change the list in place."""
        raise NotImplementedError

    def block_quote(self, b: BlockQuote) -> None:
        self.blocks(b.blocks)

    def quotation(self, b: Quotation) -> None:
        """The source's words are left alone; its citation is a run of text, which the pass
        may replace (the notes pass makes it a note)."""
        if b.cite is not None:
            holder: list[Inline] = [b.cite]
            self.inlines(holder)
            b.cite = holder[0] if holder else None

    def code(self, b: CodeBlock) -> None:
        pass  # verbatim

    def contents(self, b: Contents) -> None:
        pass


def walk_blocks(blocks: list[Block]) -> Iterator[Block]:
    """Every block, depth first, in document order (notes' blocks not included)."""
    for b in blocks:
        yield b
        yield from walk_blocks(list(child_blocks(b)))


def walk_inlines(inlines: list[Inline]) -> Iterator[Inline]:
    """Every inline in reading order: each one, then what is inside it (a link's or a
    comment's words, a note's text)."""
    for i in inlines:
        yield i
        match i:
            case Link(children=children) | Comment(children=children):
                yield from walk_inlines(children)
            case NoteRef(note=note):
                for b in walk_blocks(note.blocks):
                    for inl in block_inlines(b):
                        yield from walk_inlines(inl)
            case Text() | LineBreak() | Quoted() | Cite() | Flag():
                pass
            case _:
                assert_never(i)


def plain_text(inlines: list[Inline]) -> str:
    """The visible words of inlines; notes and flags left out (for headings, tables, counts)."""
    out: list[str] = []
    for i in inlines:
        match i:
            case Text(text=text):
                out.append(text)
            case Link(children=children) | Comment(children=children):
                out.append(plain_text(children))
            case LineBreak():
                out.append(" ")
            case Quoted(text=text, open=o, close=c):
                out.append(f"{o}{text}{c}")
            case Cite() | NoteRef() | Flag():
                pass
            case _:
                assert_never(i)
    return "".join(out)
