"""WordprocessingML, low level, in one place: the one table of styles, paragraphs and runs built
as lxml elements, fields, bookmarks, the footnotes part (python-docx has no API for notes),
numbering.xml, headers and footers, settings.

python-docx gives the package, its parts and the core properties; paragraphs and runs are built
directly, because its per-run proxy API is several times slower than pandoc on a long report.
Styles come from the template's `reference.docx` when it has one (as pandoc does); a style the
writer needs and the reference lacks is added from `STYLES`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.document import DocumentPart
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

W_P = qn("w:p")
W_PPR = qn("w:pPr")
W_R = qn("w:r")
W_RPR = qn("w:rPr")
W_T = qn("w:t")
W_VAL = qn("w:val")
# Tags used for every paragraph and run, resolved once (qn() per element costs on long reports).
W_PSTYLE, W_KEEPNEXT, W_NUMPR, W_ILVL, W_NUMID = (
    qn("w:pStyle"), qn("w:keepNext"), qn("w:numPr"), qn("w:ilvl"), qn("w:numId"),
)  # fmt: skip
W_BIDI, W_IND, W_LEFT, W_JC, W_RSTYLE = (
    qn("w:bidi"), qn("w:ind"), qn("w:left"), qn("w:jc"), qn("w:rStyle"),
)  # fmt: skip
W_B, W_BCS, W_I, W_ICS, W_STRIKE, W_RTL = (
    qn("w:b"), qn("w:bCs"), qn("w:i"), qn("w:iCs"), qn("w:strike"), qn("w:rtl"),
)  # fmt: skip
W_TAB, W_BR, W_NB_HYPHEN = qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NB_HYPHEN = "\u2011"

TEXT_WIDTH = 9070  # twips between A4's 2.5 cm margins: where the contents' page numbers sit
LABEL_TAB = 567  # a heading's "I." / "A." label is followed by a tab to 1 cm


@dataclass(frozen=True, slots=True)
class StyleDef:
    name: str  # as Word spells it: the reference document's style of that name wins
    kind: str  # "paragraph", "character" or "table"
    xml: str = ""  # pPr/rPr added when the reference lacks the style


def _heading(level: int) -> StyleDef:
    # A clear scale: 16, 14, 12 points bold, then bold italic, then italic (Times New Roman).
    size = {1: 32, 2: 28}.get(level, 24)
    emphasis = "<w:b/>" if level <= 3 else "<w:b/><w:i/>" if level == 4 else "<w:i/>"
    before = {1: 360, 2: 240}.get(level, 200)
    return StyleDef(
        f"heading {level}",
        "paragraph",
        f'<w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{LABEL_TAB}"/>'
        f'</w:tabs><w:spacing w:before="{before}" w:after="120"/>'
        f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
        f'<w:rPr>{emphasis}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>',
    )


def _contents(level: int) -> StyleDef:
    indent = (level - 1) * LABEL_TAB  # each level starts where the label before ends
    return StyleDef(
        f"toc {level}",
        "paragraph",
        f'<w:pPr><w:tabs><w:tab w:val="left" w:pos="{indent + LABEL_TAB}"/>'
        f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
        f'<w:spacing w:after="60"/><w:ind w:left="{indent}"/></w:pPr>',
    )


# THE table of styles: every style the writer uses, by key.
STYLES: dict[str, StyleDef] = {
    "body": StyleDef(
        "Body Text", "paragraph", '<w:pPr><w:spacing w:after="120"/><w:jc w:val="both"/></w:pPr>'
    ),
    "lead": StyleDef(
        "Lead Text",
        "paragraph",
        '<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/></w:rPr>',
    ),
    "title": StyleDef("Title", "paragraph", '<w:rPr><w:b/><w:sz w:val="40"/></w:rPr>'),
    "subtitle": StyleDef("Subtitle", "paragraph", '<w:rPr><w:sz w:val="28"/></w:rPr>'),
    "cover": StyleDef("Cover Text", "paragraph", '<w:pPr><w:spacing w:after="120"/></w:pPr>'),
    "notice": StyleDef(
        "Notice",
        "paragraph",
        '<w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="auto"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="4" w:color="auto"/></w:pBdr>'
        '<w:spacing w:before="240" w:after="240"/></w:pPr>',
    ),
    "quote": StyleDef(
        "Quote",
        "paragraph",
        '<w:pPr><w:spacing w:after="120"/><w:ind w:left="567" w:right="567"/>'
        '<w:jc w:val="both"/></w:pPr><w:rPr><w:i/></w:rPr>',
    ),
    "list": StyleDef(
        "List Paragraph",
        "paragraph",
        '<w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr>',
    ),
    "code": StyleDef(
        "Source Code",
        "paragraph",
        '<w:pPr><w:spacing w:after="0"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:sz w:val="20"/></w:rPr>',
    ),
    "verbatim": StyleDef(
        "Verbatim Char",
        "character",
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr>',
    ),
    "flag": StyleDef(
        "Draft Flag",
        "character",
        '<w:rPr><w:b/><w:color w:val="C00000"/><w:shd w:val="clear" w:color="auto" '
        'w:fill="FFFF00"/></w:rPr>',
    ),
    "footnote_text": StyleDef(
        "footnote text",
        "paragraph",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
    ),
    # Review copies only: Word's own names, so Word shows its comments as it always does.
    "comment_text": StyleDef(
        "annotation text", "paragraph", '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
    ),
    "comment_reference": StyleDef(
        "annotation reference", "character", '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
    ),
    "footnote_reference": StyleDef(
        "footnote reference", "character", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    ),
    "hyperlink": StyleDef(
        "Hyperlink", "character", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'
    ),
    "toc_heading": StyleDef(
        "TOC Heading",
        "paragraph",
        '<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>',
    ),
    "table": StyleDef("Table Grid", "table"),
    "table_text": StyleDef(
        "Table Text",
        "paragraph",
        '<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr>',
    ),
    "header": StyleDef(
        "header",
        "paragraph",
        '<w:pPr><w:jc w:val="right"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
    ),
    "footer": StyleDef("footer", "paragraph", '<w:pPr><w:jc w:val="center"/></w:pPr>'),
    **{f"heading{n}": _heading(n) for n in range(1, 10)},
    **{f"toc{n}": _contents(n) for n in range(1, 4)},
}

# ---------------------------------------------------------------------------------- the parts


class FootnotesPart(XmlPart):
    """`/word/footnotes.xml`. Registered with python-docx's part factory so that a reference
    document's own footnotes part is loaded as XML we can extend, not as opaque bytes."""


