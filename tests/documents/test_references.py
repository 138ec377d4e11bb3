"""The reference grammar: paragraph lists, ranges, sub-items, qualifiers and scopes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.documents.model import ReferenceScope
from drafter.documents.references import (
    ReferenceContext,
    expand_paragraph_list,
    expand_sub_range,
    find_references,
)

CO = ReferenceScope.CONCLUDING_OBSERVATIONS
INTERNAL = ReferenceScope.INTERNAL
OTHER = ReferenceScope.OTHER
KAZ_CO = "CERD/C/KAZ/CO/8-10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45", ["45"]),
        ("paragraph 45", ["45"]),
        ("paragraphs 21 and 22 (a)–(c)", ["21", "22(a)", "22(b)", "22(c)"]),
        ("paras. 16–18", ["16", "17", "18"]),
        ("paras 16-18", ["16", "17", "18"]),
        ("para. 54", ["54"]),
        ("paragraphs 16, 22, 28 and 42", ["16", "22", "28", "42"]),
        ("17 (b)-(c) and (e)-(f)", ["17(b)", "17(c)", "17(e)", "17(f)"]),
        (
            "17 (a), 19 (c), 23 (a) and 36 (a)–(d)",
            ["17(a)", "19(c)", "23(a)", "36(a)", "36(b)", "36(c)", "36(d)"],
        ),
        ("paragraph 36 (b) and (c)", ["36(b)", "36(c)"]),
        ("36 (a) to (d)", ["36(a)", "36(b)", "36(c)", "36(d)"]),
        ("22 (d)", ["22(d)"]),
        ("22(a)", ["22(a)"]),
        ("100 (k) (iv)", ["100(k)(iv)"]),
        ("100 (k) (i)–(iii)", ["100(k)(i)", "100(k)(ii)", "100(k)(iii)"]),
        ("12 (i)–(iii)", ["12(i)", "12(ii)", "12(iii)"]),
        ("12 (h)–(j)", ["12(h)", "12(i)", "12(j)"]),
        ("5, 6, and 7", ["5", "6", "7"]),
        ("5; 6; and 7", ["5", "6", "7"]),
        ("16 and 16", ["16"]),
        # Topics in parentheses between the numbers (CO follow-up and importance paragraphs).
        (
            "17 (a) (right to health and the impact of the COVID-19 pandemic), 19 (c) "
            "(disparities in access to education), 23 (a) (poverty, work and income) and "
            "36 (a)–(d) (excessive use of force by law enforcement and military officials)",
            ["17(a)", "19(c)", "23(a)", "36(a)", "36(b)", "36(c)", "36(d)"],
        ),
        (
            "paragraphs 17 (a) (right to health); 19 (c) (education); 23 (a) (poverty); "
            "and 36 (a) to (d) (use of force)",
            ["17(a)", "19(c)", "23(a)", "36(a)", "36(b)", "36(c)", "36(d)"],
        ),
        ("33 (racially motivated homicides), 46 (human rights defenders)", ["33", "46"]),
        ("", []),
        ("of the concluding observations", []),
        ("18 to 16", ["18"]),  # a backwards range is not expanded into nonsense
    ],
)
def test_expand_paragraph_list(text: str, expected: list[str]) -> None:
    assert expand_paragraph_list(text) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("a", "d", ["a", "b", "c", "d"]),
        ("i", "iv", ["i", "ii", "iii", "iv"]),
        ("ii", "v", ["ii", "iii", "iv", "v"]),
        ("h", "j", ["h", "i", "j"]),
        ("c", "a", ["c", "a"]),
    ],
)
def test_sub_item_ranges(first: str, last: str, expected: list[str]) -> None:
    assert expand_sub_range(first, last) == expected


def _refs(text: str, **context: object) -> list[tuple[tuple[str, ...], ReferenceScope, object]]:
    ctx = ReferenceContext(**context)  # type: ignore[arg-type]
    return [(r.targets, r.scope, r.symbol) for r in find_references(text, ctx)]


STATE_REPORT = {"answers_symbol": KAZ_CO, "default_scope": CO}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "the Committee's key recommendations, contained in paragraphs 16, 22, 28 and 42 "
            "of the concluding observations, concerning freedom of expression",
            [(("16", "22", "28", "42"), CO, KAZ_CO)],
        ),
        ("within the deadline (concluding observations, para. 54).", [(("54",), CO, KAZ_CO)]),
        ("paragraph 45", [(("45",), CO, KAZ_CO)]),
        (
            "recommendations made in paragraph 42 of the concluding observations, which",
            [(("42",), CO, KAZ_CO)],
        ),
        ("See CERD/C/KAZ/CO/8-10, para. 16.", [(("16",), CO, KAZ_CO)]),
        (
            "CERD/C/KAZ/CO/6-7, para. 16; ibid., para. 17.",
            [
                (("16",), OTHER, "CERD/C/KAZ/CO/6-7"),
                (("17",), OTHER, "CERD/C/KAZ/CO/6-7"),
            ],
        ),
        (
            "CERD/C/KAZ/CO/8-10, paras. 16–18; ibid., para. 20 (b).",
            [
                (("16", "17", "18"), CO, KAZ_CO),
                (("20(b)",), CO, KAZ_CO),
            ],
        ),
        (
            "has taken steps to improve its legislation (see para. 6.1).",
            [(("6.1",), INTERNAL, None)],
        ),
        ("when interpreting rules of law (see para. 8.1)", [(("8.1",), INTERNAL, None)]),
        ("as described in paragraph 12 above", [(("12",), INTERNAL, None)]),
        ("see annex No. 4 to the report", [(("annex 4",), INTERNAL, None)]),
        ("(see annexes 1 and 2 to the report)", [(("annex 1", "annex 2"), INTERNAL, None)]),
        ("the annex to resolution 60/147", []),
        (
            "In accordance with paragraph 24 of the Action Plan on Human Rights",
            [(("24",), OTHER, None)],
        ),
        (
            "Furthermore, paragraph 16 of the competition regulations for staff",
            [(("16",), OTHER, None)],
        ),
        ("General Assembly resolution 70/1, para. 4.", [(("4",), OTHER, None)]),
        ("A/HRC/46/35, paras. 41, 44 and 75.", [(("41", "44", "75"), OTHER, "A/HRC/46/35")]),
        ("paragraphs 8 and 9 of CERD/C/KAZ/CO/6-7", [(("8", "9"), OTHER, "CERD/C/KAZ/CO/6-7")]),
        ("No paragraph numbers here at all.", []),
        ("paragraphs of particular importance", []),
    ],
)
def test_references_in_a_state_report(text: str, expected: list[object]) -> None:
    assert _refs(text, **STATE_REPORT) == expected


def test_letter_names_the_co_it_answers() -> None:
    text = (
        "the recommendations contained in paragraphs 8, 15 and 18 of the Concluding "
        "Observations (CERD/C/KAZ/CO/6-7), adopted"
    )
    refs = find_references(text, ReferenceContext(answers_symbol="CERD/C/KAZ/CO/6-7"))
    assert [(r.targets, r.scope, r.symbol) for r in refs] == [
        (("8", "15", "18"), CO, "CERD/C/KAZ/CO/6-7")
    ]
    assert refs[0].span.startswith("paragraphs 8, 15 and 18 of the Concluding Observations")


def test_without_an_answered_symbol_any_co_symbol_is_concluding_observations() -> None:
    assert _refs("CERD/C/64/CO/2, para. 18.") == [(("18",), CO, "CERD/C/64/CO/2")]
    assert _refs("CERD/C/BRA/18-20, para. 67.") == [(("67",), OTHER, "CERD/C/BRA/18-20")]


def test_ibid_threads_through_consecutive_footnotes() -> None:
    ctx = ReferenceContext()
    first = find_references("CED/C/BRA/CO/1, para. 9.", ctx)
    second = find_references("Ibid., para. 15.", ctx)
    assert first[0].symbol == second[0].symbol == "CED/C/BRA/CO/1"
    assert second[0].targets == ("15",)


def test_a_symbol_qualified_span_starts_at_the_symbol() -> None:
    ref = find_references("See CERD/C/KAZ/CO/8-10, para. 16.", ReferenceContext())[0]
    assert ref.span == "CERD/C/KAZ/CO/8-10, para. 16"


def test_ibid_after_a_note_that_cites_a_symbol_without_a_paragraph() -> None:
    ctx = ReferenceContext()
    assert find_references("A/HRC/46/32/Add.1.", ctx) == []
    (ref,) = find_references("Ibid., para. 122.", ctx)
    assert (ref.symbol, ref.targets) == ("A/HRC/46/32/Add.1", ("122",))


def test_ibid_without_a_previous_symbol_is_other() -> None:
    assert _refs("Ibid., para. 17.") == [(("17",), OTHER, None)]


def test_default_scope_in_a_co_is_internal() -> None:
    assert _refs("paragraphs 17 (a) and 19 (c)", default_scope=INTERNAL) == [
        (("17(a)", "19(c)"), INTERNAL, None)
    ]


# --- properties ------------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        "paragraph",
        "paragraphs",
        "para.",
        "paras.",
        "and",
        ",",
        ";",
        "(a)",
        "(b)",
        "(iv)",
        "–",
        "-",
        "to",
        "of the concluding observations",
        "(",
        ")",
        "see",
        "ibid.",
        "CERD/C/KAZ/CO/8-10",
        "annex No.",
        " ",
        "of the Action Plan",
        "above",
    ]
)
_numbers = st.integers(min_value=0, max_value=9999).map(str)
_texts = st.lists(st.one_of(_pieces, _numbers, st.text(max_size=5)), max_size=40).map(" ".join)


@given(_texts)
def test_find_references_never_raises_and_spans_come_from_the_text(text: str) -> None:
    for ref in find_references(text, ReferenceContext(answers_symbol=KAZ_CO, default_scope=CO)):
        assert ref.span and ref.span in text
        assert ref.targets
        assert len(ref.targets) <= 200 * 26


@given(st.text(max_size=300))
def test_expand_paragraph_list_never_raises_on_any_text(text: str) -> None:
    for target in expand_paragraph_list(text):
        assert target[0].isdigit()


@given(
    st.lists(st.integers(min_value=1, max_value=300), min_size=1, max_size=8, unique=True),
    st.sampled_from([", ", "; "]),
)
def test_a_printed_list_expands_to_its_numbers(numbers: list[int], separator: str) -> None:
    printed = [str(n) for n in numbers]
    text = printed[0] if len(printed) == 1 else separator.join(printed[:-1]) + " and " + printed[-1]
    assert expand_paragraph_list(text) == printed


@given(
    st.integers(min_value=1, max_value=500),
    st.integers(min_value=0, max_value=30),
    st.sampled_from(["–", "-", " to "]),
)
def test_ranges_expand_to_every_number(start: int, width: int, dash: str) -> None:
    text = f"paras. {start}{dash}{start + width}"
    assert expand_paragraph_list(text) == [str(n) for n in range(start, start + width + 1)]


@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=25),
    st.integers(min_value=0, max_value=25),
)
def test_sub_item_ranges_expand_to_every_letter(number: int, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    first, last = chr(ord("a") + lo), chr(ord("a") + hi)
    if first == "i":  # "(i)–(…)" reads as Roman numerals, tested above
        return
    targets = expand_paragraph_list(f"{number} ({first})–({last})")
    if first == last:
        assert targets == [f"{number}({first})"]
    else:
        assert targets == [f"{number}({chr(c)})" for c in range(ord(first), ord(last) + 1)]


_topics = st.sampled_from(["", " (right to health)", " (poverty, work and income)", " (a topic)"])


@st.composite
def _printed_lists(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A list as a CO prints it, and the ids it names: "17 (a)–(c) (topic), 19 and 23 (b)"."""
    numbers = draw(st.lists(st.integers(1, 300), min_size=1, max_size=6, unique=True))
    printed: list[str] = []
    expected: list[str] = []
    for n in numbers:
        kind = draw(st.sampled_from(["plain", "one", "range", "pair"]))
        if kind == "plain":
            printed.append(str(n))
            expected.append(str(n))
        elif kind == "one":
            letter = draw(st.sampled_from("abcdefgh"))
            printed.append(f"{n} ({letter})")
            expected.append(f"{n}({letter})")
        elif kind == "range":
            first, last = sorted(
                draw(st.lists(st.sampled_from("abcdefgh"), min_size=2, max_size=2))
            )
            dash = draw(st.sampled_from(["–", "-", " to "]))
            printed.append(f"{n} ({first}){dash}({last})")
            expected.extend(f"{n}({chr(c)})" for c in range(ord(first), ord(last) + 1))
        else:
            printed.append(f"{n} (b) and (d)")
            expected.extend([f"{n}(b)", f"{n}(d)"])
        printed[-1] += draw(_topics)
    separator = draw(st.sampled_from([", ", "; "]))
    text = printed[0]
    if len(printed) > 1:
        text = (
            separator.join(printed[:-1]) + draw(st.sampled_from([" and ", ", and "])) + printed[-1]
        )
    keyword = draw(st.sampled_from(["", "paragraphs ", "paras. "]))
    return keyword + text, list(dict.fromkeys(expected))


@given(_printed_lists())
def test_printed_lists_expand_to_what_they_name(case: tuple[str, list[str]]) -> None:
    text, expected = case
    assert expand_paragraph_list(text) == expected
