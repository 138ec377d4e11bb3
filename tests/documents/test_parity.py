"""Parity: one document read from .txt, .docx and .pdf gives the same paragraphs.

LibreOffice makes the .docx and the .pdf of a seed during the test session, as an author's
word processor would. Texts are compared after folding whitespace; U+2011 (non-breaking hyphen)
counts as "-", because PDF fonts print it with the hyphen's glyph and pdfium reads it back so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.documents import read_document
from drafter.documents.model import Document
from tests.conftest import SEED_COMPILATION, SEED_LETTER, SEED_STATE_REPORT
from tests.documents.libreoffice import convert

pytestmark = pytest.mark.slow

# Lines of seed 002: the introduction and the first sections, numbered paragraphs 1-53.
STATE_REPORT_SLICE = 150
# A longer slice, to paragraph 91, whose PDF wraps a line after "39.1".
STATE_REPORT_LONG_SLICE = 400


def _slice(folder: Path, lines: int) -> Path:
    text = SEED_STATE_REPORT.read_text(encoding="utf-8").splitlines()[:lines]
    path = folder / f"state-report-{lines}.txt"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def state_report_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _slice(tmp_path_factory.mktemp("slice"), STATE_REPORT_SLICE)


def _fold(text: str) -> str:
    return " ".join(text.replace("\u2011", "-").split())


def _paragraphs(document: Document) -> list[tuple[str, str]]:
    return [(p.id, _fold(p.text)) for p in document.paragraphs]


def _assert_parity(source: Path, target: str) -> None:
    original = read_document(source)
    converted = read_document(convert(source, target))
    assert converted.kind == original.kind
    assert [p.id for p in converted.paragraphs] == [p.id for p in original.paragraphs]
    assert _paragraphs(converted) == _paragraphs(original)


@pytest.mark.parametrize("target", ["docx:MS Word 2007 XML", "pdf"])
def test_state_report_slice(state_report_slice: Path, target: str) -> None:
    document = read_document(state_report_slice)
    assert [p.id for p in document.paragraphs][-1] == "53"
    _assert_parity(state_report_slice, target)


@pytest.mark.parametrize("target", ["docx:MS Word 2007 XML", "pdf"])
def test_state_report_long_slice(tmp_path: Path, target: str) -> None:
    _assert_parity(_slice(tmp_path, STATE_REPORT_LONG_SLICE), target)


@pytest.mark.parametrize("target", ["docx:MS Word 2007 XML", "pdf"])
def test_compilation_with_footnote_numbers_on_their_own_lines(target: str) -> None:
    _assert_parity(SEED_COMPILATION, target)


@pytest.mark.parametrize("target", ["docx:MS Word 2007 XML", "pdf"])
def test_letter_with_an_address_block_inside_a_sentence(target: str) -> None:
    _assert_parity(SEED_LETTER, target)