PartFactory.part_type_for[CT.WML_FOOTNOTES] = FootnotesPart

# Word numbers the two separator notes -1 and 0 and lists them in settings.xml's footnotePr.
_EMPTY_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)
_W_FOOTNOTE = qn("w:footnote")


class Footnotes:
    """The document's footnotes part; `new()` adds a note and returns its element to fill."""

    def __init__(self, document_part: DocumentPart) -> None:
        part: XmlPart | None = None
        for rel in document_part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                target = rel.target_part
                if isinstance(target, XmlPart):
                    part = target
        if part is None:
            part = FootnotesPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                parse_xml(_EMPTY_FOOTNOTES),
                document_part.package,
            )
            document_part.relate_to(part, RT.FOOTNOTES)
        self.part: XmlPart = part
        root = part.element
        # A reference document's own notes (other than separators) are sample text: drop them.
        for fn in list(root.iterchildren(_W_FOOTNOTE)):
            if fn.get(qn("w:type")) in (None, "normal"):
                root.remove(fn)
        ids = [int(fn.get(qn("w:id"), "0")) for fn in root.iterchildren(_W_FOOTNOTE)]
        self.separator_ids = sorted(ids)
        self._next = max([0, *ids]) + 1
        self.count = 0

    def new(self) -> tuple[int, etree._Element]:
        note_id = self._next
        self._next += 1
        self.count += 1
        el = etree.SubElement(self.part.element, _W_FOOTNOTE)
        el.set(qn("w:id"), str(note_id))
        return note_id, el


