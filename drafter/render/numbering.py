"""Real Word numbering (numbering.xml): UN consecutive paragraph numbers with sub-items (a), (i),
bullets, and ordered lists that restart where the Markdown starts a new list.

Word numbers a paragraph from `w:numPr` (a `w:num` pointing at a `w:abstractNum` that defines
each level), so the numbers stay live when the reviewer edits the document.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.document import DocumentPart
from lxml import etree

_INDENT = 567  # twips: 1 cm per level, as UN documents indent sub-paragraphs


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
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
    out = []
    for n in range(9):
        fmt, text = fmts[n % 3]
        out.append(_level(n, fmt, text.format(n + 1), (n + 2) * _INDENT, _INDENT))
    return out


class Numbering:
    """Adds drafter's list definitions to the document's numbering part and hands out numIds."""

    def __init__(self, document_part: DocumentPart, sub_item_style: str = "(a)") -> None:
        self.root = document_part.numbering_part.element
        ids = [int(x) for x in self.root.xpath("./w:abstractNum/@w:abstractNumId")]
        nums = [int(x) for x in self.root.xpath("./w:num/@w:numId")]
        self._next_abstract = max([0, *ids]) + 1
        self._next_num = max([0, *nums]) + 1
        self._un_abstract = self._abstract(un_paragraph_levels(sub_item_style))
        self._bullet_abstract = self._abstract(bullet_levels())
        self._ordered_abstract = self._abstract(ordered_levels())
        self.un_paragraphs = self._num(self._un_abstract)
        self.bullets = self._num(self._bullet_abstract)

    def ordered(self, start: int = 1) -> int:
        """A fresh instance of the ordered-list definition, so this list counts from `start`."""
        return self._num(self._ordered_abstract, restart=start)

    def un_sub_items(self) -> int:
        """The UN definition's numId: sub-items (a) continue the paragraph they belong to."""
        return self.un_paragraphs

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
        etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), str(abstract_id))
        if restart is not None:
            ov = etree.SubElement(num, qn("w:lvlOverride"))
            ov.set(qn("w:ilvl"), "0")
            etree.SubElement(ov, qn("w:startOverride")).set(qn("w:val"), str(restart))
        return nid
