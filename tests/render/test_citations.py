"""The citation engine: the one token grammar, UN-style locators, merged notes, "Ibid." only
for exactly the previous note, evidence cited in full the first time."""

from __future__ import annotations

import pytest

from drafter.documents.model import Document, DocumentKind, Paragraph, SubItem
from drafter.project.citations import (
    Cite,
    Locator,
    find_citations,
    parse_token,
    raw_citations,
)
from drafter.project.model import Source
from drafter.project.report.markdown import parse_markdown
from drafter.project.report.notes import CitationWords, NotesPass, Resolver, format_locators
from drafter.project.report.tree import Cite as CiteNode
from drafter.project.report.tree import (
    Division,
    Metadata,
    NoteRef,
    Part,
    Report,
    block_inlines,
    plain_text,
    walk_blocks,
)


def test_the_grammar() -> None:
    assert parse_token("[@k:10-12]").cites == (Cite("k", (Locator("10", "12"),)),)
    assert parse_token("[@k:10–12]").cites == (Cite("k", (Locator("10", "12"),)),)
    assert parse_token("[@k:10, 12]").cites == (Cite("k", (Locator("10"), Locator("12"))),)
    assert parse_token("[@a:10; @b:11]").cites == (
        Cite("a", (Locator("10"),)),
        Cite("b", (Locator("11"),)),
    )
    assert parse_token("[@k]").cites == (Cite("k", ()),)
    assert parse_token("[@k:22(a)-(c)]").cites == (Cite("k", (Locator("22(a)", "22(c)"),)),)
    assert parse_token("[@a-hrc-wg.6-41-bra-2:40]").cites == (
        Cite("a-hrc-wg.6-41-bra-2", (Locator("40"),)),
    )
    found = [(c.source_id, c.paragraph_id) for c in find_citations("x [@k:10-12] y [@d]")]
    assert found == [("k", "10"), ("k", "11"), ("k", "12"), ("d", "")]


@pytest.mark.parametrize(
    "text", ["[@k 10]", "[@k:]", "[@k:10", "[@ k:10;]", "[@:10]", "[@k:10;; @b]"]
)
def test_what_is_not_a_citation_is_raw_syntax(text: str) -> None:
    assert raw_citations(f"See {text} here.") != []
    assert list(find_citations(text)) == [] or raw_citations(text)


def test_valid_tokens_are_not_raw() -> None:
    assert raw_citations("[@k:10] and [@a:1; @b] and a@b.org") == []


WORDS = CitationWords()


@pytest.mark.parametrize(
    ("locators", "language", "expected"),
    [
        ((Locator("10"),), "en", "para. 10"),
        ((Locator("10", "12"),), "en", "paras. 10–12"),
        ((Locator("10"), Locator("12")), "en", "paras. 10 and 12"),
        ((Locator("12"), Locator("10"), Locator("14")), "en", "paras. 10, 12 and 14"),
        ((Locator("10"), Locator("11"), Locator("12")), "en", "paras. 10–12"),
        ((Locator("17(a)"), Locator("17(c)")), "en", "para. 17 (a) and (c)"),
        ((Locator("22(a)", "22(c)"),), "en", "paras. 22 (a)–(c)"),
        ((Locator("b3"),), "en", ""),
        ((), "en", ""),
        ((Locator("10"), Locator("12")), "fr", "par. 10 et 12"),
        ((Locator("10"), Locator("12")), "es", "párrs. 10 y 12"),
    ],
)
def test_locators_in_un_style(locators: tuple[Locator, ...], language: str, expected: str) -> None:
    words = {
        "en": CitationWords(),
        "fr": CitationWords("par.", "par.", language="fr"),
        "es": CitationWords("párr.", "párrs.", language="es"),
    }[language]
    assert format_locators(locators, words) == expected


def _doc(symbol: str | None, ids: list[str]) -> Document:
    paragraphs = [
        Paragraph(id=i, text=f"Paragraph {i}.", sub_items=(SubItem("a", "x"), SubItem("c", "y")))
        for i in ids
    ]
    return Document(DocumentKind.STATE_REPORT, symbol, paragraphs)


