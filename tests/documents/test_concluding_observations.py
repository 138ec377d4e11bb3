"""Concluding observations: roles, topics, pairs, follow-up and particular importance.

Run on the Brazil CO (CERD/C/BRA/CO/18-20) from its pdftotext .txt and from the PDF.
"""

from __future__ import annotations

import pytest

from drafter.documents import read_document
from drafter.documents.concluding_observations import annotate, role_of
from drafter.documents.model import (
    Document,
    DocumentKind,
    Heading,
    Paragraph,
    Role,
    SourceText,
)
from drafter.documents.segment import segment
from tests.conftest import BRAZIL_CO_PDF, BRAZIL_CO_TXT
from tests.documents.segment_fixtures import segmented

CONCERNS = [5, 7, 9, 11, 13, 15, 16, 18, 20, 21, 22, 24, 26, 28, 30, 32, 34, 35, 37, 39, 41]
CONCERNS += [43, 45, 47, 49, 51, 52, 54, 56, 58, 59]
RECOMMENDATIONS = [6, 8, 10, 12, 14, 17, 19, 23, 25, 27, 29, 31, 33, 36, 38, 40, 42, 44, 46]
RECOMMENDATIONS += [48, 50, 53, 55, 57, 60, 61, 62, 63, 64, 65, 66, 67, 70]


@pytest.fixture(scope="module", params=["txt", "pdf"])
def brazil_co(request: pytest.FixtureRequest) -> Document:
    if request.param == "txt":
        return segmented(BRAZIL_CO_TXT)
    return read_document(BRAZIL_CO_PDF)


def _roles(document: Document, role: Role) -> list[int]:
    return [int(p.id) for p in document.paragraphs if p.role is role]


def test_roles(brazil_co: Document) -> None:
    assert _roles(brazil_co, Role.POSITIVE) == [3, 4]
    assert _roles(brazil_co, Role.CONCERN) == CONCERNS
    assert _roles(brazil_co, Role.RECOMMENDATION) == RECOMMENDATIONS
    assert _roles(brazil_co, Role.FOLLOW_UP_REQUEST) == [68]
    assert _roles(brazil_co, Role.OTHER) == [1, 2, 69]


def test_follow_up_is_exactly_what_paragraph_68_names(brazil_co: Document) -> None:
    # "paragraphs 17 (a) (…), 19 (c) (…), 23 (a) (…) and 36 (a)–(d) (…)"
    assert [p.id for p in brazil_co.paragraphs if p.follow_up] == ["17", "19", "23", "36"]


def test_paragraphs_of_particular_importance(brazil_co: Document) -> None:
    # Paragraph 69's list runs across a page break in the PDF.
    expected = ["17", "23", "27", "33", "46", "48", "50", "53", "60"]
    assert [p.id for p in brazil_co.paragraphs if p.particular_importance] == expected


def test_topics_and_pairs(brazil_co: Document) -> None:
    six = brazil_co.paragraph("6")
    assert six is not None and six.topic == "Disaggregated demographic data collection"
    assert (six.pair, brazil_co.paragraph("5").pair) == ("5", "6")  # type: ignore[union-attr]
    # Two concerns, then the recommendation answering both.
    for concern in ("34", "35"):
        assert brazil_co.paragraph(concern).pair == "36"  # type: ignore[union-attr]
    assert brazil_co.paragraph("36").pair == "35"  # type: ignore[union-attr]
    # A topic heading wrapped over two lines is one topic.
    fifty_eight = brazil_co.paragraph("58")
    assert fifty_eight is not None
    assert fifty_eight.topic == (
        "Efforts to combat racial prejudices, increase understanding and address legacies of "
        "historical injustices"
    )
    assert brazil_co.paragraph("15").topic == (  # type: ignore[union-attr]
        "Right to health and the impact of the COVID-19 pandemic"
    )
    assert brazil_co.paragraph("3").topic is None  # type: ignore[union-attr]


def test_recommendation_sub_items(brazil_co: Document) -> None:
    eight = brazil_co.paragraph("8")
    assert eight is not None
    assert [s.label for s in eight.sub_items] == ["a", "b", "c"]
    assert eight.sub_items[1].text.startswith("Give full consideration to the recommendations")
    assert eight.text.startswith("The Committee recommends that the State party: (a) Guarantee")


def test_footnotes_of_the_co(brazil_co: Document) -> None:
    notes = {f.id: f.text for f in brazil_co.footnotes}
    assert notes["3"] == "CERD/C/64/CO/2, para. 18."
    assert notes["11"] == "Ibid., para. 17."
    one = brazil_co.paragraph("1")
    assert one is not None and one.footnotes == ("1", "2")
    assert "Brazil, submitted" in one.text


