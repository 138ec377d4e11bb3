"""Exact quotations: an excerpt is the opening of its source paragraph, cut at a real sentence
end (never after "No.", "para.", "núm.", "M." …), or the whole paragraph."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.documents import read_document
from drafter.documents.model import Document, DocumentKind
from drafter.project.report.language import all_abbreviations, language
from drafter.project.report.quotes import excerpt, find_span, is_abbreviation
from tests.conftest import BRAZIL, CORPUS, CRPD, SEEDS

_CLOSERS = '"”’»)]'


def assert_exact(paragraph: str, quoted: str) -> None:
    text = paragraph.strip()
    assert quoted, paragraph[:80]
    assert text.startswith(quoted), (quoted[:80], text[:80])
    if quoted == text:
        return  # the whole paragraph
    end = quoted.rstrip(_CLOSERS)
    assert end[-1] in ".!?", quoted[-40:]
    if end[-1] == ".":
        word = end.split()[-1].lstrip('("“‘«[')
        assert not is_abbreviation(word), f"cut after the abbreviation {word!r}: {quoted[-60:]}"
    # The next character starts a sentence.
    rest = text[len(quoted) :]
    assert rest[:1].isspace(), rest[:20]


def _kind(path: Path) -> DocumentKind:
    name = path.name
    if "_CO_" in name and "Add" not in name:
        return DocumentKind.CONCLUDING_OBSERVATIONS
    if path.parent == SEEDS:
        return {
            "000": DocumentKind.COMMITTEE_LETTER,
            "001": DocumentKind.COMPILATION,
            "002": DocumentKind.STATE_REPORT,
        }.get(name[:3], DocumentKind.EVIDENCE)
    if "WG.6" in name:
        return DocumentKind.COMPILATION
    return DocumentKind.STATE_REPORT


CORPUS_FILES = sorted(
    [*SEEDS.glob("*.txt"), *BRAZIL.glob("*.pdf"), *BRAZIL.glob("*.txt"), *CRPD.glob("*.pdf")]
)


@cache
def _read(path: Path) -> Document:
    return read_document(path, kind=_kind(path))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_paragraph_of_every_corpus_document_is_quoted_exactly(path: Path) -> None:
    doc = _read(path)
    assert doc.paragraphs
    cut = 0
    for p in doc.paragraphs:
        quoted = excerpt(p.text)
        assert_exact(p.text, quoted)
        cut += quoted != p.text.strip()
    assert cut or len(doc.paragraphs) < 5  # the rule is exercised, not only whole paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In addition, other important initiatives are underway, such as the Anti-Racist "
            "Health Strategy, launched on 6 December 2023 through Ordinance GM/MS No. 2,198, "
            "which is guided by principles. It was followed by more measures of every kind, "
            "described at length in the annex to the present reply, with their budgets and "
            "their results in each of the states of the federation.",
            "In addition, other important initiatives are underway, such as the Anti-Racist "
            "Health Strategy, launched on 6 December 2023 through Ordinance GM/MS No. 2,198, "
            "which is guided by principles.",
        ),
        (
            "Also noteworthy is Law No. 14,723/23, which updates the Quotas Law. It "
            + "does so in many ways " * 10
            + ".",
            "Also noteworthy is Law No. 14,723/23, which updates the Quotas Law.",
        ),
        (
            "M. Dupont a rappelé la loi (art. 5). Le Comité recommande " + "encore " * 60 + ".",
            "M. Dupont a rappelé la loi (art. 5).",
        ),
        (
            "El Sr. Pérez citó la Ley núm. 26.061 y el párr. 12. Además " + "dijo " * 60 + ".",
            "El Sr. Pérez citó la Ley núm. 26.061 y el párr. 12.",
        ),
    ],
)
def test_a_quotation_ends_at_a_real_sentence_end(text: str, expected: str) -> None:
    assert excerpt(text, words=15) == expected


def test_abbreviations_come_from_the_language_files() -> None:
    assert {"no.", "para.", "art."} <= language("en").abbreviations
    assert {"m.", "par."} <= language("fr").abbreviations
    assert {"núm.", "sr.", "párr."} <= language("es").abbreviations
    assert language("en").abbreviations | language("fr").abbreviations <= all_abbreviations()


def test_the_author_s_span_is_found_whatever_the_spaces() -> None:
    para = "The State party reports  that 37 refugees\nwere registered."
    assert find_span(para, "37 refugees were registered") == "37 refugees\nwere registered"
    assert find_span(para, "38 refugees") is None


words = st.sampled_from(["the", "State", "party", "law", "of", "2,198", "Quotas", "report"])
abbreviation = st.sampled_from(sorted(all_abbreviations()))
sentence = st.lists(st.one_of(words, abbreviation), min_size=1, max_size=12).map(
    lambda ws: " ".join(ws).capitalize() + "."
)


@settings(max_examples=300, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=8))
def test_any_text_is_quoted_exactly(sentences: list[str]) -> None:
    text = " ".join(sentences)
    assert_exact(text, excerpt(text, words=10))
