"""Exact quotations: what the report puts inside quotation marks is what the source says.

A quoted excerpt is the opening of a source paragraph cut at a real sentence end: a full stop,
question or exclamation mark followed by the start of a new sentence (a capital letter, or an
opening mark or bracket before one), where the word before the full stop is not an abbreviation
("No.", "para.", "art.", "núm.", "Sr.", "M." or any initial "J."). A paragraph with no such end
is quoted whole. Nothing is added (no ellipsis) and nothing is changed: the excerpt is a
substring of the paragraph, from its first character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.project.report.language import all_abbreviations

EXCERPT_WORDS = 45  # whole sentences are added while the excerpt stays within this many words

# A candidate end: ".", "!" or "?", closing marks after it, then space and what may open the
# next sentence. "…" is not an end: in UN documents it marks an omission inside a sentence.
_END = re.compile(r"[.!?][\"”’»)\]]*(?=\s+[\"“‘«(\[]*[A-ZÀ-ÖØ-Þ])")
_OPENING = '("“‘«[¿¡'
_INITIALS = re.compile(r"(?:[A-Za-zÀ-ÿ]\.)+")  # "J.", "U.N.", "e.g."
_ROMAN_OR_LETTER = re.compile(r"[A-Z]")


def _word_before(text: str, dot: int) -> str:
    """The word that the full stop at `dot` ends, with the stop: "No.", "(para."."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start : dot + 1].lstrip(_OPENING)


def is_abbreviation(word: str, abbreviations: frozenset[str] | None = None) -> bool:
    """Whether `word` (ending in a full stop) is an abbreviation rather than a sentence end."""
    known = all_abbreviations() if abbreviations is None else abbreviations
    if word.lower() in known:
        return True
    core = word[:-1]
    # An initial ("J.", "M.") or letters with stops ("U.N.", "e.g."): never a sentence end.
    return bool(core) and (
        _ROMAN_OR_LETTER.fullmatch(core) is not None
        or bool(_INITIALS.fullmatch(word) and len(word) > 2)
    )


def sentence_ends(text: str, abbreviations: frozenset[str] | None = None) -> Iterator[int]:
    """Offsets just after each real sentence end in `text` (the end of the text not included)."""
    for m in _END.finditer(text):
        punct = m.start()
        if text[punct] == "." and is_abbreviation(_word_before(text, punct), abbreviations):
            continue
        yield m.end()


def excerpt(
    text: str, words: int = EXCERPT_WORDS, abbreviations: frozenset[str] | None = None
) -> str:
    """The paragraph's first sentences, whole, within `words` words (at least the first
    sentence, however long); the whole paragraph when it has no sentence end before its end."""
    text = text.strip()
    if len(text.split()) <= words:
        return text
    chosen = 0
    for end in sentence_ends(text, abbreviations):
        if chosen and len(text[:end].split()) > words:
            break
        chosen = end
    return text[:chosen] if chosen else text


def find_span(paragraph: str, span: str) -> str | None:
    """The author's chosen quotation as it stands in `paragraph` (spaces may differ), or None
    when the paragraph no longer says it."""
    span = span.strip()
    if not span:
        return None
    if span in paragraph:
        return span
    pattern = r"\s+".join(re.escape(w) for w in span.split())
    m = re.search(pattern, paragraph)
    return m.group() if m else None
