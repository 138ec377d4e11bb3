"""Build small .docx files the way Word writes UN documents: list-numbered paragraphs, tables,
footnotes. python-docx has no API for numbering definitions or footnotes, so the XML is written
here directly (as Word would save it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# Level 0 "1.", level 1 "(a)", level 2 "(i)": the UN paragraph scheme.
ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
    <w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
    <w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
"""


@dataclass
class Para:
    """A body paragraph: text, an optional list level (None: not numbered), footnote texts."""

    text: str
    level: int | None = None
    num_id: int = 90
    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)
    starred: list[str] = field(default_factory=list)  # footnotes marked "*" by hand


@dataclass
class Table:
    rows: list[list[str]]


def build_docx(
    path: Path, blocks: list[Para | Table], restart_num_ids: dict[int, int] | None = None
) -> Path:
    """Write a .docx with numbering instance 90 (and any `restart_num_ids`: numId -> start)."""
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(ABSTRACT_NUM))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for num_id, start in (restart_num_ids or {}).items():
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                "</w:num>"
            )
        )
    notes: list[tuple[str, str | None]] = []  # (text, typed mark)
    endnotes: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        paragraph = document.add_paragraph(block.text)
        if block.level is not None:
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{block.level}"/>'
                    f'<w:numId w:val="{block.num_id}"/></w:numPr>'
                )
            )
        for text in block.footnotes:
            notes.append((text, None))
            paragraph._p.extend(_reference("footnote", len(notes)))
        for text in block.starred:
            notes.append((text, "*"))
            paragraph._p.extend(_reference("footnote", len(notes), "*"))
        for text in block.endnotes:
            endnotes.append(text)
            paragraph._p.extend(_reference("endnote", len(endnotes)))
    if notes:
        _add_notes_part(document, "footnote", notes)
    if endnotes:
        _add_notes_part(document, "endnote", [(text, None) for text in endnotes])
    document.save(str(path))
    return path


def _reference(kind: str, number: int, mark: str | None = None) -> list[object]:
    """The run of a note reference: Word's counted number, or a mark typed after it ("*")."""
    custom = ' w:customMarkFollows="1"' if mark else ""
    typed = f"<w:t>{mark}</w:t>" if mark else ""
    return [
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{kind}Reference w:id="{number}"{custom}/>{typed}</w:r>'
        )
    ]


def _add_notes_part(document: object, kind: str, notes: list[tuple[str, str | None]]) -> None:
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r>'
        + (f"<w:t>{mark}</w:t>" if mark else f"<w:{kind}Ref/>")
        + f'</w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}>'
        for i, (text, mark) in enumerate(notes, start=1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {W_NS}>'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:{kind}><w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>{body}</w:{kind}s>"
    )
    main = document.part  # type: ignore[attr-defined]
    content_type = CONTENT_TYPE.WML_FOOTNOTES if kind == "footnote" else CONTENT_TYPE.WML_ENDNOTES
    relationship = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), main.package)
    main.relate_to(part, relationship)
