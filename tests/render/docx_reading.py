"""Reading a rendered DOCX back as a Committee member's software would: the raw package parts,
the body's paragraphs with their styles and note marks, the footnotes' text. Independent of the
writer: it reads WordprocessingML, not drafter's tree."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _text_of(el: etree._Element) -> str:
    """Visible text as a reader sees it: a no-break hyphen is a hyphen, a tab a space."""
    out: list[str] = []
    for node in el.iter(f"{W}t", f"{W}noBreakHyphen", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            out.append(" ")
    return "".join(out)


@dataclass
class BodyParagraph:
    style: str
    text: str
    notes: list[str] = field(default_factory=list)  # footnote ids, in order
    xml: etree._Element | None = None


def styles(path: Path) -> dict[str, str]:
    root = part(path, "word/styles.xml")
    return {
        s.get(f"{W}styleId", ""): s.find(f"{W}name").get(f"{W}val", "")  # type: ignore[union-attr]
        for s in root.iter(f"{W}style")
    }


def body(path: Path) -> list[BodyParagraph]:
    names = styles(path)
    root = part(path, "word/document.xml")
    out: list[BodyParagraph] = []
    for p in root.iter(f"{W}p"):
        style_el = p.find(f"{W}pPr/{W}pStyle")
        style = names.get(style_el.get(f"{W}val", ""), "") if style_el is not None else ""
        notes = [r.get(f"{W}id", "") for r in p.iter(f"{W}footnoteReference")]
        out.append(BodyParagraph(style, _text_of(p), notes, p))
    return out


def footnotes(path: Path) -> dict[str, str]:
    root = part(path, "word/footnotes.xml")
    return {
        fn.get(f"{W}id", ""): " ".join(_text_of(fn).split())
        for fn in root.iter(f"{W}footnote")
        if fn.get(f"{W}type") in (None, "normal")
    }


def notes_in_order(path: Path) -> list[str]:
    """The footnotes' texts in the order their marks appear in the body."""
    texts = footnotes(path)
    return [texts[n] for p in body(path) for n in p.notes]


def package_texts(path: Path) -> dict[str, str]:
    """Every XML part's visible text (document, notes, headers, footers, properties)."""
    out: dict[str, str] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not name.endswith(".xml") or name.startswith("customXml"):
                continue
            root = etree.fromstring(z.read(name))
            if name.startswith("word/"):
                out[name] = "\n".join(_text_of(p) for p in root.iter(f"{W}p"))
            else:
                out[name] = " ".join(t.strip() for t in root.itertext() if t.strip())
    return out


def normal(text: str) -> str:
    """Text as a comparison needs it: no-break and narrow spaces are spaces, and a no-break
    hyphen (U+2011, Word's `w:noBreakHyphen`) is a hyphen."""
    return " ".join(re.sub("[\u00a0\u202f]", " ", text).replace("\u2011", "-").split())
