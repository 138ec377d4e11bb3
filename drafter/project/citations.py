"""Citations inside the author's Markdown: `[@source-id:paragraph-id]`.

The TUI inserts these tokens, `drafter check` resolves them, and the renderer turns each into a
footnote in UN style ("CERD/C/KAZ/11-14, para. 170."), with "Ibid., para. 171." for a repeat of the
note before. One module so all three agree on the syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.project.model import Project, Source

# [@cerd-c-kaz-11-14:170] or [@cerd-c-kaz-11-14:22(a)] or [@fidh-2025:b3]
CITATION = re.compile(r"\[@(?P<source>[A-Za-z0-9][A-Za-z0-9._-]*):(?P<paragraph>[^\]\s]+)\]")


@dataclass(frozen=True, slots=True)
class Citation:
    source_id: str
    paragraph_id: str
    start: int = 0
    end: int = 0

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.paragraph_id}"

    @property
    def token(self) -> str:
        return citation_token(self.source_id, self.paragraph_id)


def citation_token(source_id: str, paragraph_id: str) -> str:
    return f"[@{source_id}:{paragraph_id}]"


def find_citations(markdown: str) -> Iterator[Citation]:
    for m in CITATION.finditer(markdown):
        yield Citation(m["source"], m["paragraph"], m.start(), m.end())


def paragraph_label(paragraph_id: str) -> str:
    """The label of a paragraph id: "170" -> "para. 170"; "22(a)" -> "para. 22 (a)"; "b3" -> ""."""
    m = re.fullmatch(r"(\d+)((?:\([a-z]+\))*)", paragraph_id)
    if not m:
        return ""
    subs = m[2]
    return f"para. {m[1]}" + (f" {subs}" if subs else "")


def source_label(source: Source) -> str:
    """How a source is named in a note: its symbol, else its title, else its id."""
    return source.symbol or source.title or source.id


def format_citation(source: Source, paragraph_id: str) -> str:
    """UN style: "CERD/C/KAZ/11-14, para. 170"."""
    label = paragraph_label(paragraph_id)
    return f"{source_label(source)}, {label}" if label else source_label(source)


def format_ibid(paragraph_id: str) -> str:
    label = paragraph_label(paragraph_id)
    return f"Ibid., {label}" if label else "Ibid."


def resolve(project: Project, citation: Citation) -> Source | None:
    return project.source(citation.source_id)
