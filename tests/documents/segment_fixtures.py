"""Build `SourceText`s straight from the corpus `.txt` files for the segmentation tests.

These tests exercise the segmenter on the raw text (pdftotext output keeps its form feeds,
running headers and page-foot notes), so they do not depend on the readers.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from drafter.documents.model import Document, DocumentKind, SourceText
from drafter.documents.segment import segment


def source_from_txt(path: Path) -> SourceText:
    return SourceText(path=str(path), lines=path.read_text(encoding="utf-8").split("\n"))


@cache
def segmented(path: Path, kind: DocumentKind | None = None) -> Document:
    """The segmented document, cached: several tests look at the same real file."""
    return segment(source_from_txt(path), kind)


def numbered_ids(document: Document) -> list[str]:
    return [p.id for p in document.paragraphs if p.numbered]


def by_id(document: Document) -> dict[str, object]:
    return {p.id: p for p in document.paragraphs}
