"""The block model -> WordprocessingML, on python-docx's package and oxml layer.

python-docx gives the package, the parts, styles and core properties; paragraphs and runs are
built directly as lxml elements, because the per-run proxy API is several times slower than pandoc
on a long report. Styles come from the template's `reference.docx` when it has one (as pandoc
does); any style the writer needs and the reference lacks is added with a sober default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from drafter.render.blocks import (
    Block,
    CitationRef,
    CodeBlock,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    Para,
    Quote,
    Rule,
    Table,
    Text,
    plain_text,
    strip_forbidden,
)
from drafter.render.footnotes import CitationStyle, Footnotes
from drafter.render.numbering import Numbering
from drafter.render.result import WordCounts

W_P = qn("w:p")
W_PPR = qn("w:pPr")
W_PSTYLE = qn("w:pStyle")
W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_RSTYLE = qn("w:rStyle")
W_T = qn("w:t")
W_VAL = qn("w:val")
W_BR = qn("w:br")
W_HYPERLINK = qn("w:hyperlink")
R_ID = qn("r:id")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Styles the writer uses: key -> (name as Word spells it, type, XML of its properties if added).
_STYLES: dict[str, tuple[str, str, str]] = {
    "body": (
        "Body Text",
        "paragraph",
        '<w:pPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr>',
    ),
    "title": ("Title", "paragraph", '<w:rPr><w:b/><w:sz w:val="40"/></w:rPr>'),
    "subtitle": ("Subtitle", "paragraph", '<w:rPr><w:sz w:val="28"/></w:rPr>'),
    "cover": ("Cover Text", "paragraph", '<w:pPr><w:spacing w:after="120"/></w:pPr>'),
    "quote": (
        "Quote",
        "paragraph",
        '<w:pPr><w:ind w:left="567" w:right="567"/><w:jc w:val="both"/></w:pPr>'
        "<w:rPr><w:i/></w:rPr>",
    ),
    "list": ("List Paragraph", "paragraph", '<w:pPr><w:ind w:left="720"/></w:pPr>'),
    "code": (
        "Source Code",
        "paragraph",
        '<w:pPr><w:spacing w:after="0"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:sz w:val="20"/></w:rPr>',
    ),
    "verbatim": (
        "Verbatim Char",
        "character",
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr>',
    ),
    "footnote_text": (
        "footnote text",
        "paragraph",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
    ),
    "footnote_reference": (
        "footnote reference",
        "character",
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
    ),
    "hyperlink": (
        "Hyperlink",
        "character",
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>',
    ),
    "toc_heading": ("TOC Heading", "paragraph", '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>'),
    "table": ("Table Grid", "table", ""),
    "table_text": (
        "Table Text",
        "paragraph",
        '<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr>',
    ),
    "footer": ("footer", "paragraph", '<w:pPr><w:jc w:val="center"/></w:pPr>'),
}
for _n in range(1, 10):
    _STYLES[f"heading{_n}"] = (
        f"heading {_n}",
        "paragraph",
        f'<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>'
        f'<w:outlineLvl w:val="{_n - 1}"/></w:pPr><w:rPr><w:b/></w:rPr>',
    )
for _n in range(1, 4):
    _STYLES[f"toc{_n}"] = (
        f"toc {_n}",
        "paragraph",
        f'<w:pPr><w:spacing w:after="60"/><w:ind w:left="{(_n - 1) * 284}"/></w:pPr>',
    )


@dataclass(slots=True)
class _Context:
    """Where inlines are being written: the body or a footnote (whose links live elsewhere)."""

    part: object
    in_note: bool = False


@dataclass
class CoverInfo:
    title: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (style key, text)


class DocxWriter:
    """Appends blocks to a new document built on a reference document's styles."""

    def __init__(
        self,
        reference: Path | None = None,
        *,
        language: str = "en-GB",
        un_numbering: bool = True,
        sub_item_style: str = "(a)",
        citation_style: CitationStyle | None = None,
        cite: Callable[[str, str], str | None] | None = None,
    ) -> None:
        self.doc = docx.Document(str(reference)) if reference else docx.Document()
        self.has_reference = reference is not None
        self.part = self.doc.part
        self.body = self.doc.element.body
        self._sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            if child is not self._sect_pr:
                self.body.remove(child)
        self.language = language
        self.warnings: list[str] = []
        self.words = WordCounts()
        self.bucket = "body"
        self.un_numbering = un_numbering
        self.citation_style = citation_style or CitationStyle()
        # source_id, paragraph_id -> the source's label ("CERD/C/KAZ/11-14"), None if unknown
        self._cite = cite or (lambda s, p: None)
        self._last_note_key: tuple[str, str] | None = None
        self.styles = self._ensure_styles()
        self.numbering = Numbering(self.part, sub_item_style)
        self.footnotes = Footnotes(self.part)
        self.headings: list[tuple[int, str]] = []
        self._toc_anchor: etree._Element | None = None
        self._drop_thumbnail()

    # ------------------------------------------------------------------ styles and settings

    def _ensure_styles(self) -> dict[str, str]:
        """Style key -> styleId, adding the styles the reference document lacks."""
        root = self.doc.styles.element
        by_name: dict[str, str] = {}
        for st in root.iterchildren(qn("w:style")):
            name_el = st.find(qn("w:name"))
            if name_el is not None:
                by_name[name_el.get(W_VAL, "").lower()] = st.get(qn("w:styleId"), "")
        ids: dict[str, str] = {}
        for key, (name, kind, props) in _STYLES.items():
            sid = by_name.get(name.lower())
            if not sid:
                sid = "".join(ch for ch in name.title() if ch.isalnum())
                based = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" else ""
                root.append(
                    parse_xml(
                        f'<w:style {nsdecls("w")} w:type="{kind}" w:customStyle="1" '
                        f'w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
                        f"<w:qFormat/>{props}</w:style>"
                    )
                )
                by_name[name.lower()] = sid
            ids[key] = sid
        self._set_language(root)
        if not self.has_reference:
            self._house_style()
        return ids

    def _house_style(self) -> None:
        """Without a reference document: the UN's sober look (Times New Roman 12, notes 10,
        black headings) rather than python-docx's blue Calibri."""
        styles = self.doc.styles
        normal = styles["Normal"].font
        normal.name = "Times New Roman"
        normal.size = Pt(12)
        for name in ("Title", "Subtitle", *(f"Heading {n}" for n in range(1, 10))):
            try:
                font = styles[name].font
            except KeyError:
                continue
            font.name = "Times New Roman"
            font.color.rgb = RGBColor(0, 0, 0)
            if name.startswith("Heading"):
                font.italic = False
                font.bold = True
        sizes = {"Title": 20, "Subtitle": 14, "Heading 1": 14, "Heading 2": 13, "Heading 3": 12}
        for name, size in sizes.items():
            styles[name].font.size = Pt(size)
        styles["footnote text"].font.size = Pt(10)
        # HRC written-statement guidelines: text justified; a quotation set in from both sides.
        styles["Body Text"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        quote = styles["Quote"].paragraph_format
        quote.left_indent = quote.right_indent = Mm(10)
        quote.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        title_ppr = styles["Title"].element.find(W_PPR)
        if title_ppr is not None:  # python-docx's Title has a blue rule under it
            for bdr in title_ppr.findall(qn("w:pBdr")):
                title_ppr.remove(bdr)
        # The theme fonts would otherwise win over the names set above in Word.
        for st in self.doc.styles.element.iterchildren(qn("w:style")):
            rfonts = st.find(f"{W_RPR}/{qn('w:rFonts')}")
            if rfonts is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    rfonts.attrib.pop(qn(attr), None)

    def _set_language(self, styles_root: etree._Element) -> None:
        defaults = styles_root.find(qn("w:docDefaults"))
        if defaults is None:
            return
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is None:
            return
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = etree.SubElement(rpr, qn("w:lang"))
        lang.set(W_VAL, self.language)

    def _drop_thumbnail(self) -> None:
        # python-docx's default template carries its own preview picture; a report must not.
        pkg_rels = self.part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del pkg_rels[rid]

    def _settings(self) -> None:
        """updateFields (Word fills the TOC on open) and the separator notes' ids."""
        settings = self.doc.settings.element
        successors = [
            "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
            "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
            "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary",
            "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
        ]  # fmt: skip
        self._put_setting(settings, "w:updateFields", '<w:updateFields w:val="true"/>', successors)
        notes = "".join(f'<w:footnote w:id="{i}"/>' for i in self.footnotes.separator_ids)
        self._put_setting(
            settings, "w:footnotePr", f"<w:footnotePr>{notes}</w:footnotePr>", successors[2:]
        )

    @staticmethod
    def _put_setting(settings: etree._Element, tag: str, xml: str, successors: list[str]) -> None:
        old = settings.find(qn(tag))
        if old is not None:
            settings.remove(old)
        el = parse_xml(f"<{tag} {nsdecls('w')}" + xml[len(tag) + 1 :])
        for s in successors:
            if s == tag:
                continue
            nxt = settings.find(qn(s))
            if nxt is not None:
                nxt.addprevious(el)
                return
        settings.append(el)

    # ------------------------------------------------------------------ low-level building

    def _clean(self, text: str) -> str:
        cleaned, n = strip_forbidden(text)
        if n:
            self.warnings.append(f"removed {n} character(s) that a Word file cannot hold")
        return cleaned

    def _p(
        self,
        style: str | None = None,
        num: tuple[int, int] | None = None,
        parent: etree._Element | None = None,
        keep_next: bool = False,
        indent: int | None = None,
        page_break_before: bool = False,
    ) -> etree._Element:
        p = etree.SubElement(self.body if parent is None else parent, W_P)
        if style or num or keep_next or indent is not None or page_break_before:
            ppr = etree.SubElement(p, W_PPR)
            if style:
                etree.SubElement(ppr, W_PSTYLE).set(W_VAL, self.styles.get(style, style))
            if keep_next:
                etree.SubElement(ppr, qn("w:keepNext"))
            if page_break_before:
                etree.SubElement(ppr, qn("w:pageBreakBefore"))
            if num:
                numpr = etree.SubElement(ppr, qn("w:numPr"))
                etree.SubElement(numpr, qn("w:ilvl")).set(W_VAL, str(num[1]))
                etree.SubElement(numpr, qn("w:numId")).set(W_VAL, str(num[0]))
            if indent is not None:
                etree.SubElement(ppr, qn("w:ind")).set(qn("w:left"), str(indent))
        return p

    def _run(
        self,
        parent: etree._Element,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        strike: bool = False,
        char_style: str | None = None,
    ) -> etree._Element:
        r = etree.SubElement(parent, W_R)
        if bold or italic or strike or char_style:
            rpr = etree.SubElement(r, W_RPR)
            if char_style:
                etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self.styles[char_style])
            if bold:
                etree.SubElement(rpr, qn("w:b"))
            if italic:
                etree.SubElement(rpr, qn("w:i"))
            if strike:
                etree.SubElement(rpr, qn("w:strike"))
        t = etree.SubElement(r, W_T)
        t.text = text
        if text[:1].isspace() or text[-1:].isspace():
            t.set(XML_SPACE, "preserve")
        return r

    def _count(self, text: str, note: bool = False) -> None:
        n = len(text.split())
        if note:
            self.words.footnotes += n
        elif self.bucket == "body":
            self.words.body += n
        elif self.bucket == "annexes":
            self.words.annexes += n
        else:
            self.words.cover += n

    # ------------------------------------------------------------------ inlines

    def inlines(
        self, p: etree._Element, inlines: Iterable[Inline], ctx: _Context | None = None
    ) -> str:
        """Append runs for `inlines` to paragraph `p`; returns the visible text (for counting)."""
        ctx = ctx or _Context(self.part)
        out: list[str] = []
        for il in inlines:
            if isinstance(il, Text):
                text = self._clean(il.text)
                if not text:
                    continue
                out.append(text)
                self._run(
                    p,
                    text,
                    bold=il.bold,
                    italic=il.italic,
                    strike=il.strike,
                    char_style="verbatim" if il.code else None,
                )
            elif isinstance(il, LineBreak):
                etree.SubElement(etree.SubElement(p, W_R), W_BR)
                out.append(" ")
            elif isinstance(il, Link):
                out.append(self._link(p, il, ctx))
            elif isinstance(il, CitationRef):
                if ctx.in_note:
                    # Inside a note the citation is text; keep it apart from the word before.
                    text = self._citation_text(il.source_id, il.paragraph_id, inline=True)
                    if out and not out[-1].endswith((" ", "(", "“")):
                        text = " " + text
                    out.append(text)
                    self._run(p, text)
                else:
                    self.cite_note(p, il.source_id, il.paragraph_id)
            elif isinstance(il, Note):
                if ctx.in_note:
                    # Word has no notes inside notes: the nested note's text goes in brackets.
                    inner = " ".join(
                        plain_text(b.inlines) for b in il.blocks if isinstance(b, Para)
                    )
                    if inner:
                        out.append(f" ({inner})")
                        self._run(p, f" ({self._clean(inner)})")
                else:
                    self.note(p, il.blocks)
        return "".join(out)

    def _link(self, p: etree._Element, link: Link, ctx: _Context) -> str:
        url = self._clean(link.url.strip())
        external = url.startswith(("http://", "https://", "mailto:", "ftp://"))
        if not external:
            return self.inlines(p, link.children, ctx)
        rid = ctx.part.relate_to(url, RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
        h = etree.SubElement(p, W_HYPERLINK)
        h.set(R_ID, rid)
        h.set(qn("w:history"), "1")
        text = []
        for il in link.children or [Text(url)]:
            if isinstance(il, Text):
                t = self._clean(il.text)
                if t:
                    self._run(h, t, bold=il.bold, italic=il.italic, char_style="hyperlink")
                    text.append(t)
            else:
                text.append(self.inlines(h, [il], ctx))
        return "".join(text)

    # ------------------------------------------------------------------ footnotes

    def _note_paragraphs(self, note_el: etree._Element) -> etree._Element:
        p = self._p("footnote_text", parent=note_el)
        r = etree.SubElement(p, W_R)
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self.styles["footnote_reference"])
        etree.SubElement(r, qn("w:footnoteRef"))
        self._run(p, " ")
        return p

    def _reference_run(self, p: etree._Element, note_id: int) -> None:
        r = etree.SubElement(p, W_R)
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self.styles["footnote_reference"])
        etree.SubElement(r, qn("w:footnoteReference")).set(qn("w:id"), str(note_id))

    def note(self, p: etree._Element, blocks: list[Block]) -> None:
        """A Markdown footnote: a real footnote whose text is the note's blocks."""
        note_id, el = self.footnotes.new()
        self._reference_run(p, note_id)
        ctx = _Context(self.footnotes.part, in_note=True)
        first = self._note_paragraphs(el)
        paras = [b for b in blocks] or [Para([])]
        for i, block in enumerate(paras):
            target = first if i == 0 else self._p("footnote_text", parent=el)
            if isinstance(block, Para | Heading):
                self._count(self.inlines(target, block.inlines, ctx), note=True)
            elif isinstance(block, ListBlock):
                texts = [
                    plain_text(b.inlines)
                    for item in block.items
                    for b in item
                    if isinstance(b, Para)
                ]
                t = self._clean("; ".join(texts))
                self._run(target, t)
                self._count(t, note=True)
            elif isinstance(block, CodeBlock):
                t = self._clean(block.text)
                self._run(target, t, char_style="verbatim")
        self._last_note_key = None

    def text_note(self, p: etree._Element, text: str) -> None:
        note_id, el = self.footnotes.new()
        self._reference_run(p, note_id)
        t = self._clean(text)
        self._run(self._note_paragraphs(el), t)
        self._count(t, note=True)
        self._last_note_key = None

    def _citation_text(self, source_id: str, paragraph_id: str, inline: bool = False) -> str:
        label = self._cite(source_id, paragraph_id)
        if label is None:
            self.warnings.append(
                f"citation [@{source_id}:{paragraph_id}]: no source {source_id!r} in the project"
            )
            label = source_id
        text = self.citation_style.full(label, paragraph_id)
        return text.rstrip(".") if inline else text

    def cite_note(self, p: etree._Element, source_id: str, paragraph_id: str) -> None:
        """A footnote citing one paragraph; "Ibid." when the note before cites the same source."""
        key = (source_id, paragraph_id)
        prev = self._last_note_key
        if prev is not None and prev[0] == source_id:
            text = self.citation_style.repeat(paragraph_id, same_paragraph=prev == key)
        else:
            text = self._citation_text(source_id, paragraph_id)
        note_id, el = self.footnotes.new()
        self._reference_run(p, note_id)
        self._run(self._note_paragraphs(el), text)
        self._count(text, note=True)
        self._last_note_key = key

    # ------------------------------------------------------------------ blocks

    def heading(self, level: int, text: str | list[Inline], page_break: bool = False) -> None:
        level = max(1, min(level, 9))
        p = self._p(f"heading{level}", page_break_before=page_break)
        inl: list[Inline] = [Text(text)] if isinstance(text, str) else text
        shown = self.inlines(p, inl)
        self._count(shown)
        self.headings.append((level, shown))

    def paragraph(
        self,
        inlines: list[Inline] | str,
        style: str = "body",
        numbered: bool = False,
        keep_next: bool = False,
    ) -> etree._Element:
        inl: list[Inline] = [Text(inlines)] if isinstance(inlines, str) else inlines
        num = (self.numbering.un_paragraphs, 0) if numbered and self.un_numbering else None
        p = self._p(style, num=num, keep_next=keep_next)
        self._count(self.inlines(p, inl))
        return p

    def blocks(
        self,
        blocks: list[Block],
        *,
        heading_base: int = 1,
        numbered: bool = False,
        style: str = "body",
        parent: etree._Element | None = None,
    ) -> None:
        """Markdown blocks at the top of a section: paragraphs numbered UN style if asked."""
        for block in blocks:
            self._block(block, heading_base, numbered, style, parent, depth=0)

    def _block(
        self,
        block: Block,
        heading_base: int,
        numbered: bool,
        style: str,
        parent: etree._Element | None,
        depth: int,
    ) -> None:
        if isinstance(block, Para):
            num = (self.numbering.un_paragraphs, 0) if numbered and self.un_numbering else None
            p = self._p(style, num=num, parent=parent)
            self._count(self.inlines(p, block.inlines))
        elif isinstance(block, Heading):
            if parent is not None:  # a heading inside a quote or cell: bold text
                p = self._p(style, parent=parent)
                self._count(self.inlines(p, [_bold(i) for i in block.inlines]))
            else:
                self.heading(heading_base + block.level, block.inlines)
        elif isinstance(block, ListBlock):
            self._list(block, numbered, parent, depth, style, heading_base)
        elif isinstance(block, Quote):
            for b in block.blocks:
                self._block(b, heading_base, False, "quote", parent, depth)
        elif isinstance(block, CodeBlock):
            p = self._p("code", parent=parent)
            lines = self._clean(block.text).split("\n")
            for i, line in enumerate(lines):
                if i:
                    etree.SubElement(etree.SubElement(p, W_R), W_BR)
                if line:
                    self._run(p, line)
            self._count(block.text)
        elif isinstance(block, Table):
            self.table(block.header, block.rows, parent=parent)
        elif isinstance(block, Rule):
            p = self._p(style, parent=parent)
            ppr = p.find(W_PPR)
            if ppr is None:
                ppr = etree.SubElement(p, W_PPR)
            ppr.append(
                parse_xml(
                    f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
                    'w:space="1" w:color="auto"/></w:pBdr>'
                )
            )

    def _list(
        self,
        block: ListBlock,
        numbered: bool,
        parent: etree._Element | None,
        depth: int,
        style: str,
        heading_base: int = 1,
    ) -> None:
        if block.ordered and numbered and self.un_numbering:
            # UN sub-items: (a), (b) under the numbered paragraph before, (i) one level down.
            num_id, ilvl = self.numbering.un_sub_items(), min(1 + depth, 8)
        elif block.ordered:
            num_id, ilvl = self.numbering.ordered(block.start), min(depth, 8)
        else:
            num_id, ilvl = self.numbering.bullets, min(depth, 8)
        # Paragraphs inside a list keep the quote style if the list is quoted.
        item_style = style if style == "quote" else "list"
        for item in block.items:
            first = True
            for b in item or [Para([])]:
                if isinstance(b, Para) and first:
                    p = self._p(item_style, num=(num_id, ilvl), parent=parent)
                    self._count(self.inlines(p, b.inlines))
                elif isinstance(b, Para):
                    p = self._p(item_style, parent=parent, indent=(ilvl + 2) * 567)
                    self._count(self.inlines(p, b.inlines))
                elif isinstance(b, ListBlock):
                    self._list(b, numbered, parent, depth + 1, style, heading_base)
                else:
                    self._block(b, heading_base, False, item_style, parent, depth + 1)
                first = False

    def table(
        self,
        header: list[list[Inline]],
        rows: list[list[list[Inline]]],
        *,
        shading: dict[tuple[int, int], str] | None = None,
        widths: list[int] | None = None,
        parent: etree._Element | None = None,
    ) -> etree._Element:
        """A table with a repeated header row; `shading[(row, col)]` is a cell's RRGGBB fill."""
        ncols = max([len(header), *(len(r) for r in rows)]) or 1
        tbl = etree.SubElement(self.body if parent is None else parent, qn("w:tbl"))
        tbl.append(
            parse_xml(
                f'<w:tblPr {nsdecls("w")}><w:tblStyle w:val="{self.styles["table"]}"/>'
                '<w:tblW w:w="5000" w:type="pct"/>'
                '<w:tblBorders><w:top w:val="single" w:sz="4" w:color="auto"/>'
                '<w:left w:val="single" w:sz="4" w:color="auto"/>'
                '<w:bottom w:val="single" w:sz="4" w:color="auto"/>'
                '<w:right w:val="single" w:sz="4" w:color="auto"/>'
                '<w:insideH w:val="single" w:sz="4" w:color="auto"/>'
                '<w:insideV w:val="single" w:sz="4" w:color="auto"/></w:tblBorders>'
                '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            )
        )
        total = 9000  # twips of text width on A4 with 2.5 cm margins, roughly
        ws = widths or [total // ncols] * ncols
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for w in ws:
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
        all_rows = ([header] if header else []) + rows
        for ri, row in enumerate(all_rows):
            tr = etree.SubElement(tbl, qn("w:tr"))
            is_header = bool(header) and ri == 0
            if is_header:
                trpr = etree.SubElement(tr, qn("w:trPr"))
                etree.SubElement(trpr, qn("w:tblHeader"))
            for ci in range(ncols):
                cell = row[ci] if ci < len(row) else []
                tc = etree.SubElement(tr, qn("w:tc"))
                tcpr = etree.SubElement(tc, qn("w:tcPr"))
                tcw = etree.SubElement(tcpr, qn("w:tcW"))
                tcw.set(qn("w:w"), str(ws[ci] if ci < len(ws) else ws[-1]))
                tcw.set(qn("w:type"), "dxa")
                fill = "D9D9D9" if is_header else (shading or {}).get((ri - bool(header), ci))
                if fill:
                    shd = etree.SubElement(tcpr, qn("w:shd"))
                    shd.set(W_VAL, "clear")
                    shd.set(qn("w:color"), "auto")
                    shd.set(qn("w:fill"), fill)
                p = self._p("table_text", parent=tc)
                inl = [_bold(i) for i in cell] if is_header else cell
                self._count(self.inlines(p, inl))
        # Word needs a paragraph between two tables and after a table at the end of a cell.
        if parent is not None:
            self._p(parent=parent)
        return tbl

    def page_break(self) -> None:
        p = self._p()
        etree.SubElement(etree.SubElement(p, W_R), W_BR).set(qn("w:type"), "page")

    # ------------------------------------------------------------------ fields

    def toc(self, title: str) -> None:
        """A TOC field; its entries are filled in `finish()` from the headings written, and
        Word refreshes them (with page numbers) on open because of updateFields."""
        p = self._p("toc_heading")
        self._run(p, self._clean(title))
        self._toc_anchor = self._p()

    def _fill_toc(self) -> None:
        anchor = self._toc_anchor
        if anchor is None:
            return
        entries = [(lv, t) for lv, t in self.headings if lv <= 3] or [(1, "")]
        paras: list[etree._Element] = []
        for lv, _text in entries:
            p = etree.Element(W_P)
            ppr = etree.SubElement(p, W_PPR)
            etree.SubElement(ppr, W_PSTYLE).set(W_VAL, self.styles[f"toc{lv}"])
            paras.append(p)
        first, last = paras[0], paras[-1]
        self._fld(first, "begin")
        r = etree.SubElement(first, W_R)
        instr = etree.SubElement(r, qn("w:instrText"))
        instr.text = ' TOC \\o "1-3" \\h \\z \\u '
        instr.set(XML_SPACE, "preserve")
        self._fld(first, "separate")
        for p, (_, text) in zip(paras, entries, strict=True):
            if text:
                self._run(p, text)
        self._fld(last, "end")
        for p in paras:
            anchor.addprevious(p)
        anchor.getparent().remove(anchor)

    def _fld(self, p: etree._Element, kind: str) -> None:
        r = etree.SubElement(p, W_R)
        fc = etree.SubElement(r, qn("w:fldChar"))
        fc.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fc.set(qn("w:dirty"), "true")

    def _page_numbers(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # no number on the cover
        footer = section.footer
        footer.is_linked_to_previous = False
        fp = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for child in list(fp._p):
            if child.tag != W_PPR:
                fp._p.remove(child)
        ppr = fp._p.get_or_add_pPr()
        for child in list(ppr):
            ppr.remove(child)
        ppr.append(parse_xml(f'<w:pStyle {nsdecls("w")} w:val="{self.styles["footer"]}"/>'))
        ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="center"/>'))
        fp._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT ">'
                "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
            )
        )

    # ------------------------------------------------------------------ finishing

    def finish(
        self,
        *,
        title: str,
        author: str,
        subject: str,
        keywords: str,
        language: str,
    ) -> None:
        self._fill_toc()
        section = self.doc.sections[0]
        section.page_width = Mm(210)
        section.page_height = Mm(297)
        section.start_type = WD_SECTION.NEW_PAGE
        if not self.has_reference:  # a reference document's margins are the maintainer's
            for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, m, Mm(25))
        self._page_numbers()
        self._settings()
        cp = self.doc.core_properties
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        cp.title = self._clean(title)
        cp.author = self._clean(author)
        cp.last_modified_by = self._clean(author)
        cp.subject = self._clean(subject)
        cp.keywords = self._clean(keywords)
        cp.language = language
        cp.comments = ""
        cp.category = ""
        cp.revision = 1
        cp.created = now
        cp.modified = now
        cp.last_printed = now

    def save(self, out: Path) -> None:
        last = [c for c in self.body if c is not self._sect_pr][-1:]
        if last and last[0].tag == qn("w:tbl"):
            self._p()  # Word expects a paragraph after a table that ends the document
        if self._sect_pr is not None:
            self.body.append(self._sect_pr)  # sectPr must stay the body's last child
        self.doc.save(str(out))


def _bold(i: Inline) -> Inline:
    if isinstance(i, Text):
        return Text(i.text, True, i.italic, i.code, i.strike)
    return i
