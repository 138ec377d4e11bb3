"""The report tree -> a DOCX package. The writer only writes: every word, note and number was
decided by the report builder (drafter/project/report). Each block and inline kind is matched
exhaustively (mypy checks the `assert_never`), so a kind added to the tree cannot be dropped
here without the type check failing.

Pages: the cover and the contents form an unnumbered first section; the report proper starts a
second section whose pages are numbered from 1, with the running header. A confidential report
says so at the foot of every page; a draft says so at the head of every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, assert_never

from docx.enum.section import WD_HEADER_FOOTER, WD_SECTION
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm
from lxml import etree

from drafter.errors import DrafterError
from drafter.project.report.markdown import strip_forbidden
from drafter.project.report.tree import (
    Block,
    BlockQuote,
    Cite,
    CodeBlock,
    Comment,
    Contents,
    Division,
    Flag,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Note,
    NoteRef,
    Para,
    ParaRole,
    Part,
    Quotation,
    Quoted,
    Remark,
    Report,
    Rule,
    Table,
    Text,
    plain_text,
)
from drafter.render.wordml import TEXT_WIDTH, Package

_ROLE_STYLE = {
    ParaRole.BODY: "body",
    ParaRole.NUMBERED: "body",
    ParaRole.LEAD: "lead",
    ParaRole.TITLE: "title",
    ParaRole.SUBTITLE: "subtitle",
    ParaRole.COVER: "cover",
    ParaRole.NOTICE: "notice",
}
_FIRST_SECTION = (Part.COVER, Part.DRAFT, Part.CONTENTS)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Where blocks are being written: the element they go in, the part their links belong
    to, and what kind of place it is (body, a note, a table cell, a quotation)."""

    parent: etree._Element
    part: Any
    where: str = "body"  # "body", "note", "cell"
    quote: bool = False
    depth: int = 0  # list nesting
    un_level: int = -1  # inside UN sub-items: the level of the list around (nested lists go on)


