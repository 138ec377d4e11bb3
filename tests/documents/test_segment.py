"""The segmenter on small inputs: each printing convention, and properties over any text.

"No word is silently dropped" means: every word of the input (a run of two or more letters,
after removing HTML tags and Markdown emphasis, sub-item labels such as "(a)" or "iv)",
private-use glyphs, and whole lines of page furniture — "GE.22-27770(E)" job numbers) is found
again in a paragraph's text, a heading (its text or label), a footnote, or the masthead fields
(symbol, title, date, masthead lines). Numbers are not words: page numbers and note markers may
go. The property holds whatever the layout: wrapped or pasted lines, run-in paragraph numbers
and headings, reply headings in three languages, endnotes without numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter.documents import read_document
from drafter.documents.model import Document, DocumentKind, Footnote, SourceText
from drafter.documents.segment import segment

WORD_RE = re.compile(r"[^\W\d_]{2,}")
# The inline tags pasted text carries (the readers drop these, and only these: "<>" or "a<b"
# are text).
_TAG_RE = re.compile(r"</?(?:sup|sub|b|i|em|strong|span)\b[^>\n]*>", re.IGNORECASE)
_SUB_LABEL_RE = re.compile(r"\((?:[a-z]{1,2}|[ivx]{1,5})\)|(?<![\w(])(?:[a-z]|[ivx]{1,5})\)")
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_FURNITURE_RE = re.compile(r"^\s*GE\.\d{2}-\d{4,6}")


def _doc(*lines: str, kind: DocumentKind | None = None) -> Document:
    return segment(SourceText("test.txt", list(lines)), kind)


def _ids(document: Document) -> list[str]:
    return [p.id for p in document.paragraphs]


def input_words(lines: list[str]) -> set[str]:
    words: set[str] = set()
    for raw in lines:
        for line in raw.split("\f"):
            if _FURNITURE_RE.match(line):
                continue
            line = _SUB_LABEL_RE.sub(" ", _TAG_RE.sub("", line).replace("**", " "))
            line = _PRIVATE_USE_RE.sub(" ", line)
            words.update(WORD_RE.findall(line))
    return words


def kept_words(document: Document) -> set[str]:
    texts = [p.text for p in document.paragraphs]
    texts += [f"{h.label or ''} {h.text}" for h in document.headings]
    texts += [f.text for f in document.footnotes]
    texts += document.masthead
    texts += [document.title or "", document.symbol or "", document.date or ""]
    return set(WORD_RE.findall(" ".join(texts)))


# --- paragraph numbers however printed ---------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        ["1.First point.", "2.Second point.", "3.Third point."],
        ["1. First point.", "2. Second point.", "3. Third point."],
        ["1.\tFirst point.", "2.\tSecond point.", "3.\tThird point."],
        ["1.", "First point.", "2.", "", "Second point.", "3.", "Third point."],
        ["  1. First", "", "point.", "2. Second point.", " 3. Third point."],
    ],
    ids=["glued", "space", "tab", "alone", "wrapped-double-spaced"],
)
def test_paragraph_numbers_however_printed(lines: list[str]) -> None:
    document = _doc(*lines)
    assert _ids(document) == ["1", "2", "3"]
    assert [p.text for p in document.paragraphs] == [
        "First point.",
        "Second point.",
        "Third point.",
    ]


def test_wrapped_lines_are_rejoined() -> None:
    document = _doc(
        "1.",
        "The Committee notes the",
        "information provided.",
        "2.",
        "It recommends",
        "more.",
        "3.x",
    )
    assert document.paragraphs[0].text == "The Committee notes the information provided."
    assert document.paragraphs[1].text == "It recommends more."


def test_a_number_followed_by_a_year_is_still_the_paragraph() -> None:
    document = _doc("1.One.", "2.Two.", "3.2025 has been declared the year.", "1.5 million people.")
    assert _ids(document) == ["1", "2", "3"]
    assert document.paragraphs[2].text == "2025 has been declared the year. 1.5 million people."


def test_sub_items_inline_and_on_their_own_lines() -> None:
    document = _doc(
        "1.Intro.",
        "2.The Committee recommends that the State party:",
        "(a)Adopt a law;",
        "(b)",
        "Train judges",
        "and prosecutors;",
        "(c) Report back.",
        "3.Next.",
        kind=DocumentKind.CONCLUDING_OBSERVATIONS,
    )
    two = document.paragraph("2")
    assert two is not None
    assert [(s.label, s.text) for s in two.sub_items] == [
        ("a", "Adopt a law;"),
        ("b", "Train judges and prosecutors;"),
        ("c", "Report back."),
    ]
    assert two.text == (
        "The Committee recommends that the State party: (a) Adopt a law; (b) Train judges and "
        "prosecutors; (c) Report back."
    )


# --- headings ----------------------------------------------------------------------------------


def test_roman_letters_and_the_letter_i_after_h() -> None:
    lines = ["I.Introduction", "1.One.", "II.Articles"]
    for n, letter in enumerate("ABCDEFGHI", start=2):
        lines += [f"{letter}.Topic {letter}", f"{n}.Text {n}."]
    lines += ["III.Conclusion", "11.Last."]
    document = _doc(*lines)
    levels = [(h.label, h.level) for h in document.headings]
    assert levels[:3] == [("I", 1), ("II", 1), ("A", 2)]
    assert ("I", 2) in levels  # the ninth letter, under II
    assert levels[-1] == ("III", 1)
    assert document.paragraph("10").headings == ("II. Articles", "I. Topic I")  # type: ignore[union-attr]
    assert document.paragraph("11").headings == ("III. Conclusion",)  # type: ignore[union-attr]


def test_label_alone_on_its_line_then_the_heading_text() -> None:
    document = _doc("A.", "", "Introduction", "1.", "Text one.", "2.Two.", "3.Three.")
    assert [(h.label, h.text) for h in document.headings] == [("A", "Introduction")]
    assert document.paragraph("1").headings == ("A. Introduction",)  # type: ignore[union-attr]


def test_restarting_enumerators_are_headings_not_paragraphs() -> None:
    document = _doc(
        "1.One.",
        "2.Two.",
        "A.Rights",
        "1.  Right to life",
        "3.Three.",
        "2.",
        "Right to health",
        "4.Four.",
        "3. Right to education and to participate in the cultural life,",
        "and in public affairs",
        "5.Five.",
    )
    assert _ids(document) == ["1", "2", "3", "4", "5"]
    assert document.paragraph("5").headings == (  # type: ignore[union-attr]
        "A. Rights",
        "3. Right to education and to participate in the cultural life, and in public affairs",
    )


def test_an_enumerator_equal_to_the_next_paragraph_number() -> None:
    # "3. Topic" right above "3." is a sub-section heading, then paragraph 3.
    document = _doc("1.One.", "2.Two.", "3. Right to health", "3.Three.", "4.Four.")
    assert _ids(document) == ["1", "2", "3", "4"]
    assert document.headings[0].text == "Right to health"


def test_unnumbered_topic_headings_between_paragraphs() -> None:
    document = _doc(
        "1.One.",
        "2.Two ends here.",
        "Statelessness",
        "3.Three:",
        "Improving legislation",
        "Institution-building",
        "4.Four.",
    )
    assert [h.text for h in document.headings] == ["Statelessness"]
    assert document.paragraph("3").text == "Three: Improving legislation Institution-building"  # type: ignore[union-attr]


# --- State report: follow-up headings and narrowing --------------------------------------------


def test_follow_up_heading_and_lone_marker_narrowing() -> None:
    document = _doc(
        "CERD/C/XYZ/5",
        "1.This report answers CERD/C/XYZ/CO/4.",
        "2.Two.",
        "A.Hate speech",
        "Follow-up information relating to paragraphs 17 and 18 (a)–(b) of the concluding "
        "observations",
        "3.General reply.",
        "(a)",
        "4.On (a).",
        "(b)",
        "A topic line",
        "5.On (b).",
        "B.Other",
        "6.Not under any follow-up heading (see para. 6.1).",
        "7.As asked in paragraph 45 of the concluding observations.",
    )
    assert document.kind is DocumentKind.STATE_REPORT
    assert document.answers_symbol == "CERD/C/XYZ/CO/4"
    responds = {p.id: list(p.responds_to) for p in document.paragraphs}
    assert responds["3"] == ["17", "18(a)", "18(b)"]
    assert responds["4"] == ["17", "18(a)"]
    assert responds["5"] == ["17", "18(b)"]
    assert responds["6"] == []
    assert responds["7"] == ["45"]


def test_follow_up_reply_information_headings() -> None:
    document = _doc(
        "CERD/C/XYZ/FCO/4",
        "I. Introduction",
        "1.Intro.",
        "2.Intro.",
        "A.",
        "Information relating to paragraph 36 (b) and (c)",
        "3.Reply.",
    )
    assert document.paragraph("3").responds_to == ("36(b)", "36(c)")  # type: ignore[union-attr]


@pytest.mark.parametrize("item_end", [".", ""], ids=["after-full-stop", "unpunctuated"])
def test_a_reply_heading_glued_to_a_bullet_line_starts_its_own_block(
    tmp_path: Path, item_end: str
) -> None:
    """A follow-up reply laid out as CERD/C/BRA/FCO/18-20 is, but its bullets pasted so that the
    next reply heading ran into the last bullet's line: the heading is split off and the text
    under it answers the paragraph it names."""
    reply = tmp_path / "reply.txt"
    reply.write_text(
        "CERD/C/BRA/FCO/18-20\n\n"
        "Information received from Brazil on follow-up to the concluding observations\n\n"
        "Information relating to paragraph 17 (a)\n\n"
        "The Ministry of Health has taken the following measures:\n"
        "• a national vaccination campaign for Quilombola communities;\n"
        f"• mobile health units in Indigenous territories{item_end} "
        "Information relating to paragraph 19 (c)\n"
        "Concerning Quilombola School Education, the National Policy was adopted in 2023.\n",
        encoding="utf-8",
    )
    document = read_document(reply, kind=DocumentKind.STATE_REPORT)
    bullet = next(p for p in document.paragraphs if "mobile health units" in p.text)
    after = next(p for p in document.paragraphs if "Quilombola School" in p.text)
    assert bullet.text == f"• mobile health units in Indigenous territories{item_end}"
    assert bullet.responds_to == ("17(a)",)
    assert after.headings[-1] == "Information relating to paragraph 19 (c)"
    assert after.responds_to == ("19(c)",)
    assert input_words(reply.read_text(encoding="utf-8").split("\n")) <= kept_words(document)


# --- footnotes, endnotes, pages ----------------------------------------------------------------


def test_page_furniture_and_page_foot_notes() -> None:
    document = _doc(
        "CERD/C/XYZ/CO/1",
        "Concluding observations on the report of Xland",
        "1.",
        "The Committee considered the report of Xland,1 at its",
        "meetings.2",
        "",
        "1",
        "2",
        "",
        "CERD/C/XYZ/1.",
        "CERD/C/SR.1.",
        "",
        "GE.22-12345(E)",
        "\fCERD/C/XYZ/CO/1",
        "",
        "2.",
        "Second paragraph.",
        "3.",
        "Third.",
        "",
        "2",
        "",
    )
    assert _ids(document) == ["1", "2", "3"]
    assert [(f.id, f.text) for f in document.footnotes] == [
        ("1", "CERD/C/XYZ/1."),
        ("2", "CERD/C/SR.1."),
    ]
    one = document.paragraph("1")
    assert one is not None
    assert one.text == "The Committee considered the report of Xland, at its meetings."
    assert one.footnotes == ("1", "2")


def test_endnotes_never_become_paragraphs() -> None:
    document = _doc(
        "1.One.1",
        "2.Two.2",
        "3.Three.",
        "Notes",
        "1",
        "A/HRC/1/2.",
        "2 Ibid., para. 4.",
        "3. Not a paragraph either.",
    )
    assert _ids(document) == ["1", "2", "3"]
    assert [f.id for f in document.footnotes] == ["1", "2"]
    assert document.footnotes[1].text == "Ibid., para. 4. 3. Not a paragraph either."


def test_reader_footnotes_and_anchors_are_kept() -> None:
    source = SourceText(
        "x.docx",
        ["1.One.", "2.Two.", "3.Three."],
        footnotes=[Footnote("1", "CERD/C/XYZ/1.")],
        footnote_anchors={1: ["1"]},
    )
    document = segment(source)
    assert document.paragraph("2").footnotes == ("1",)  # type: ignore[union-attr]
    assert document.footnotes == [Footnote("1", "CERD/C/XYZ/1.")]


def test_word_list_numbers_count_as_printed() -> None:
    source = SourceText(
        "x.docx",
        ["A. Introduction", "One.", "Recommends:", "Adopt;", "Train.", "Three."],
        list_numbers={1: "1.", 2: "2.", 3: "(a)", 4: "b.", 5: "3"},
    )
    document = segment(source)
    assert _ids(document) == ["1", "2", "3"]
    assert [s.label for s in document.paragraph("2").sub_items] == ["a", "b"]  # type: ignore[union-attr]


# --- unnumbered documents ----------------------------------------------------------------------


def test_letters_get_blocks_with_stable_ids() -> None:
    lines = [
        "26 January 2016",
        "",
        "Excellency,",
        "",
        "The Committee welcomes the report on paragraphs 8 and 15 of the Concluding "
        "Observations (CERD/C/XYZ/CO/6-7).",
        "",
        "**Paragraph 8 of the Concluding Observations:** The Committee thanks the State party.",
        "",
        "**Paragraph 15 of the Concluding Observations:** The Committee welcomes the law.",
        "",
        "Yours sincerely,",
    ]
    first, second = _doc(*lines), _doc(*lines)
    assert first.kind is DocumentKind.COMMITTEE_LETTER
    assert first.date == "26 January 2016"
    assert _ids(first) == _ids(second) == ["b1", "b2", "b3", "b4", "b5", "b6"]
    responds = [list(p.responds_to) for p in first.paragraphs]
    assert responds == [[], [], ["8", "15"], ["8"], ["15"], []]
    assert first.paragraphs[3].text == "The Committee thanks the State party."


def test_statement_blocks_from_wrapped_text() -> None:
    document = _doc(
        "Statement on migrants",
        "FIDH would like to draw the attention of the Committee to the situation of migrant",
        "workers, asylum seekers and refugees in the country concerned.",
        "Article 7 on torture",
        "In violation of the obligation not to commit refoulement, many asylum seekers and",
        "refugees have been returned to their countries of origin.",
        "- Unpaid labour",
        "- Confiscation of passports",
    )
    assert document.kind is DocumentKind.EVIDENCE
    assert [h.text for h in document.headings] == ["Statement on migrants", "Article 7 on torture"]
    assert [p.text for p in document.paragraphs][-2:] == [
        "- Unpaid labour",
        "- Confiscation of passports",
    ]
    assert document.paragraphs[1].headings == ("Article 7 on torture",)


# --- edge inputs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [[], [""], ["\f"], ["   "], ["."], ["A."], ["(a)"], ["1."], ["Notes"], ["I.", "II."]],
)
def test_degenerate_inputs(lines: list[str]) -> None:
    document = _doc(*lines)
    assert input_words(lines) <= kept_words(document)


def test_kind_and_symbol_overrides() -> None:
    document = segment(
        SourceText("x", ["1.One.", "2.Two.", "3.Three."]),
        kind=DocumentKind.EVIDENCE,
        symbol="CERD/C/XYZ/1*",
    )
    assert (document.kind, document.symbol) == (DocumentKind.EVIDENCE, "CERD/C/XYZ/1")


# --- properties --------------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "1.",
        "2.",
        "3.",
        "12.",
        "2.Text here.",
        "1.Since gaining",
        "4.\tTabbed",
        "(a)",
        "(b)",
        "(a)Inline item;",
        "(iv)",
        "A.",
        "B.Topic",
        "H.Stateless",
        "I.Trafficking",
        "IV.Article 2",
        "Notes",
        "Endnotes",
        "\f",
        "",
        " ",
        "*",
        "** Adopted",
        "* Reissued",
        "17",
        "3 Ibid.",
        "CERD/C/KAZ/CO/8-10",
        "CERD/C/KAZ/11-14",
        "GE.22-27770(E)",
        "United Nations",
        "Distr.: General",
        "27 October 2025",
        "Concluding observations on Xland",
        "Follow-up information relating to paragraphs 21 and 22 (a)–(c) of the concluding "
        "observations",
        "Information relating to paragraph 36 (b) and (c)",
        "Paragraph 8 of the Concluding Observations: The Committee thanks",
        "The Committee is concerned about",
        "The Committee recommends that the State party:",
        "see para. 6.1",
        "paragraph 24 of the Action Plan",
        "Excellency,",
        "Yours sincerely,",
        "H.E. Mr. Someone",
        "- bullet item",
        "lowercase continuation",
        "Short Heading",
        "ends with a period.",
        "Brazil,1 submitted",
        "first.4",
        "requests the State party to provide, within one year",
        "particular importance of the recommendations contained in paragraphs 3 (a)",
        # Pasted and run-in layouts, replies and other languages (issue 10).
        "Views under the Optional Protocol 5. The Committee",
        "the end of a sentence. Domestic violence",
        "3. Ends here. Heading glued 4. Next paragraph",
        "a)",
        "b) De ratifier",
        "ii) Item",
        "Reply to paragraph 5 (a) of the list of issues",
        "Respuesta al párrafo 3 b) de la lista de cuestiones",
        "Información de seguimiento sobre el párrafo 29 a) de las observaciones finales",
        "Renseignements relatifs au paragraphe 12",
        "As for Recommendation No. 32",
        "Paragraph 11 (a)",
        "Information regarding the recommendation contained in",
        "paragraph 11 of the concluding observations",
        "[Date received: 23 August 2016]",
        "CRPD/C/AUT/CO/2-3\uf02a",
        "\uf02a\uf031\uf035\uf030\uf039\uf02a",
        "Introduction",
        "Le Comité recommande à l’État partie :",
        "Al Comité le preocupa:",
        "Observaciones finales sobre el informe inicial de Grecia",
        "A/HRC/36/11 and A/HRC/36/2.",
        "United Nations country team submission, paras. 64–65.",
        "(see also reply to paragraph 28)",
        "63.",
    ]
)
_line = st.one_of(
    _pieces,
    st.lists(_pieces, min_size=1, max_size=4).map(" ".join),
    st.text(max_size=40),
)
_lines = st.lists(_line, max_size=60)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines)
def test_segment_never_raises_and_drops_no_word(lines: list[str]) -> None:
    document = segment(SourceText("prop.txt", lines))
    assert input_words(lines) <= kept_words(document)
    ids = [p.id for p in document.paragraphs]
    assert len(ids) == len(set(ids))  # numbers only ever increase; blocks count up
    document.to_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.sampled_from(["fr", "es"]))
def test_no_word_is_dropped_in_french_and_spanish_either(lines: list[str], code: str) -> None:
    document = segment(SourceText("prop.txt", lines), language=code)
    assert input_words(lines) <= kept_words(document)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
@example("A<>A")  # angle brackets that are no tag stay text: "A<>A" is not the word "AA"
def test_segment_never_raises_on_arbitrary_text(text: str) -> None:
    lines = text.split("\n")
    document = segment(SourceText("any.txt", lines))
    assert input_words(lines) <= kept_words(document)


@settings(max_examples=100, deadline=None)
@given(_lines)
def test_segmentation_is_deterministic(lines: list[str]) -> None:
    first = segment(SourceText("a.txt", lines)).to_json()
    second = segment(SourceText("a.txt", list(lines))).to_json()
    assert first == second


def test_a_docx_masthead_table_row() -> None:
    document = _doc(
        "United Nations | CERD/C/XYZ/CO/3*",
        "Distr.: General | 5 May 2020",
        "Committee on the Elimination of Racial Discrimination",
        "Concluding observations on the third periodic report of Xland",
        "A. Introduction",
        "1. One.",
        "2. Two.",
        "3. Three.",
    )
    assert (document.kind, document.symbol) == (
        DocumentKind.CONCLUDING_OBSERVATIONS,
        "CERD/C/XYZ/CO/3",
    )
    assert (document.date, document.title) == (
        "5 May 2020",
        "Concluding observations on the third periodic report of Xland",
    )
    assert _ids(document) == ["1", "2", "3"]


def test_page_numbers_left_in_text_are_not_footnote_markers() -> None:
    # pdftotext output pasted without its form feeds: a running header, a job number and a
    # page number sit between two lines of paragraph 2.
    document = _doc(
        "CERD/C/XYZ/CO/1",
        "Concluding observations on the report of Xland",
        "1.",
        "The Committee considered the report.",
        "2.",
        "The Committee welcomes",
        "7",
        "GE.22-12345(E)",
        "CERD/C/XYZ/CO/1",
        "the dialogue.",
        "3.",
        "Third.",
    )
    two = document.paragraph("2")
    assert two is not None
    assert (two.text, two.footnotes) == ("The Committee welcomes the dialogue.", ())


def test_four_digit_paragraph_numbers_only_in_sequence() -> None:
    lines = [f"{n}.Paragraph {n}." for n in range(1, 1003)]
    lines.insert(500, "2019. A year at the start of a line is no paragraph.")
    document = _doc(*lines)
    assert _ids(document) == [str(n) for n in range(1, 1003)]
    assert document.paragraph("500").text.endswith("no paragraph.")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Combined eleventh to fourteenth periodic reports submitted by Xland", "state-report"),
        (
            "Information received from Xland on follow-up to the concluding observations",
            "state-report",
        ),
        (
            "Concluding observations on the fifth periodic report of Xland",
            "concluding-observations",
        ),
    ],
)
def test_kind_from_the_title_when_no_symbol_says_it(title: str, kind: str) -> None:
    document = _doc(
        "United Nations",
        "Distr.: General",
        title,
        "I. Introduction",
        "1.One.",
        "2.Two.",
        "3.Three.",
    )
    assert (document.kind.value, document.title) == (kind, title)
