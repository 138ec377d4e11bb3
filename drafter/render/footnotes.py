"""Real Word footnotes, which python-docx has no API for: a footnotes part with its relationship,
the separator notes Word expects, and `w:footnoteReference` runs in the text.

Also the UN citation rule for notes: a citation repeats the previous note's source -> "Ibid.".
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.document import DocumentPart
from lxml import etree


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
_W_TYPE = qn("w:type")
_W_ID = qn("w:id")


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
            if fn.get(_W_TYPE) in (None, "normal"):
                root.remove(fn)
        ids = [int(fn.get(_W_ID, "0")) for fn in root.iterchildren(_W_FOOTNOTE)]
        self.separator_ids = sorted(ids)
        self._next = max([0, *ids]) + 1
        self.count = 0

    def new(self) -> tuple[int, etree._Element]:
        note_id = self._next
        self._next += 1
        self.count += 1
        el = etree.SubElement(self.part.element, _W_FOOTNOTE)
        el.set(_W_ID, str(note_id))
        return note_id, el


@dataclass(slots=True)
class CitationStyle:
    """How notes cite a paragraph: "CERD/C/KAZ/11-14, para. 170"; "Ibid., para. 171"."""

    paragraph: str = "para."
    ibid: str = "Ibid."
    end_with_full_stop: bool = True

    def paragraph_label(self, paragraph_id: str) -> str:
        from drafter.project.citations import paragraph_label

        label = paragraph_label(paragraph_id)
        if label.startswith("para. "):
            label = f"{self.paragraph} {label[len('para. ') :]}"
        return label

    def full(self, source_label: str, paragraph_id: str) -> str:
        label = self.paragraph_label(paragraph_id)
        return self._end(f"{source_label}, {label}" if label else source_label)

    def repeat(self, paragraph_id: str, same_paragraph: bool) -> str:
        label = self.paragraph_label(paragraph_id)
        if same_paragraph or not label:
            return self._end(self.ibid)
        return self._end(f"{self.ibid}, {label}")

    def _end(self, text: str) -> str:
        if self.end_with_full_stop and not text.endswith("."):
            return text + "."
        return text