class DocxWriter:
    def __init__(self, report: Report, reference: Path | None = None) -> None:
        self.report = report
        self.meta: Metadata = report.meta
        self.pkg = Package(
            reference, language=self.meta.language, sub_item_style=self.meta.sub_item_style
        )
        self.bidi = self.meta.right_to_left
        self.warnings: list[str] = []

    # ------------------------------------------------------------------ the document

    def write(self, out: Path | IO[bytes]) -> None:
        body = _Ctx(self.pkg.body, self.pkg.part)
        first_section_end: etree._Element | None = None
        previous: Division | None = None
        for division in self.report.divisions:
            if previous is not None:
                if previous.part in _FIRST_SECTION and division.part not in _FIRST_SECTION:
                    first_section_end = self._last_paragraph()
                elif previous.part != division.part and (
                    division.part in _FIRST_SECTION or division.part == Part.ANNEX
                ):
                    self.pkg.page_break(self.pkg.body)
            self.blocks(division.blocks, body)
            previous = division
        self._sections(first_section_end)
        self.pkg.settings()
        self._properties()
        if self.pkg.final_sect_pr is not None:
            self.pkg.body.append(self.pkg.final_sect_pr)  # sectPr stays the body's last child
        self.pkg.doc.save(str(out) if isinstance(out, Path) else out)

    def _last_paragraph(self) -> etree._Element:
        last = self.pkg.body[-1] if len(self.pkg.body) else None
        if last is None or last.tag != qn("w:p"):
            last = self.pkg.paragraph(self.pkg.body)
        return last

    # ------------------------------------------------------------------ blocks

    def blocks(self, blocks: list[Block], ctx: _Ctx) -> None:
        for b in blocks:
            self.block(b, ctx)

    def _style(self, role: ParaRole, ctx: _Ctx) -> str:
        if ctx.where == "note":
            return "footnote_text"
        if ctx.where == "cell":
            return "table_text"
        if ctx.quote:
            return "quote"
        return _ROLE_STYLE[role]

    def block(self, b: Block, ctx: _Ctx) -> None:
        pkg = self.pkg
        match b:
            case Para(inlines=inlines, role=role, keep_next=keep_next):
                numbered = (
                    role == ParaRole.NUMBERED
                    and self.meta.un_numbering
                    and ctx.where == "body"
                    and not ctx.quote
                    and not ctx.depth
                )
                p = self._p(
                    ctx,
                    self._style(role, ctx),
                    num=(pkg.numbering.un_paragraphs, 0) if numbered else None,
                    keep_next=keep_next,
                )
                self.inlines(p, inlines, ctx)
            case Heading(level=level, inlines=inlines, label=label, anchor=anchor):
                if ctx.where != "body" or ctx.quote or ctx.depth:
                    # A heading inside a note, cell, quotation or list: bold text there.
                    p = self._p(ctx, self._style(ParaRole.BODY, ctx))
                    self.inlines(p, [_bold(i) for i in inlines], ctx)
                    return
                p = self._p(ctx, f"heading{max(1, min(level, 9))}", keep_next=True)
                if label:
                    pkg.text(p, f"{label}\t")
                self.inlines(p, inlines, ctx)
                if anchor:
                    pkg.bookmark(p, anchor)
            case ListBlock():
                self._list(b, ctx)
            case BlockQuote(blocks=blocks):
                self.blocks(blocks, replace(ctx, quote=True))
            case Quotation(paragraphs=paragraphs, cite=cite):
                quoted = replace(ctx, quote=True)
                for n, text in enumerate(paragraphs):
                    p = self._p(quoted, self._style(ParaRole.BODY, quoted))
                    self._text(p, text)
                    if n == len(paragraphs) - 1 and cite is not None:
                        self.inlines(p, [cite], quoted)
            case CodeBlock(text=text):
                p = self._p(ctx, "code" if ctx.where == "body" else self._style(ParaRole.BODY, ctx))
                self._text(p, text, char_style="verbatim" if ctx.where != "body" else None)
            case Table():
                self._table(b, ctx)
            case Rule():
                p = self._p(ctx, self._style(ParaRole.BODY, ctx))
                pkg.border_bottom(p)
            case Image(path=path, width_mm=width, alt=alt):
                p = self._p(ctx, "cover")
                try:
                    pkg.picture(p, Path(path), width, alt)
                except (UnrecognizedImageError, OSError) as exc:
                    raise DrafterError(f"cannot use this picture: {exc}", path=path) from exc
            case Contents(title=title, entries=entries):
                p = self._p(ctx, "toc_heading")
                self._text(p, title)
                for e in entries:
                    p = self._p(ctx, f"toc{max(1, min(e.level, 3))}")
                    link = pkg.anchor_link(p, e.anchor)
                    self._text(link, f"{e.text}\t")
                    # LibreOffice computes a PAGEREF as it lays out the pages, Word when it
                    # updates fields on opening: both show the heading's page.
                    pkg.field(link, f"PAGEREF {e.anchor} \\h")
            case _:
                assert_never(b)

    def _p(
        self,
        ctx: _Ctx,
        style: str,
        *,
        num: tuple[int, int] | None = None,
        keep_next: bool = False,
        indent: int | None = None,
    ) -> etree._Element:
        return self.pkg.paragraph(
            ctx.parent, style, num=num, keep_next=keep_next, indent=indent, bidi=self.bidi
        )

    def _list(self, block: ListBlock, ctx: _Ctx) -> None:
        pkg = self.pkg
        ilvl = min(ctx.depth, 8)
        un = self.meta.un_numbering and ctx.where == "body" and not ctx.quote
        if block.ordered and un and (block.sub_items or ctx.un_level >= 0):
            # UN sub-items: (a), (b) under the numbered paragraph before, (i) one level down.
            num_id = pkg.numbering.un_paragraphs
            ilvl = min(ctx.un_level + 1 if ctx.un_level >= 0 else 1, 8)
        elif block.ordered:
            num_id = pkg.numbering.ordered(block.start)
        else:
            num_id = pkg.numbering.bullets
        style = "quote" if ctx.quote else self._style(ParaRole.BODY, ctx)
        if ctx.where == "body" and not ctx.quote:
            style = "list"
        inner = replace(
            ctx,
            depth=ctx.depth + 1,
            un_level=ilvl if num_id == pkg.numbering.un_paragraphs else ctx.un_level,
        )
        for item in block.items:
            first = True
            for b in item or [Para([])]:
                if isinstance(b, Para) and first:
                    p = self._p(ctx, style, num=(num_id, ilvl))
                    self.inlines(p, b.inlines, ctx)
                elif isinstance(b, Para):
                    p = self._p(ctx, style, indent=(ilvl + 2) * 567)
                    self.inlines(p, b.inlines, ctx)
                elif isinstance(b, ListBlock):
                    self._list(b, inner)
                else:
                    self.block(b, inner)
                first = False

    def _table(self, table: Table, ctx: _Ctx) -> None:
        ncols = max([len(table.header), *(len(r) for r in table.rows)]) or 1
        weights = table.widths if len(table.widths) == ncols else [1] * ncols
        total = sum(weights) or 1
        widths = [max(300, TEXT_WIDTH * w // total) for w in weights]
        tbl = self.pkg.table(ctx.parent, widths, bool(table.header))
        rows = ([table.header] if table.header else []) + table.rows
        for ri, row in enumerate(rows):
            header = bool(table.header) and ri == 0
            tr = self.pkg.row(tbl, header)
            for ci in range(ncols):
                cell = row[ci] if ci < len(row) else None
                fill = "D9D9D9" if header else (cell.shading if cell else "")
                tc = self.pkg.cell(tr, widths[ci], fill)
                cell_ctx = _Ctx(tc, ctx.part, "cell" if ctx.where != "note" else "note")
                p = self._p(cell_ctx, self._style(ParaRole.BODY, cell_ctx))
                if cell is not None:
                    self.inlines(
                        p, [_bold(i) for i in cell.inlines] if header else cell.inlines, cell_ctx
                    )
        # Word needs a paragraph after a table that ends a cell, a note or the document.
        self._p(ctx, self._style(ParaRole.BODY, ctx))

    # ------------------------------------------------------------------ inlines

    def _text(self, p: etree._Element, text: str, **style: Any) -> None:
        cleaned, removed = strip_forbidden(text)
        if removed:
            self.warnings.append(f"removed {removed} character(s) that a Word file cannot hold")
        if cleaned:
            self.pkg.text(p, cleaned, **style)

    def inlines(self, p: etree._Element, inlines: list[Inline], ctx: _Ctx) -> None:
        for i in inlines:
            match i:
                case Text(text=text, bold=bold, italic=italic, code=code, strike=strike):
                    self._text(
                        p,
                        text,
                        bold=bold,
                        italic=italic,
                        strike=strike,
                        char_style="verbatim" if code else None,
                    )
                case LineBreak():
                    self.pkg.line_break(p)
                case Link(url=url, children=children):
                    self._link(p, url, children, ctx)
                case Quoted(text=text, open=o, close=c):
                    self._text(p, f"{o}{text}{c}")
                case NoteRef(note=note):
                    if ctx.where == "note":
                        # Word has no notes inside notes: its words go in brackets.
                        inner = " ".join(plain_text(il) for il in _note_inlines(note))
                        self._text(p, f" ({inner})")
                    else:
                        self._note(p, note)
                case Cite(token=token, problem=problem):
                    # A citation the builder could not resolve (drafts only): shown, flagged.
                    self._text(p, f"{token} [{problem}]", char_style="flag")
                case Flag(text=text, problem=problem):
                    self._text(p, f"{text} [{problem}]", char_style="flag")
                case Comment(children=children, threads=threads):
                    if ctx.where == "body":
                        self._comment(p, children, threads, ctx)
                    else:  # Word anchors comments in the text only, not in notes
                        self.inlines(p, children, ctx)
                case _:
                    assert_never(i)

    def _comment(
        self, p: etree._Element, children: list[Inline], threads: list[list[Remark]], ctx: _Ctx
    ) -> None:
        """Comments on `children`: each one's range around them, its mark after them; a reply
        is a comment of its own on the same words, threaded under the first."""
        ids: list[int] = []
        for thread in threads:
            first = ""
            for remark in thread:
                text = strip_forbidden(remark.text)[0]
                author = strip_forbidden(remark.author)[0]
                cid, para_id = self.pkg.comments.new(author, text, remark.date, parent=first)
                first = first or para_id
                ids.append(cid)
        for cid in ids:
            self.pkg.comment_start(p, cid)
        self.inlines(p, children, ctx)
        for cid in ids:
            self.pkg.comment_end(p, cid)

    def _link(self, p: etree._Element, url: str, children: list[Inline], ctx: _Ctx) -> None:
        url = strip_forbidden(url.strip())[0]
        if not url.startswith(("http://", "https://", "mailto:", "ftp://")):
            self.inlines(p, children, ctx)  # a relative or odd target: keep the words only
            return
        h = self.pkg.hyperlink(p, ctx.part, url)
        for child in children or [Text(url)]:
            if isinstance(child, Text):
                self._text(
                    h, child.text, bold=child.bold, italic=child.italic, char_style="hyperlink"
                )
            else:
                self.inlines(h, [child], ctx)

    def _note(self, p: etree._Element, note: Note) -> None:
        note_id, el = self.pkg.footnotes.new()
        self.pkg.note_reference(p, note_id)
        ctx = _Ctx(el, self.pkg.footnotes.part, "note")
        first = self.pkg.note_first_paragraph(el, bidi=self.bidi)
        blocks = note.blocks or [Para([])]
        if isinstance(blocks[0], Para):
            self.inlines(first, blocks[0].inlines, ctx)
            blocks = blocks[1:]
        self.blocks(blocks, ctx)

    # ------------------------------------------------------------------ pages

    def _sections(self, first_section_end: etree._Element | None) -> None:
        pkg, meta = self.pkg, self.meta
        final = pkg.final_sect_pr
        if final is None:
            return
        for ref in final.findall(qn("w:headerReference")) + final.findall(qn("w:footerReference")):
            final.remove(ref)
        body = Section(final, pkg.part)
        body.page_width, body.page_height = Mm(210), Mm(297)
        body.start_type = WD_SECTION.NEW_PAGE
        if not pkg.has_reference:  # a reference document's margins are the maintainer's
            for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(body, m, Mm(25))
        if first_section_end is not None:
            # The cover and the contents: a section of their own, unnumbered.
            front = parse_xml(etree.tostring(final))
            ppr = first_section_end.find(qn("w:pPr"))
            if ppr is None:
                ppr = etree.Element(qn("w:pPr"))
                first_section_end.insert(0, ppr)
            ppr.append(front)
            self._furniture(front, header=[meta.draft_line], footer=[meta.confidential_line])
        self._furniture(
            final,
            header=[meta.draft_line, meta.running_header],
            footer=[meta.confidential_line],
            page_numbers=True,
        )
        if first_section_end is not None:
            pg = etree.Element(qn("w:pgNumType"))
            pg.set(qn("w:start"), "1")
            anchor = final.find(qn("w:cols"))
            if anchor is None:
                anchor = final.find(qn("w:docGrid"))
            if anchor is not None:
                anchor.addprevious(pg)
            else:
                final.append(pg)

    def _furniture(
        self,
        sect_pr: etree._Element,
        header: list[str],
        footer: list[str],
        page_numbers: bool = False,
    ) -> None:
        pkg = self.pkg
        lines = [h for h in header if h]
        if lines:
            part, rid = pkg.part.add_header_part()  # type: ignore[no-untyped-call]
            sect_pr.add_headerReference(WD_HEADER_FOOTER.PRIMARY, rid)
            root = part.element
            for child in list(root):
                root.remove(child)
            for line in lines:
                self._text(pkg.paragraph(root, "header", bidi=self.bidi), line)
        foot = [f for f in footer if f]
        if foot or page_numbers:
            part, rid = pkg.part.add_footer_part()  # type: ignore[no-untyped-call]
            sect_pr.add_footerReference(WD_HEADER_FOOTER.PRIMARY, rid)
            root = part.element
            for child in list(root):
                root.remove(child)
            if page_numbers:
                pkg.field(pkg.paragraph(root, "footer", align="center"), "PAGE", "1")
            for line in foot:
                self._text(pkg.paragraph(root, "footer", align="center"), line, bold=True)

    def _properties(self) -> None:
        meta = self.meta
        cp = self.pkg.doc.core_properties
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)

        def clean(text: str) -> str:
            # Core properties hold at most 255 characters; the title page has the whole title.
            text = " ".join(strip_forbidden(text)[0].split())
            return text if len(text) <= 255 else text[:254] + "…"

        cp.title = clean(meta.title)
        cp.author = clean(meta.author)
        cp.last_modified_by = clean(meta.author)
        cp.subject = clean(meta.subject)
        cp.keywords = clean(meta.keywords)
        cp.language = meta.language
        cp.comments = ""
        cp.category = ""
        cp.revision = 1
        cp.created = now
        cp.modified = now
        cp.last_printed = now


def _bold(i: Inline) -> Inline:
    if isinstance(i, Text):
        return Text(i.text, True, i.italic, i.code, i.strike)
    return i


def _note_inlines(note: Note) -> list[list[Inline]]:
    from drafter.project.report.tree import block_inlines, walk_blocks

    return [inl for b in walk_blocks(note.blocks) for inl in block_inlines(b)]
