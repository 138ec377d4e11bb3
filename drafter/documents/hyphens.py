"""Words broken at a line end: whether the hyphen is the word's own or only the line break's.

Every reader meets "Afro-" / "Brazilians" and "recommen-" / "dation": pdfium marks a hyphen at
a line end (U+FFFE) and often joins the two lines itself, pdftotext and pasted text leave the
hyphen at the end of the line, Word keeps a manual line break inside a paragraph. One rule
decides for all of them (`keeps_hyphen`), so a word reads the same whichever format it came in:

1. A capital or a digit after the hyphen, or a web address before it, keeps it:
   "Afro-Brazilians", "Inter-American", "COVID-19", "…/press-releases".
2. The document's own spelling decides next: "anti-discrimination" elsewhere in it keeps the
   hyphen, "cooperation" drops it.
3. A soft hyphen (U+00AD) only ever marks a line break: it goes.
4. The language's Hunspell dictionary (`dictionaries.py`): when the joined word is a word and
   its halves are not both words ("recommen" + "dation"), the hyphen goes; when both halves are
   words ("ill-treatment", "long-standing", "health-care") or the joined word is none, it stays.
   Without a dictionary the hyphen stays: a hyphen kept never turns two words into a wrong one.

The dictionary is loaded only for a break the document does not decide, which in UN documents
(typeset without hyphenation) is rare.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

# What readers find where a word is broken: a printed hyphen, pdfium's mark for a hyphen at a
# line end (U+FFFE; U+0002 in older versions), a soft hyphen.
SOFT_HYPHEN = "\u00ad"
BREAK_MARKS = "-\ufffe\u0002" + SOFT_HYPHEN
_MARK_RE = re.compile("[\ufffe\u0002\u00ad]")
_TAIL_RE = re.compile(r"\w+")
_UNLOADED = object()


class Vocabulary:
    """The document's own words, and its language's dictionary, for the breaks to decide.

    Both are looked at only when a break needs deciding, which most lines never do: the
    document's text is joined on the first question, the dictionary loaded on the first the
    text leaves open (for the `language` given, else the one its words say).
    """

    def __init__(self, texts: Callable[[], Iterable[str]], language: str | None = None) -> None:
        self._texts = texts
        self.language = language
        self.text: str | None = None
        self._seen: dict[str, bool] = {}
        self._dictionary: Any = _UNLOADED

    def __contains__(self, word: object) -> bool:
        """Whether the document itself uses `word` (lower case) standing alone."""
        if not isinstance(word, str):
            return False
        if word not in self._seen:
            self._seen[word] = _has_word(self._lowered(), word)
        return self._seen[word]

    def spelled(self, word: str) -> bool | None:
        """Whether the language's dictionary knows `word`; None without a dictionary."""
        if self._dictionary is _UNLOADED:
            from drafter.documents.dictionaries import dictionary
            from drafter.documents.language import registry

            code = self.language or registry().detect(self._lowered())
            self._dictionary = dictionary(code)
        if self._dictionary is None:
            return None
        return bool(self._dictionary.spell(word))

    def _lowered(self) -> str:
        if self.text is None:
            self.text = "\n".join(self._texts()).lower()
        return self.text


def _has_word(text: str, word: str) -> bool:
    """`word` standing alone in `text` (a plain substring search is far faster than a regex)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            return True
        start = text.find(word, start + 1)
    return False


def keeps_hyphen(left: str, right: str, vocabulary: Vocabulary, soft: bool = False) -> bool:
    """Whether a word broken after `left` (its hyphen, or mark, left out) and going on with
    `right` keeps its hyphen; `soft` when the mark is a soft hyphen (see the module's rules)."""
    first, tail = _word_before(left, len(left.removesuffix("\n"))), _TAIL_RE.match(right)
    if not first or tail is None:
        return True
    second = tail.group()
    if second[0].isupper() or not (first.isalpha() and second.isalpha()):
        return True  # "Afro-Brazilians", "COVID-19"
    token = left.rsplit(None, 1)[-1] if left.strip() else ""
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return True  # a web address is printed as it is typed
    hyphenated, closed = f"{first}-{second}".lower(), f"{first}{second}".lower()
    if hyphenated in vocabulary:
        return True
    if closed in vocabulary:
        return False
    if soft:
        return False
    joined = vocabulary.spelled(closed)
    if not joined:  # no dictionary, or no such word: the hyphen is the word's
        return True
    return bool(vocabulary.spelled(first.lower()) and vocabulary.spelled(second.lower()))


def join_broken(left: str, right: str, vocabulary: Vocabulary) -> str:
    """`left` ends with a hyphen or a mark of one (`BREAK_MARKS`) at a line end; `right` goes on
    with the rest of the word: the two joined, the hyphen kept or not."""
    keep = keeps_hyphen(left[:-1], right, vocabulary, soft=left[-1] == SOFT_HYPHEN)
    return left[:-1] + ("-" if keep else "") + right


def join_marked(text: str, vocabulary: Vocabulary) -> str:
    """Hyphen marks inside a line (pdfium joins the lines of a broken word and leaves U+FFFE
    where the hyphen was; a soft hyphen may stand anywhere): each between two words decided,
    then no mark left."""
    if "\ufffe" not in text and SOFT_HYPHEN not in text and "\u0002" not in text:
        return text
    pieces: list[str] = []
    done = 0  # the text before this is in `pieces`
    for mark in _MARK_RE.finditer(text):
        at = mark.start()
        head = _word_before(text, at, done)
        tail = _TAIL_RE.match(text, at + 1)
        if not head or tail is None:
            continue
        keep = keeps_hyphen(text[:at], tail.group(), vocabulary, soft=text[at] == SOFT_HYPHEN)
        pieces.append(text[done:at])
        if keep:
            pieces.append("-")
        pieces.append(tail.group())
        done = tail.end()
    pieces.append(text[done:])
    return "".join(pieces).translate({ord(ch): None for ch in "\ufffe\u0002" + SOFT_HYPHEN})


def _word_before(text: str, end: int, floor: int = 0) -> str:
    """The letters, digits and underscores just before `end` (not before `floor`)."""
    start = end
    while start > floor and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]