# Word 2013+ threads replies and marks comments done in commentsExtended.xml (python-docx writes
# comments.xml only); LibreOffice 7.4 reads and writes comments without it.
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CT_COMMENTS_EXTENDED = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
# Every part a reference document may carry comments in: a report never inherits them.
_COMMENT_PARTS = frozenset(
    {
        RT.COMMENTS,
        RT_COMMENTS_EXTENDED,
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
        "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
        "http://schemas.microsoft.com/office/2011/relationships/people",
    }
)


def drop_comment_parts(document_part: DocumentPart) -> None:
    """Forget the comments of the reference document: only a review copy has comments, and
    only those drafter writes."""
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype in _COMMENT_PARTS:
            del document_part.rels[rid]


class Comments:
    """Word comments (review copies only): python-docx 1.2 writes each one into the comments
    part it creates on first use; this adds the date the note was written, Word's styles, and
    the thread (`commentsExtended.xml`) that shows a reply under the comment it answers."""

    def __init__(self, document: Any, styles: dict[str, str]) -> None:
        self.document = document
        self.styles = styles
        self.count = 0
        self._extended: etree._Element | None = None

    def new(self, author: str, text: str, date: str = "", parent: str = "") -> tuple[int, str]:
        """Add a comment; returns its id (for the marks in the text) and its paragraph id (the
        `parent` of a reply)."""
        comment = self.document.comments.add_comment(
            text=text, author=author, initials=_initials(author)
        )
        el = comment._comment_elm  # python-docx has no setter for the date
        when = _word_date(date)
        if when:
            el.set(qn("w:date"), when)
        else:
            el.attrib.pop(qn("w:date"), None)
        for ps in el.iter(qn("w:pStyle")):
            ps.set(W_VAL, self.styles["comment_text"])
        for rs in el.iter(qn("w:rStyle")):
            rs.set(W_VAL, self.styles["comment_reference"])
        self.count += 1
        # Paragraph ids are 8 hex digits below 0x80000000, unique in the document.
        para_id = f"{self.count:08X}"
        el.findall(W_P)[-1].set(f"{{{W14}}}paraId", para_id)
        ex = etree.SubElement(self._extended_root(), f"{{{W15}}}commentEx")
        ex.set(f"{{{W15}}}paraId", para_id)
        if parent:
            ex.set(f"{{{W15}}}paraIdParent", parent)
        ex.set(f"{{{W15}}}done", "0")
        return int(comment.comment_id), para_id

    def _extended_root(self) -> etree._Element:
        if self._extended is None:
            self._extended = parse_xml(
                f'<w15:commentsEx xmlns:w15="{W15}" '
                'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                'mc:Ignorable="w15"/>'
            )
            document_part = self.document.part
            part = XmlPart(
                PackURI("/word/commentsExtended.xml"),
                CT_COMMENTS_EXTENDED,
                self._extended,
                document_part.package,
            )
            document_part.relate_to(part, RT_COMMENTS_EXTENDED)
        return self._extended


def _word_date(date: str) -> str:
    """An ISO date as Word writes a comment's (xsd:dateTime, UTC); "" when it is not one."""
    try:
        when = dt.datetime.fromisoformat(date.strip())
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isalnum())[:3].upper()


_INDENT = 567  # twips: 1 cm per level, as UN documents indent sub-paragraphs


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


def un_paragraph_levels(sub_item_style: str) -> list[str]:
    """UN Editorial Manual: 1. then (a) then (i) then a. then i. (French/Spanish: a), i))."""
    paren = sub_item_style != "a)"
    a = "(%2)" if paren else "%2)"
    i = "(%3)" if paren else "%3)"
    levels = [
        _level(0, "decimal", "%1.", _INDENT, _INDENT),
        _level(1, "lowerLetter", a, 2 * _INDENT, _INDENT),
        _level(2, "lowerRoman", i, 3 * _INDENT, _INDENT),
        _level(3, "lowerLetter", "%4.", 4 * _INDENT, _INDENT),
        _level(4, "lowerRoman", "%5.", 5 * _INDENT, _INDENT),
    ]
    levels += [_level(n, "decimal", f"%{n + 1}.", (n + 1) * _INDENT, _INDENT) for n in range(5, 9)]
    return levels


