"""The renderer's document model: what Markdown means, before Word spells it.

`markdown.py` produces these blocks and inlines; `docx_writer.py` turns them into WordprocessingML.
Readers never write and writers never read: the two meet only here (pandoc's shape, much smaller).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(slots=True)
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False


@dataclass(slots=True)
class Link:
    url: str
    children: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    """A Markdown footnote (`[^1]`): becomes a real Word footnote at this point in the text."""

    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class CitationRef:
    """A citation token `[@source-id:paragraph-id]`: becomes a footnote in UN style."""

    source_id: str
    paragraph_id: str


@dataclass(slots=True)
class LineBreak:
    pass


Inline = Text | Link | Note | CitationRef | LineBreak


@dataclass(slots=True)
class Para:
    inlines: list[Inline]


@dataclass(slots=True)
class Heading:
    level: int  # 1 = the outermost heading *inside the Markdown*; the writer shifts it
    inlines: list[Inline]


@dataclass(slots=True)
class ListBlock:
    ordered: bool
    items: list[list[Block]]
    start: int = 1


@dataclass(slots=True)
class Quote:
    blocks: list[Block]


@dataclass(slots=True)
class CodeBlock:
    text: str


@dataclass(slots=True)
class Table:
    header: list[list[Inline]]
    rows: list[list[list[Inline]]]


@dataclass(slots=True)
class Rule:
    pass


Block = Para | Heading | ListBlock | Quote | CodeBlock | Table | Rule


def plain_text(inlines: list[Inline]) -> str:
    """The visible text of inlines, notes and citations left out (for headings, word counts)."""
    out: list[str] = []
    for i in inlines:
        if isinstance(i, Text):
            out.append(i.text)
        elif isinstance(i, Link):
            out.append(plain_text(i.children))
        elif isinstance(i, LineBreak):
            out.append(" ")
    return "".join(out)


# Characters XML 1.0 does not allow (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/F).
# A DOCX holding one is rejected by Word and LibreOffice, so they are removed before writing.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_forbidden(text: str) -> tuple[str, int]:
    """`text` without XML-forbidden characters, and how many were removed."""
    cleaned, n = _FORBIDDEN.subn("", text)
    return cleaned, n
