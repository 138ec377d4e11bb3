"""Properties of the page cleanup on arbitrary pdftotext-style text (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.documents.read_text import source_from_text
from drafter.errors import ReadError

# Lines of letters, spaces and punctuation: no digit or asterisk, so nothing can be a page
# number, a footnote marker or a job number, and unique lines, so nothing repeats as a
# running header. Then no letter may be lost or reordered.
_WORDY_LINE = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ .,;:()-–’éя"),
    min_size=1,
    max_size=40,
)
_ANY_LINE = st.text(
    alphabet=st.sampled_from("abcXYZ 0123456789.,;:()-*\t/é"), min_size=0, max_size=30
)


def _letters(text: str) -> str:
    return re.sub(r"[^\w]|[\d_]", "", text)


@settings(max_examples=150, deadline=None)
@given(
    # Unique as the running-header test compares lines (blanks folded).
    st.lists(_WORDY_LINE, min_size=1, max_size=60, unique_by=lambda line: " ".join(line.split())),
    st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=10),
)
def test_no_letter_is_dropped_or_reordered(lines: list[str], page_sizes: list[int]) -> None:
    pages: list[list[str]] = []
    rest = list(lines)
    for size in page_sizes:
        if rest:
            pages.append(rest[:size])
            rest = rest[size:]
    if rest:
        pages.append(rest)
    text = "\f".join("\n".join(page) for page in pages)
    try:
        source = source_from_text(text, "sample.txt")
    except ReadError:
        assert not text.strip()
        return
    assert _letters("".join(source.lines)) == _letters("".join(lines))
    assert source.footnotes == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ANY_LINE, max_size=12), min_size=1, max_size=8))
def test_arbitrary_pages_never_raise_anything_but_a_read_error(pages: list[list[str]]) -> None:
    text = "\f".join("\n".join(page) for page in pages)
    try:
        source = source_from_text(text, "sample.txt")
    except ReadError:
        assert not text.strip()
        return
    assert all(0 <= index < len(source.lines) for index in source.footnote_anchors)
    ids = [note.id for note in source.footnotes]
    assert len(ids) == len(set(ids))