def bullet_levels() -> list[str]:
    chars = ["•", "◦", "▪"]
    return [_level(n, "bullet", chars[n % 3], (n + 2) * _INDENT, _INDENT // 2) for n in range(9)]


def ordered_levels() -> list[str]:
    fmts = [("decimal", "%{}."), ("lowerLetter", "%{}."), ("lowerRoman", "%{}.")]
    return [
        _level(n, fmts[n % 3][0], fmts[n % 3][1].format(n + 1), (n + 2) * _INDENT, _INDENT)
        for n in range(9)
    ]


class Numbering:
    """drafter's list definitions in the numbering part: UN paragraphs, bullets, and ordered
    lists that each restart where the Markdown starts a new list. Word numbers a paragraph
    from its `w:numPr`, so the numbers stay live when a reviewer edits the document."""

    def __init__(self, document_part: DocumentPart, sub_item_style: str = "(a)") -> None:
        self.root = document_part.numbering_part.element
        ids = [int(x) for x in self.root.xpath("./w:abstractNum/@w:abstractNumId")]
        nums = [int(x) for x in self.root.xpath("./w:num/@w:numId")]
        self._next_abstract = max([0, *ids]) + 1
        self._next_num = max([0, *nums]) + 1
        self._ordered_abstract = self._abstract(ordered_levels())
        self.un_paragraphs = self._num(self._abstract(un_paragraph_levels(sub_item_style)))
        self.bullets = self._num(self._abstract(bullet_levels()))

    def ordered(self, start: int = 1) -> int:
        """A fresh instance of the ordered-list definition, so this list counts from `start`."""
        return self._num(self._ordered_abstract, restart=start)

    def _abstract(self, levels: list[str]) -> int:
        aid = self._next_abstract
        self._next_abstract += 1
        el = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            '<w:multiLevelType w:val="multilevel"/>' + "".join(levels) + "</w:abstractNum>"
        )
        # Schema order: every abstractNum comes before the first num.
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.root.append(el)
        return aid

    def _num(self, abstract_id: int, restart: int | None = None) -> int:
        nid = self._next_num
        self._next_num += 1
        num = etree.SubElement(self.root, qn("w:num"))
        num.set(qn("w:numId"), str(nid))
        etree.SubElement(num, qn("w:abstractNumId")).set(W_VAL, str(abstract_id))
        if restart is not None:
            ov = etree.SubElement(num, qn("w:lvlOverride"))
            ov.set(qn("w:ilvl"), "0")
            etree.SubElement(ov, qn("w:startOverride")).set(W_VAL, str(restart))
        return nid


# ---------------------------------------------------------------------------------- the document

# Arabic, Hebrew and their presentation forms: runs of them are written right to left.
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_RTL_RUNS = re.compile("([\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff][^A-Za-z0-9]*)+")
_SPECIAL = re.compile(f"[\t\n{NB_HYPHEN}]")


class Package:
    """The document being written on a reference document's styles."""

    def __init__(self, reference: Path | None, *, language: str, sub_item_style: str) -> None:
        self.doc = docx.Document(str(reference)) if reference else docx.Document()
        self.has_reference = reference is not None
        self.part = self.doc.part
        self.body = self.doc.element.body
        self.final_sect_pr = self.body.find(qn("w:sectPr"))
        for child in list(self.body):
            if child is not self.final_sect_pr:
                self.body.remove(child)
        self.language = language
        self.styles = self._ensure_styles()
        self.numbering = Numbering(self.part, sub_item_style)
        self.footnotes = Footnotes(self.part)
        drop_comment_parts(self.part)
        self.comments = Comments(self.doc, self.styles)
        self._bookmark_id = 0
        self._drop_thumbnail()

    # -- styles ----------------------------------------------------------------------------

    def _ensure_styles(self) -> dict[str, str]:
        """Style key -> styleId, adding the styles the reference document lacks."""
        root = self.doc.styles.element
        by_name: dict[str, str] = {}
        for st in root.iterchildren(qn("w:style")):
            name_el = st.find(qn("w:name"))
            if name_el is not None:
                by_name[name_el.get(W_VAL, "").lower()] = st.get(qn("w:styleId"), "")
        ids: dict[str, str] = {}
        for key, style in STYLES.items():
            sid = by_name.get(style.name.lower())
            if not sid:
                sid = "".join(ch for ch in style.name.title() if ch.isalnum())
                based = '<w:basedOn w:val="Normal"/>' if style.kind == "paragraph" else ""
                root.append(
                    parse_xml(
                        f'<w:style {nsdecls("w")} w:type="{style.kind}" w:customStyle="1" '
                        f'w:styleId="{sid}"><w:name w:val="{style.name}"/>{based}'
                        f"<w:qFormat/>{style.xml}</w:style>"
                    )
                )
                by_name[style.name.lower()] = sid
            ids[key] = sid
        self._set_language(root)
        if not self.has_reference:
            self._house_style()
        return ids

    def _house_style(self) -> None:
        """Without a reference document: the UN's sober look (Times New Roman 12, notes 9,
        black headings on a clear scale) rather than python-docx's blue Calibri."""
        styles = self.doc.styles
        normal = styles["Normal"].font
        normal.name = "Times New Roman"
        normal.size = Pt(12)
        sizes = {"Title": 20, "Subtitle": 14, "Heading 1": 16, "Heading 2": 14}
        for name in ("Title", "Subtitle", *(f"Heading {n}" for n in range(1, 10))):
            try:
                style = styles[name]
            except KeyError:
                continue
            font = style.font
            font.name = "Times New Roman"
            font.color.rgb = RGBColor(0, 0, 0)
            font.size = Pt(sizes.get(name, 12))
            if name.startswith("Heading"):
                level = int(name.split()[-1])
                font.bold = level <= 4
                font.italic = level >= 4
        styles["footnote text"].font.size = Pt(9)
        # python-docx's own template has a "header" style, so the table's 9-point, right-aligned
        # one is never added: without this the running header is set in the body's 12 points
        # and a header of RUNNING_HEADER_CHARS wraps onto a second line.
        header = styles["Header"]
        header.font.size = Pt(9)
        header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
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
        lang.set(qn("w:bidi"), self.language if self.language[:2] in ("ar", "he") else "ar-SA")

    def _drop_thumbnail(self) -> None:
        # python-docx's default template carries its own preview picture; a report must not.
        pkg_rels = self.part.package.rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del pkg_rels[rid]

    # -- paragraphs and runs ---------------------------------------------------------------

    def paragraph(
        self,
        parent: etree._Element,
        style: str | None = None,
        *,
        num: tuple[int, int] | None = None,
        keep_next: bool = False,
        indent: int | None = None,
        bidi: bool = False,
        align: str = "",
    ) -> etree._Element:
        p = etree.SubElement(parent, W_P)
        if style or num or keep_next or indent is not None or bidi or align:
            ppr = etree.SubElement(p, W_PPR)
            # Schema order inside pPr: pStyle, keepNext, numPr, bidi, ind.
            if style:
                etree.SubElement(ppr, W_PSTYLE).set(W_VAL, self.styles.get(style, style))
            if keep_next:
                etree.SubElement(ppr, W_KEEPNEXT)
            if num:
                numpr = etree.SubElement(ppr, W_NUMPR)
                etree.SubElement(numpr, W_ILVL).set(W_VAL, str(num[1]))
                etree.SubElement(numpr, W_NUMID).set(W_VAL, str(num[0]))
            if bidi:
                etree.SubElement(ppr, W_BIDI)
            if indent is not None:
                etree.SubElement(ppr, W_IND).set(W_LEFT, str(indent))
            if align:
                etree.SubElement(ppr, W_JC).set(W_VAL, align)
        return p

    def text(
        self,
        parent: etree._Element,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        strike: bool = False,
        char_style: str | None = None,
    ) -> None:
        """Runs for `text`: right-to-left stretches get their own runs, tabs and no-break
        hyphens their elements."""
        if _RTL_CHARS.search(text):
            pos = 0
            for m in _RTL_RUNS.finditer(text):
                if m.start() > pos:
                    self._run(parent, text[pos : m.start()], bold, italic, strike, char_style)
                self._run(parent, m.group(), bold, italic, strike, char_style, rtl=True)
                pos = m.end()
            if pos < len(text):
                self._run(parent, text[pos:], bold, italic, strike, char_style)
            return
        self._run(parent, text, bold, italic, strike, char_style)

    def _run(
        self,
        parent: etree._Element,
        text: str,
        bold: bool,
        italic: bool,
        strike: bool,
        char_style: str | None,
        rtl: bool = False,
    ) -> None:
        r = etree.SubElement(parent, W_R)
        if bold or italic or strike or char_style or rtl:
            rpr = etree.SubElement(r, W_RPR)
            # Schema order inside rPr: rStyle, b, bCs, i, iCs, strike, …, rtl.
            if char_style:
                etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self.styles[char_style])
            if bold:
                etree.SubElement(rpr, W_B)
                if rtl:
                    etree.SubElement(rpr, W_BCS)
            if italic:
                etree.SubElement(rpr, W_I)
                if rtl:
                    etree.SubElement(rpr, W_ICS)
            if strike:
                etree.SubElement(rpr, W_STRIKE)
            if rtl:
                etree.SubElement(rpr, W_RTL)
        if not _SPECIAL.search(text):
            t = etree.SubElement(r, W_T)
            t.text = text
            if text[:1].isspace() or text[-1:].isspace():
                t.set(XML_SPACE, "preserve")
            return
        for piece in re.split(f"([\t\n{NB_HYPHEN}])", text):
            if piece == "\t":
                etree.SubElement(r, W_TAB)
            elif piece == "\n":
                etree.SubElement(r, W_BR)
            elif piece == NB_HYPHEN:
                etree.SubElement(r, W_NB_HYPHEN)
            elif piece:
                t = etree.SubElement(r, W_T)
                t.text = piece
                if piece[:1].isspace() or piece[-1:].isspace():
                    t.set(XML_SPACE, "preserve")

    def line_break(self, parent: etree._Element) -> None:
        etree.SubElement(etree.SubElement(parent, W_R), qn("w:br"))

    def page_break(self, parent: etree._Element) -> None:
        p = etree.SubElement(parent, W_P)
        etree.SubElement(etree.SubElement(p, W_R), qn("w:br")).set(qn("w:type"), "page")

    def hyperlink(self, parent: etree._Element, part: Any, url: str) -> etree._Element:
        rid = part.relate_to(url, RT.HYPERLINK, is_external=True)
        h = etree.SubElement(parent, qn("w:hyperlink"))
        h.set(qn("r:id"), rid)
        h.set(qn("w:history"), "1")
        return h

    def anchor_link(self, parent: etree._Element, anchor: str) -> etree._Element:
        h = etree.SubElement(parent, qn("w:hyperlink"))
        h.set(qn("w:anchor"), anchor)
        h.set(qn("w:history"), "1")
        return h

    def bookmark(self, p: etree._Element, name: str) -> None:
        """A bookmark around the paragraph's content (the contents' page numbers point here)."""
        self._bookmark_id += 1
        start = etree.Element(qn("w:bookmarkStart"))
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        ppr = p.find(W_PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        etree.SubElement(p, qn("w:bookmarkEnd")).set(qn("w:id"), str(self._bookmark_id))

    def field(self, parent: etree._Element, instruction: str, cached: str = "") -> None:
        """A complex field (begin, instruction, separate, result, end): Word refreshes it,
        LibreOffice computes PAGE and PAGEREF as it lays out the pages."""
        for kind, instr in (("begin", None), (None, instruction), ("separate", None)):
            r = etree.SubElement(parent, W_R)
            if kind:
                etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
            else:
                it = etree.SubElement(r, qn("w:instrText"))
                it.text = f" {instr} "
                it.set(XML_SPACE, "preserve")
        if cached:
            etree.SubElement(etree.SubElement(parent, W_R), W_T).text = cached
        etree.SubElement(etree.SubElement(parent, W_R), qn("w:fldChar")).set(
            qn("w:fldCharType"), "end"
        )

    def comment_start(self, parent: etree._Element, comment_id: int) -> None:
        etree.SubElement(parent, qn("w:commentRangeStart")).set(qn("w:id"), str(comment_id))

    def comment_end(self, parent: etree._Element, comment_id: int) -> None:
        """The end of a comment's words and the mark Word shows the comment by."""
        etree.SubElement(parent, qn("w:commentRangeEnd")).set(qn("w:id"), str(comment_id))
        r = etree.SubElement(parent, W_R)
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, W_RSTYLE).set(W_VAL, self.styles["comment_reference"])
        etree.SubElement(r, qn("w:commentReference")).set(qn("w:id"), str(comment_id))

    def note_reference(self, parent: etree._Element, note_id: int) -> None:
        r = etree.SubElement(parent, W_R)
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, qn("w:rStyle")).set(W_VAL, self.styles["footnote_reference"])
        etree.SubElement(r, qn("w:footnoteReference")).set(qn("w:id"), str(note_id))

    def note_first_paragraph(self, note: etree._Element, bidi: bool = False) -> etree._Element:
        """A note's first paragraph, starting with the note's own number."""
        p = self.paragraph(note, "footnote_text", bidi=bidi)
        r = etree.SubElement(p, W_R)
        rpr = etree.SubElement(r, W_RPR)
        etree.SubElement(rpr, qn("w:rStyle")).set(W_VAL, self.styles["footnote_reference"])
        etree.SubElement(r, qn("w:footnoteRef"))
        self._run(p, " ", False, False, False, None)
        return p

    def picture(self, parent: etree._Element, path: Path, width_mm: float, alt: str) -> None:
        inline = self.part.new_pic_inline(str(path), Mm(width_mm), None)
        doc_pr = inline.find(qn("wp:docPr"))
        if doc_pr is not None and alt:
            doc_pr.set("descr", alt)
        etree.SubElement(etree.SubElement(parent, W_R), qn("w:drawing")).append(inline)

    def table(self, parent: etree._Element, widths: list[int], header_row: bool) -> etree._Element:
        tbl = etree.SubElement(parent, qn("w:tbl"))
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
                f'<w:tblLook w:val="04A0" w:firstRow="{int(header_row)}" w:lastRow="0" '
                'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            )
        )
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for w in widths:
            etree.SubElement(grid, qn("w:gridCol")).set(qn("w:w"), str(w))
        return tbl

    def row(self, tbl: etree._Element, header: bool) -> etree._Element:
        tr = etree.SubElement(tbl, qn("w:tr"))
        trpr = etree.SubElement(tr, qn("w:trPr"))
        etree.SubElement(trpr, qn("w:cantSplit"))
        if header:
            etree.SubElement(trpr, qn("w:tblHeader"))  # repeated on every page
        return tr

    def cell(self, tr: etree._Element, width: int, fill: str = "") -> etree._Element:
        tc = etree.SubElement(tr, qn("w:tc"))
        tcpr = etree.SubElement(tc, qn("w:tcPr"))
        tcw = etree.SubElement(tcpr, qn("w:tcW"))
        tcw.set(qn("w:w"), str(width))
        tcw.set(qn("w:type"), "dxa")
        if fill:
            shd = etree.SubElement(tcpr, qn("w:shd"))
            shd.set(W_VAL, "clear")
            shd.set(qn("w:color"), "auto")
            shd.set(qn("w:fill"), fill)
        return tc

    def border_bottom(self, p: etree._Element) -> None:
        ppr = p.find(W_PPR)
        if ppr is None:
            ppr = etree.Element(W_PPR)
            p.insert(0, ppr)
        ppr.append(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" '
                'w:space="1" w:color="auto"/></w:pBdr>'
            )
        )

    # -- settings --------------------------------------------------------------------------

    def settings(self) -> None:
        """updateFields (Word refreshes the page numbers on open) and the separator notes."""
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
