"""The segmenter on the real documents: every paragraph, heading and link that matters.

Each document is read from its `.txt` straight into a `SourceText` (pdftotext output keeps its
form feeds, running headers and page-foot notes: the segmenter must cope), and, for the
paragraph sequences, also through the readers (`read_document`) from .txt and .pdf.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.documents import read_document
from drafter.documents.model import Document, DocumentKind, Paragraph, ReferenceScope
from tests.conftest import (
    BRAZIL_CO_PDF,
    BRAZIL_CO_TXT,
    BRAZIL_FCO_PDF,
    BRAZIL_FCO_TXT,
    BRAZIL_UPR_PDF,
    BRAZIL_UPR_TXT,
    SEED_COMPILATION,
    SEED_FIDH_1,
    SEED_FIDH_2,
    SEED_LETTER,
    SEED_STATE_REPORT,
)
from tests.documents.segment_fixtures import numbered_ids, segmented


def _ids(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


def _para(document: Document, pid: str) -> Paragraph:
    paragraph = document.paragraph(pid)
    assert paragraph is not None, f"paragraph {pid} missing"
    return paragraph


# --- exact paragraph sequences -----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "count"),
    [
        (SEED_STATE_REPORT, 437),
        (BRAZIL_CO_TXT, 70),
        (BRAZIL_FCO_TXT, 44),
        (BRAZIL_UPR_TXT, 69),
        (SEED_COMPILATION, 49),
    ],
    ids=["seed-002", "brazil-co", "brazil-fco", "brazil-upr", "seed-001"],
)
def test_numbered_paragraphs_exactly(path: Path, count: int) -> None:
    assert numbered_ids(segmented(path)) == _ids(count)


@pytest.mark.parametrize(
    ("path", "count"),
    [
        (SEED_STATE_REPORT, 437),
        (BRAZIL_CO_TXT, 70),
        (BRAZIL_CO_PDF, 70),
        (BRAZIL_FCO_TXT, 44),
        (BRAZIL_FCO_PDF, 44),
        (BRAZIL_UPR_TXT, 69),
        (BRAZIL_UPR_PDF, 69),
        (SEED_COMPILATION, 49),
    ],
    ids=["002", "co-txt", "co-pdf", "fco-txt", "fco-pdf", "upr-txt", "upr-pdf", "001"],
)
def test_numbered_paragraphs_through_the_readers(path: Path, count: int) -> None:
    assert numbered_ids(read_document(path)) == _ids(count)


def test_brazil_co_has_nothing_but_its_seventy_paragraphs() -> None:
    for document in (segmented(BRAZIL_CO_TXT), read_document(BRAZIL_CO_PDF)):
        assert [p.id for p in document.paragraphs] == _ids(70)


def test_upr_compilation_endnotes_are_notes_not_paragraphs() -> None:
    document = segmented(BRAZIL_UPR_TXT)
    assert [p.id for p in document.paragraphs] == _ids(69)
    notes = {f.id: f.text for f in document.footnotes}
    assert notes["9"] == "Ibid., para. 15."
    assert notes["115"] == "Ibid., p. 2."
    last = _para(document, "69").text
    assert last.endswith("statelessness recognition claims.")  # no endnote glued on
    # Sub-section enumerators ("1. Constitutional and legislative framework") are headings.
    assert "1. Constitutional and legislative framework" in _para(document, "5").headings


# --- masthead and kind ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind", "symbol"),
    [
        (SEED_STATE_REPORT, DocumentKind.STATE_REPORT, "CERD/C/KAZ/11-14"),
        (BRAZIL_CO_TXT, DocumentKind.CONCLUDING_OBSERVATIONS, "CERD/C/BRA/CO/18-20"),
        (BRAZIL_FCO_TXT, DocumentKind.STATE_REPORT, "CERD/C/BRA/FCO/18-20"),
        (BRAZIL_UPR_TXT, DocumentKind.COMPILATION, "A/HRC/WG.6/41/BRA/2"),
        (SEED_LETTER, DocumentKind.COMMITTEE_LETTER, None),
        (SEED_COMPILATION, DocumentKind.COMPILATION, None),
        (SEED_FIDH_1, DocumentKind.EVIDENCE, None),
        (SEED_FIDH_2, DocumentKind.EVIDENCE, None),
    ],
)
def test_kind_and_symbol(path: Path, kind: DocumentKind, symbol: str | None) -> None:
    document = segmented(path)
    assert (document.kind, document.symbol) == (kind, symbol)


def test_masthead_of_the_state_report() -> None:
    document = segmented(SEED_STATE_REPORT)
    assert document.date == "27 October 2025"
    assert document.title is not None
    assert document.title.startswith("Combined eleventh to fourteenth periodic reports")
    assert document.title.endswith("due in 2025")  # the "* , **" note marks are not title
    assert document.answers_symbol == "CERD/C/KAZ/CO/8-10"


def test_masthead_of_the_brazil_documents() -> None:
    co = segmented(BRAZIL_CO_TXT)
    assert co.date == "19 December 2022"
    assert co.title == (
        "Concluding observations on the combined eighteenth to twentieth periodic reports of Brazil"
    )
    fco = segmented(BRAZIL_FCO_TXT)
    assert fco.answers_symbol == "CERD/C/BRA/CO/18-20"
    assert fco.title is not None and fco.title.startswith("Information received from Brazil")
    for upr in (segmented(BRAZIL_UPR_TXT), read_document(BRAZIL_UPR_PDF)):
        assert upr.title == (
            "Compilation of information prepared by the Office of the United Nations High "
            "Commissioner for Human Rights"
        )
        assert upr.date == "25 August 2022"


# --- seed 002: the State report ---------------------------------------------------------------

_FOLLOW_UP = re.compile(r"^Follow-up information relating to paragraphs? (.*) of the concluding")


def test_seed_002_every_follow_up_section_responds_to_its_heading() -> None:
    document = segmented(SEED_STATE_REPORT)
    follow_up_headings = [h.text for h in document.headings if _FOLLOW_UP.match(h.text)]
    # The report prints 27 such headings (paragraphs 5-49 of CERD/C/KAZ/CO/8-10, 21-22 twice).
    assert len(follow_up_headings) == 27
    under: dict[str, list[Paragraph]] = {h: [] for h in follow_up_headings}
    for p in document.paragraphs:
        inner = [h for h in p.headings if _FOLLOW_UP.match(h)]
        if inner:
            under[inner[-1]].append(p)
    for heading, paragraphs in under.items():
        assert paragraphs, f"no paragraph under {heading!r}"
        listed = re.findall(r"\d+", _FOLLOW_UP.match(heading).group(1))  # type: ignore[union-attr]
        for p in paragraphs:
            bases = {t.split("(")[0] for t in p.responds_to}
            assert set(listed) <= bases, (p.id, heading, p.responds_to)


@pytest.mark.parametrize(
    ("pid", "expected"),
    [
        ("56", ["5", "6"]),  # "paragraphs 5 and 6"
        ("104", ["21", "22(a)"]),  # "(a)" under "paragraphs 21 and 22 (a)–(c)"
        ("111", ["21", "22(b)"]),
        ("120", ["21", "22(c)"]),
        ("127", ["22(d)"]),  # "paragraph 22 (d)"
        ("292", ["41", "42(a)"]),
        ("293", ["41", "42(b)"]),  # a topic line between "(b)" and the paragraph keeps it
        ("299", ["41", "42(d)"]),
        ("401", ["47"]),
    ],
)
def test_seed_002_sub_item_markers_narrow_the_heading(pid: str, expected: list[str]) -> None:
    paragraph = _para(segmented(SEED_STATE_REPORT), pid)
    assert list(paragraph.responds_to[: len(expected)]) == expected


def test_seed_002_follow_up_sub_item_markers_apply_only_under_their_heading() -> None:
    document = segmented(SEED_STATE_REPORT)
    # "(a)".."(c)" under "paragraphs 17 and 18": the recommendation 18 is narrowed.
    narrowed = {t for p in document.paragraphs for t in p.responds_to if t.startswith("18(")}
    assert narrowed == {"18(a)", "18(b)", "18(c)"}
    # Paragraphs 189-191 answer "paragraphs 19 and 20", whose "(a)" lines are sub-items.
    assert list(_para(document, "190").responds_to[:2]) == ["19", "20"]


@pytest.mark.parametrize(
    ("pid", "targets"),
    [
        ("5", ("16", "22", "28", "42")),
        ("7", ("54",)),
        ("8", ("51",)),
        ("37", ("28", "33", "34")),
        ("38", ("42",)),
    ],
)
def test_seed_002_inline_references(pid: str, targets: tuple[str, ...]) -> None:
    paragraph = _para(segmented(SEED_STATE_REPORT), pid)
    co_refs = [r for r in paragraph.references if r.scope is ReferenceScope.CONCLUDING_OBSERVATIONS]
    assert [r.targets for r in co_refs] == [targets]
    assert co_refs[0].symbol == "CERD/C/KAZ/CO/8-10"
    assert set(targets) <= set(paragraph.responds_to)


@pytest.mark.parametrize(
    ("pid", "scope", "heading_targets"),
    [
        ("76", ReferenceScope.OTHER, ("7", "8")),  # "paragraph 24 of the Action Plan"
        ("190", ReferenceScope.INTERNAL, ("19", "20")),  # "see para. 6.1"
        ("207", ReferenceScope.OTHER, ("29", "30")),  # "paragraph 16 of the … regulations"
    ],
)
def test_seed_002_no_false_reference(
    pid: str, scope: ReferenceScope, heading_targets: tuple[str, ...]
) -> None:
    paragraph = _para(segmented(SEED_STATE_REPORT), pid)
    assert [r.scope for r in paragraph.references] == [scope]
    assert paragraph.responds_to == heading_targets  # nothing added by the false match


def test_seed_002_headings_and_levels() -> None:
    document = segmented(SEED_STATE_REPORT)
    by_text = {h.text: h for h in document.headings}
    trafficking = by_text["Trafficking in persons"]
    assert (trafficking.label, trafficking.level) == ("I", 2)  # the letter after "H.", not Roman
    assert (by_text["Article 2"].label, by_text["Article 2"].level) == ("IV", 1)
    assert by_text["Introduction"].level == 1
    assert _para(document, "298").headings[:2] == ("VII. Article 5", "H. Stateless persons")
    assert _para(document, "311").headings[:2] == ("VII. Article 5", "I. Trafficking in persons")
    assert _para(document, "437").headings == ("XIII. Conclusion",)


def test_seed_002_lists_and_sub_items_stay_in_their_paragraph() -> None:
    document = segmented(SEED_STATE_REPORT)
    assert "Improving legislation Institution-building" in _para(document, "3").text
    assert _para(document, "3").text.endswith("cultural, civil and political rights")
    # A short topic line after such a list is a heading of the paragraphs below it.
    assert _para(document, "403").text.endswith("anti-discrimination standards")
    assert _para(document, "404").headings[-1] == "Legal and institutional measures"
    assert _para(document, "404").responds_to == ("47",)
    seven_sub = _para(document, "191")
    assert [s.label for s in seven_sub.sub_items] == ["a", "b", "c"]


# --- Brazil follow-up reply ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last", "targets"),
    [
        (8, 12, ["17(a)"]),
        (13, 17, ["19(c)"]),
        (18, 22, ["23(a)"]),
        (23, 23, ["36(a)"]),
        (24, 32, ["36(b)", "36(c)"]),
        (33, 44, ["36(d)"]),
    ],
)
def test_brazil_follow_up_reply_sections(first: int, last: int, targets: list[str]) -> None:
    for path in (BRAZIL_FCO_TXT, BRAZIL_FCO_PDF):
        document = segmented(path) if path.suffix == ".txt" else read_document(path)
        for n in range(first, last + 1):
            assert list(_para(document, str(n)).responds_to) == targets, (path.name, n)


def test_brazil_follow_up_reply_introduction_answers_nothing_by_heading() -> None:
    document = segmented(BRAZIL_FCO_TXT)
    for n in range(2, 8):
        assert _para(document, str(n)).responds_to == ()


# --- seed 001, 000, 003, 004 ------------------------------------------------------------------


def test_seed_001_endnotes_without_numbers_stay_out_of_the_last_paragraph() -> None:
    document = segmented(SEED_COMPILATION)
    last = _para(document, "49")
    assert last.text.endswith("to the Government for discussion and endorsement.")
    assert last.footnotes[-1] == "127"
    notes = {f.id: f.text for f in document.footnotes}
    assert notes["notes"].startswith("the official website of the United Nations Treaty")
    assert "The following abbreviations have been used" in notes["notes"]


def test_seed_001_footnote_numbers_on_their_own_lines_are_markers() -> None:
    document = segmented(SEED_COMPILATION)
    first = _para(document, "1")
    assert first.footnotes[:3] == ("7", "8", "9")
    assert "\n" not in first.text and " 7 " not in first.text
    assert first.text.startswith("While welcoming the ratification by Kazakhstan")
    # Enumerated sub-sections are headings, not paragraphs, even when wrapped.
    assert _para(document, "26").headings[-1] == (
        "6. Freedom of religion or belief, expression, association and peaceful assembly, "
        "and right to participate in public and political life"
    )


def test_seed_000_blocks_keyed_to_the_co_paragraphs() -> None:
    document = segmented(SEED_LETTER)
    assert document.answers_symbol == "CERD/C/KAZ/CO/6-7"
    assert all(not p.numbered for p in document.paragraphs)
    keyed: dict[str, list[Paragraph]] = {"8": [], "15": [], "18": []}
    for p in document.paragraphs:
        if len(p.responds_to) == 1 and p.responds_to[0] in keyed:
            keyed[p.responds_to[0]].append(p)
    assert keyed["8"][0].text.startswith("The Committee thanks the State party")
    # The sentence broken by the address block on page 2 is one block again.
    assert "The Committee stressed that the State party should assess" in keyed["8"][0].text
    assert keyed["15"][0].text.startswith("The Committee welcomes the new legal regulations")
    assert keyed["18"][0].text.startswith("The Committee regrets")
    for pid, blocks in keyed.items():
        ref = blocks[0].references[0]
        assert (ref.targets, ref.symbol) == ((pid,), "CERD/C/KAZ/CO/6-7")
        assert ref.scope is ReferenceScope.CONCLUDING_OBSERVATIONS
    address = next(p for p in document.paragraphs if p.text.startswith("H.E. Mr."))
    assert (address.responds_to, address.references) == ((), ())
    closing = next(p for p in document.paragraphs if p.text.startswith("Rest assured"))
    assert closing.responds_to == ()
    intro = next(p for p in document.paragraphs if p.text.startswith("The Committee welcomes the"))
    assert intro.responds_to == ("8", "15", "18")


@pytest.mark.parametrize("path", [SEED_FIDH_1, SEED_FIDH_2, SEED_LETTER])
def test_unnumbered_documents_get_stable_block_ids(path: Path) -> None:
    document = segmented(path)
    ids = [p.id for p in document.paragraphs]
    assert ids == [f"b{i}" for i in range(1, len(ids) + 1)]
    again = read_document(path)
    assert [(p.id, p.text) for p in again.paragraphs] == [
        (p.id, p.text) for p in document.paragraphs
    ]


def test_seed_003_statement_is_a_title_and_nine_blocks() -> None:
    document = segmented(SEED_FIDH_1)
    assert document.title is not None and document.title.startswith("International Federation")
    assert len(document.paragraphs) == 9
    assert document.paragraphs[3].text.startswith("We therefore recommend")


def test_seed_004_blocks_bullets_and_footnotes() -> None:
    document = segmented(SEED_FIDH_2)
    texts = [p.text for p in document.paragraphs]
    assert "- Unpaid labour, including debt bondage" in texts
    assert any(
        t.startswith("In violation of the obligation under international law") for t in texts
    )
    notes = {f.id: f.text for f in document.footnotes}
    assert notes["1"].startswith("This information is based on the report")
    assert notes["2"].startswith("“The Committee is concerned")
    assert "Article 8 on the prohibition of forced labour" in [h.text for h in document.headings]


@pytest.mark.parametrize(("path", "count"), [(BRAZIL_CO_TXT, 12), (BRAZIL_UPR_TXT, 115)])
def test_every_footnote_marker_left_in_pdftotext_text_is_cut_and_kept(
    path: Path, count: int
) -> None:
    # "Brazil,1", "first.4", "officials. 3", "2014 6 and", "by 2007,9", "observations10",
    # "at 17.56 UNESCO", "in 2021.55": each marker leaves the text for its paragraph's notes.
    document = segmented(path)
    markers = [f for p in document.paragraphs for f in p.footnotes]
    assert markers == [str(n) for n in range(1, count + 1)]
    texts = " ".join(p.text for p in document.paragraphs)
    assert "observations10" not in texts and "2021.55" not in texts and "17.56" not in texts


@pytest.mark.parametrize(
    ("path", "count"),
    [(BRAZIL_CO_TXT, 12), (BRAZIL_CO_PDF, 12), (BRAZIL_UPR_TXT, 115), (BRAZIL_UPR_PDF, 115)],
)
def test_markers_a_reader_left_in_the_text_are_cut_too(path: Path, count: int) -> None:
    # The readers anchor most markers; the segmenter takes the few they left ("2014 6 and").
    document = read_document(path)
    markers = [f for p in document.paragraphs for f in p.footnotes]
    assert markers == [str(n) for n in range(1, count + 1)]


@pytest.mark.parametrize(
    "path",
    [SEED_STATE_REPORT, SEED_LETTER, SEED_COMPILATION, SEED_FIDH_2, BRAZIL_CO_TXT, BRAZIL_UPR_TXT],
)
def test_raw_text_and_the_text_reader_agree(path: Path) -> None:
    raw, read = segmented(path), read_document(path)
    assert [(p.id, p.text, p.responds_to) for p in raw.paragraphs] == [
        (p.id, p.text, p.responds_to) for p in read.paragraphs
    ]