def test_json_carries_the_co_fields(brazil_co: Document) -> None:
    data = brazil_co.to_json()
    assert data["kind"] == "concluding-observations"
    seventeen = next(p for p in data["paragraphs"] if p["id"] == "17")
    assert (seventeen["role"], seventeen["follow_up"]) == ("recommendation", True)


# --- the rules on small inputs ---------------------------------------------------------------


def _p(text: str, *headings: str) -> Paragraph:
    return Paragraph(id="1", text=text, headings=headings)


@pytest.mark.parametrize(
    ("text", "headings", "role"),
    [
        ("The Committee is concerned about X.", ("C. Concerns and recommendations",), Role.CONCERN),
        ("The Committee recommends that the State party act.", (), Role.RECOMMENDATION),
        (
            "Recalling its general recommendation No. 35, the Committee urges Y.",
            (),
            Role.RECOMMENDATION,
        ),
        ("The Committee welcomes the adoption of Z.", ("B. Positive aspects",), Role.POSITIVE),
        (
            "The Committee welcomes Z but regrets W.",
            ("C. Concerns and recommendations",),
            Role.CONCERN,
        ),
        (
            "The Committee requests the State party to provide, within one year of the adoption",
            (),
            Role.FOLLOW_UP_REQUEST,
        ),
        ("The Committee welcomes the dialogue.", ("A. Introduction",), Role.OTHER),
        (
            "The Committee notes the disparities.",
            ("C. Concerns and recommendations",),
            Role.CONCERN,
        ),
        (
            "The State party should: (a) Adopt a law;",
            ("C. Principal matters of concern and recommendations",),
            Role.RECOMMENDATION,
        ),
        (
            "The Committee notes with concern reports of torture.",
            ("C. Principal matters of concern and recommendations",),
            Role.CONCERN,
        ),
    ],
)
def test_role_rules(text: str, headings: tuple[str, ...], role: Role) -> None:
    assert role_of(_p(text, *headings)) is role


def test_annotate_on_a_small_co() -> None:
    lines = [
        "CERD/C/XYZ/CO/1",
        "Concluding observations on the report of Xland",
        "A.Introduction",
        "1.The Committee considered the report.",
        "C.Concerns and recommendations",
        "Statelessness",
        "2.The Committee is concerned about statelessness.",
        "3.The Committee recommends that the State party:",
        "(a)Accede to the 1954 Convention;",
        "(b)Adopt a procedure.",
        "D.Other recommendations",
        "4.The Committee requests the State party to provide, within one year, information "
        "on the recommendations contained in paragraphs 3 (a) and 2 above.",
        "5.The Committee wishes to draw the attention of the State party to the particular "
        "importance of the recommendations contained in the following paragraphs: 3 (b).",
    ]
    document = segment(SourceText("co.txt", lines))
    assert document.kind is DocumentKind.CONCLUDING_OBSERVATIONS
    roles = [p.role for p in document.paragraphs]
    assert roles == [
        Role.OTHER,
        Role.CONCERN,
        Role.RECOMMENDATION,
        Role.FOLLOW_UP_REQUEST,
        Role.OTHER,
    ]
    assert [p.id for p in document.paragraphs if p.follow_up] == ["2", "3"]
    assert [p.id for p in document.paragraphs if p.particular_importance] == ["3"]
    assert document.paragraph("2").topic == "Statelessness"  # type: ignore[union-attr]
    assert document.paragraph("3").pair == "2"  # type: ignore[union-attr]


def test_annotate_is_repeatable() -> None:
    document = Document(
        kind=DocumentKind.CONCLUDING_OBSERVATIONS,
        symbol=None,
        paragraphs=[_p("The Committee recommends X.", "Topic")],
        headings=[Heading("Topic", 1)],
    )
    annotate(document)
    annotate(document)
    assert document.paragraphs[0].role is Role.RECOMMENDATION
    assert document.paragraphs[0].topic == "Topic"


def test_ccpr_style_follow_up_paragraph() -> None:
    lines = [
        "CCPR/C/XYZ/CO/2",
        "Concluding observations on the second periodic report of Xland",
        "1.The Committee considered the report.",
        "2.The Committee is concerned about torture.",
        "3.The State party should investigate.",
        "4.In accordance with rule 75, paragraph 1, of the Committee's rules of procedure, the "
        "State party is requested to provide, by 26 July 2024, information on the implementation "
        "of the recommendations made by the Committee in paragraphs 3 (torture) and 2 above.",
    ]
    document = segment(SourceText("ccpr.txt", lines))
    assert document.paragraph("4").role is Role.FOLLOW_UP_REQUEST  # type: ignore[union-attr]
    assert [p.id for p in document.paragraphs if p.follow_up] == ["2", "3"]
