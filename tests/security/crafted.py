"""One crafted file per attack, made on demand (nothing large is committed).

Each function writes one file into the given folder and returns its path. They are small by
construction (a ZIP bomb of 200 MiB is ~200 KB), built with python-docx, zipfile and bytes
surgery on a real corpus PDF. The one file that needs another program to make, a real Word
97-2003 document, is committed: `fixtures/word97.doc`, made with

    soffice --headless --convert-to doc:"MS Word 97" w97.txt

from a two-line text ("Concluding observations" / "1. The Committee welcomes the report.").
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.conftest import BRAZIL_CO_PDF

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WORD97 = FIXTURES / "word97.doc"
MIB = 1024 * 1024


def zip_bomb_docx(folder: Path, inflated: int = 200 * MIB) -> Path:
    """A real .docx whose word/document.xml inflates to `inflated` bytes (~1000:1): a body of
    one paragraph of blanks, well-formed XML, as the issue's 615 KB / 200 MiB file."""
    path = folder / "bomb.docx"
    base = folder / "base.docx"
    Document().save(str(base))
    head = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {nsdecls("w")}>'
        '<w:body><w:p><w:r><w:t xml:space="preserve">'
    ).encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, source.read(item.filename))
                continue
            with out.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(head)
                block = b" " * MIB
                for _ in range((inflated - len(head) - len(tail)) // MIB):
                    member.write(block)
                member.write(tail)
    base.unlink()
    return path


def numbering_docx(folder: Path, name: str, start: int, fmt: str, paragraphs: int = 40) -> Path:
    """A .docx whose list starts at `start` in format `fmt` ("lowerRoman", "lowerLetter"):
    a 4 KB numbering definition that once hung the reader (10**12 in Roman numerals) or made
    each label tens of millions of characters (10**9 in letters)."""
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>')
    )
    document.add_paragraph("Concluding observations on the report of Freedonia")
    for i in range(paragraphs):
        paragraph = document.add_paragraph(f"The Committee recommends measure number {i}.")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
        )
    path = folder / name
    document.save(str(path))
    return path


def bit_flipped_pdf(folder: Path) -> Path:
    """The Brazil concluding observations with one byte flipped inside page 2's compressed
    content: pdfium reads the page up to the flip and says nothing."""
    data = bytearray(BRAZIL_CO_PDF.read_bytes())
    streams = [
        m
        for m in re.finditer(rb"<<(?:(?!>>\s*stream).)*?/Filter\s*/FlateDecode(?:(?!stream).)*?"
                             rb">>\s*stream\r?\n", data, re.S)
        if b"/Length1" not in m[0] and b"/Subtype/Image" not in m[0]
        and b"/Subtype /Image" not in m[0] and b"/Type/XObject" not in m[0]
        and b"/Type /XObject" not in m[0] and b"ObjStm" not in m[0] and b"XRef" not in m[0]
    ]  # fmt: skip
    # Page contents, in file order; the second is long enough to flip in its middle.
    target = streams[1]
    end = data.index(b"endstream", target.end())
    data[(target.end() + end) // 2] ^= 0x55
    path = folder / "flipped.pdf"
    path.write_bytes(bytes(data))
    return path


def renamed_word97(folder: Path) -> Path:
    """A real Word 97-2003 document saved under a .docx name."""
    path = folder / "report.docx"
    path.write_bytes(WORD97.read_bytes())
    return path