SOURCES = {
    "fco": Source("fco", "state-report", "sources/f.pdf", symbol="CERD/C/BRA/FCO/18-20"),
    "co": Source("co", "concluding-observations", "sources/c.pdf", symbol="CERD/C/BRA/CO/18-20"),
    "fidh": Source(
        "fidh",
        "evidence",
        "sources/x.txt",
        title="Oral statement on Kazakhstan",
        author="FIDH",
        date="2010-06-09",
        url="https://www.fidh.org/statement",
    ),
    "untitled": Source("untitled", "evidence", "sources/u.txt"),
}
DOCS = {
    "fco": _doc("CERD/C/BRA/FCO/18-20", [str(n) for n in range(1, 40)]),
    "co": _doc("CERD/C/BRA/CO/18-20", [str(n) for n in range(1, 70)]),
    "fidh": _doc(None, ["b1", "b2", "b3"]),
    "untitled": _doc(None, ["b1"]),
}


def notes_of(*paragraphs: str) -> tuple[list[str], Report]:
    """The notes' texts, in order, of paragraphs of Markdown run through the notes pass."""
    blocks = [b for md in paragraphs for b in parse_markdown(md).blocks]
    report = Report(Metadata(), [Division(Part.BODY, "t", blocks)])
    NotesPass(Resolver(SOURCES, DOCS, WORDS)).run(report)
    out: list[str] = []
    for b in walk_blocks(blocks):
        for inl in block_inlines(b):
            for i in inl:
                if isinstance(i, NoteRef):
                    out.append(
                        " ".join(
                            plain_text(x)
                            for nb in walk_blocks(i.note.blocks)
                            for x in block_inlines(nb)
                        )
                    )
    return out, report


def test_citations_at_one_spot_make_one_note() -> None:
    notes, _ = notes_of("Measures [@fco:10][@fco:11] [@fco:12].")
    assert notes == ["CERD/C/BRA/FCO/18-20, paras. 10–12."]
    notes, _ = notes_of("Both [@co:17; @fco:8].")
    assert notes == ["CERD/C/BRA/CO/18-20, para. 17; CERD/C/BRA/FCO/18-20, para. 8."]


def test_ibid_only_for_exactly_the_previous_note() -> None:
    notes, _ = notes_of(
        "A [@fco:10-12]. B [@fco:10-12]. C [@fco:13]. D [@co:17; @fco:8]. E [@fco:8]. "
        "F[^own]. G [@fco:9].\n\n[^own]: The author's own note."
    )
    assert notes == [
        "CERD/C/BRA/FCO/18-20, paras. 10–12.",
        "Ibid.",
        "Ibid., para. 13.",
        "CERD/C/BRA/CO/18-20, para. 17; CERD/C/BRA/FCO/18-20, para. 8.",
        "CERD/C/BRA/FCO/18-20, para. 8.",  # the note before cites two sources: no Ibid.
        "The author's own note.",
        "CERD/C/BRA/FCO/18-20, para. 9.",  # the note before is the author's: no Ibid.
    ]


def test_evidence_is_cited_in_full_the_first_time() -> None:
    notes, _ = notes_of("One [@fidh:b1]. Two [@co:1]. Three [@fidh].")
    assert notes == [
        "FIDH, Oral statement on Kazakhstan, 9 June 2010. Available at "
        "https://www.fidh.org/statement.",
        "CERD/C/BRA/CO/18-20, para. 1.",
        "FIDH, Oral statement on Kazakhstan.",
    ]


def test_a_citation_inside_a_note_is_text() -> None:
    notes, _ = notes_of("Claim[^n].\n\n[^n]: As the State says [@fco:3].")
    assert notes == ["As the State says CERD/C/BRA/FCO/18-20, para. 3."]


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("[@nowhere:1]", "points to no imported source 'nowhere'"),
        ("[@fco:999]", "no paragraph '999'"),
        ("[@fco:10-999]", "no paragraph '999'"),
        ("[@fco:10(z)]", "no paragraph '10(z)'"),
        ("[@untitled:b1]", "has no symbol or title"),
    ],
)
def test_what_cannot_be_resolved_stays_a_citation_with_its_problem(
    markdown: str, problem: str
) -> None:
    notes, report = notes_of(f"Claim {markdown}.")
    assert notes == []
    left = [
        i
        for b in walk_blocks(report.divisions[0].blocks)
        for inl in block_inlines(b)
        for i in inl
        if isinstance(i, CiteNode)
    ]
    assert len(left) == 1 and problem in left[0].problem
