"""Phrase patterns: the small language in which the language and committee files write phrases.

A maintainer writes "request* [that] {state_party} [to] (provide|submit) [,] within {period}"
rather than a regular expression; this module compiles it to one:

    word        the word, whatever its case; an apostrophe matches ' and ’, a hyphen any hyphen
    word*       any word that starts so ("recommend*": recommends, recommended …)
    (a|b c)     one of the choices, each a sequence of the items here
    [a|b c]     one of the choices, or nothing
    …  (...)    a few words (at most 300 characters, never across a semicolon); at the start or
                the end of a pattern: anything
    {name}      one of the phrases of the list `name` (the file's [words] table), or a built-in:
                {day} 1-31 ("1er", "3º"), {year} four digits, {number} one to four digits,
                {paragraphs} where a list of paragraph numbers begins (always the last item)
    , ; :       that punctuation, with or without spaces around it

Items are separated by spaces in the pattern and by any whitespace in the text. Words are
whole words: "concern" does not match "concerning".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BUILT_INS: dict[str, str] = {
    "day": r"(?:[1-9]|[12]\d|3[01])(?:er|º|°|o)?",
    "year": r"\d{4}",
    "number": r"\d{1,4}",
}
PARAGRAPHS = "paragraphs"  # the slot where a list of paragraph numbers begins
MAX_GAP_CHARS = 300
_GAP = rf"[^;]{{0,{MAX_GAP_CHARS}}}?"

_TOKEN_RE = re.compile(r"\s+|\.\.\.|…|\{[^{}\s]*\}|[()\[\]|]|[^\s()\[\]|{}…]+")
_HYPHENS = "-‐‑–"


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Phrases:
    """A list of patterns compiled into one regular expression (case ignored).

    `hints` are words of which every match contains at least one (lower case): a text with
    none of them is passed over without running the regex, which is most texts.
    """

    patterns: tuple[str, ...]
    regex: re.Pattern[str] | None
    hints: frozenset[str] | None = None

    def possible(self, text: str) -> bool:
        if self.regex is None:
            return False
        if self.hints is None:
            return True
        lowered = _lowered(text)
        return any(h in lowered for h in self.hints)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos) if self.possible(text) else None  # type: ignore[union-attr]

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos) if self.possible(text) else None  # type: ignore[union-attr]

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text) if self.possible(text) else None  # type: ignore[union-attr]

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.regex.finditer(text)) if self.regex is not None else []

    def __bool__(self) -> bool:
        return self.regex is not None


NO_PHRASES = Phrases((), None)

# The last text lowered, and its lower case: the roles of a paragraph ask several phrase lists
# about the same text in a row. One tuple, replaced whole, so threads never mix two texts.
_last_lowered: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    _last_lowered = (text, lowered)
    return lowered


def _literal(word: str) -> str:
    """A literal word (or words) without boundaries: any apostrophe, any hyphen."""
    out: list[str] = []
    for ch in word:
        if ch in "'’":
            out.append("['’]")
        elif ch in _HYPHENS:
            out.append("[" + _HYPHENS + "]")
        elif ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def word_regex(word: str) -> str:
    """A literal word (or words) as a regex: whole words, any apostrophe, any hyphen."""
    body = _literal(word)
    if _wordy(word[:1]):
        body = r"(?<!\w)" + body
    # A word that ends in an apostrophe is an elision ("l'", "d'"): the next word follows at once.
    if _wordy(word[-1:]):
        body += r"(?!\w)"
    return body


@dataclass(frozen=True, slots=True)
class _Item:
    r"""A compiled item and what its ends are: a word character, or something else.

    Boundaries are put only at the edges of a whole pattern, and items meet with `\s+` where
    both sides are words: a regex whose every word carries look-arounds is several times
    slower, and the reader runs these on every paragraph.
    """

    regex: str
    starts_word: bool
    ends_word: bool
    optional: bool = False
    # Lower-case words one of which every match contains; None when that cannot be said.
    hints: frozenset[str] | None = None


class _Compiler:
    def __init__(
        self, pattern: str, lists: Mapping[str, Sequence[str]], paragraphs: str | None
    ) -> None:
        self.pattern = pattern
        self.lists = lists
        self.paragraphs = paragraphs
        self.tokens = [t for t in _TOKEN_RE.findall(pattern) if not t.isspace()]
        self.pos = 0

    def error(self, message: str) -> PatternError:
        return PatternError(f"{message} in pattern {self.pattern!r}")

    def compile(self) -> str:
        if not self.tokens:
            raise self.error("empty pattern")
        item = self.sequence(top=True)
        if self.pos < len(self.tokens):
            raise self.error(f"unexpected {self.tokens[self.pos]!r}")
        return _bounded(item)

    def sequence(self, top: bool = False) -> _Item:
        items: list[_Item] = []
        start = self.pos
        while self.pos < len(self.tokens) and self.tokens[self.pos] not in ("|", ")", "]"):
            token = self.tokens[self.pos]
            self.pos += 1
            first = self.pos - 1 == start
            last = self.pos >= len(self.tokens) or self.tokens[self.pos] in ("|", ")", "]")
            if token in ("…", "..."):
                if top and first:
                    items.append(_Item(".*?", False, False))
                elif top and last:
                    items.append(_Item(".*", False, False))
                else:
                    items.append(_Item(_GAP, False, False))
            elif token == "(":
                items.append(self.choices(")"))
            elif token == "[":
                choice = self.choices("]")
                items.append(_Item(choice.regex, choice.starts_word, choice.ends_word, True))
            elif token.startswith("{"):
                items.append(self.slot(token[1:-1], last and top))
            elif token.endswith("*") and len(token) > 1:
                word = token[:-1]
                regex = _literal(word) + r"\w*"
                items.append(_Item(regex, _wordy(word[:1]), True, hints=_hint(word)))
            elif token in ("(", ")", "[", "]", "|", "{", "}"):
                raise self.error(f"unexpected {token!r}")
            else:
                literal = _literal(token)
                starts, ends = _wordy(token[:1]), _wordy(token[-1:])
                items.append(_Item(literal, starts, ends, hints=_hint(token)))
        if not items:
            raise self.error("an empty choice")
        return _join(items)

    def choices(self, closing: str) -> _Item:
        options = [self.sequence()]
        while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
            self.pos += 1
            options.append(self.sequence())
        if self.pos >= len(self.tokens) or self.tokens[self.pos] != closing:
            raise self.error(f"missing {closing!r}")
        self.pos += 1
        return _alternation(options)

    def slot(self, name: str, last: bool) -> _Item:
        if name == PARAGRAPHS:
            if self.paragraphs is None:
                raise self.error("{paragraphs} is not allowed in this list")
            if not last:
                raise self.error("{paragraphs} must be the last item")
            return _Item("(?=" + self.paragraphs + ")", False, False, optional=False)
        if name in BUILT_INS:
            return _Item(BUILT_INS[name], True, True)
        phrases = self.lists.get(name)
        if phrases is None:
            raise self.error(f"no word list {{{name}}}")
        options = [_Compiler(p, {}, None).whole() for p in phrases]
        return _alternation(sorted(options, key=lambda o: len(o.regex), reverse=True))

    def whole(self, top: bool = False) -> _Item:
        if not self.tokens:
            raise self.error("empty pattern")
        item = self.sequence(top=top)
        if self.pos < len(self.tokens):
            raise self.error(f"unexpected {self.tokens[self.pos]!r}")
        return item


def _hint(word: str) -> frozenset[str] | None:
    """A literal as a hint: plain letters only (apostrophes and hyphens vary in print)."""
    if any(not (ch.isalnum() or ch == ".") for ch in word) or len(word) < 2:
        return None
    return frozenset({word.lower()})


def _best_hints(items: list[_Item]) -> frozenset[str] | None:
    """The hints of the most selective item that every match must contain."""
    known = [i.hints for i in items if i.hints is not None and not i.optional]
    if not known:
        return None
    return max(known, key=lambda h: min(len(w) for w in h))


def _join(items: list[_Item]) -> _Item:
    """A sequence: each item after the first with the space before it (inside it when it is
    optional, so an absent item takes its space with it)."""
    parts: list[str] = []
    previous_word = False
    for k, item in enumerate(items):
        space = "" if k == 0 else (r"\s+" if previous_word and item.starts_word else r"\s*")
        body = f"(?:{item.regex})"
        # Where a word meets punctuation or a gap, it still must be a whole word.
        if k > 0 and item.starts_word and not previous_word:
            body = r"(?<!\w)" + body
        if k < len(items) - 1 and item.ends_word and not items[k + 1].starts_word:
            body += r"(?!\w)"
        body = space + body
        parts.append(f"(?:{body})?" if item.optional else body)
        previous_word = (previous_word and item.ends_word) if item.optional else item.ends_word
    first, last = items[0], items[-1]
    starts = first.starts_word and not (first.optional and len(items) > 1)
    if first.optional and len(items) > 1:
        starts = first.starts_word and items[1].starts_word
    ends = last.ends_word and not last.optional
    return _Item("".join(parts), starts, ends, hints=_best_hints(items))


def _alternation(options: list[_Item]) -> _Item:
    """Choices: the edges are words only when every choice's are (a mixed choice keeps its
    own boundaries)."""
    starts = all(o.starts_word for o in options)
    ends = all(o.ends_word for o in options)
    bodies = []
    for o in options:
        body = o.regex
        if o.starts_word and not starts:
            body = r"(?<!\w)" + body
        if o.ends_word and not ends:
            body += r"(?!\w)"
        bodies.append(body)
    hints: frozenset[str] | None = None
    if all(o.hints is not None for o in options):
        hints = frozenset().union(*(o.hints for o in options if o.hints is not None))
    return _Item("|".join(bodies), starts, ends, hints=hints)


def _bounded(item: _Item) -> str:
    body = f"(?:{item.regex})"
    if item.starts_word:
        body = r"(?<!\w)" + body
    if item.ends_word:
        body += r"(?!\w)"
    return body


def compile_pattern(
    pattern: str, lists: Mapping[str, Sequence[str]], paragraphs: str | None = None
) -> str:
    """One pattern as a regular expression (without flags); `PatternError` when malformed.

    `paragraphs` is the regex of the words that open a list of paragraph numbers, for the
    {paragraphs} slot; None where the slot is not allowed.
    """
    return _Compiler(pattern, lists, paragraphs).compile()


def compile_phrases(
    patterns: Sequence[str],
    lists: Mapping[str, Sequence[str]],
    paragraphs: str | None = None,
) -> Phrases:
    """Patterns compiled into one case-insensitive alternation, word boundaries at its edges."""
    if not patterns:
        return NO_PHRASES
    items = [_Compiler(p, lists, paragraphs).whole(top=True) for p in patterns]
    whole = _alternation(items)
    regex = re.compile(_bounded(whole), re.IGNORECASE)
    return Phrases(tuple(patterns), regex, whole.hints)


def literal_alternation(words: Sequence[str]) -> str:
    """Literal words or phrases, longest first, as one alternation (for lexers), with the word
    boundaries outside the alternation: a look-around on every choice makes a search slow."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered:
        return "(?!)"
    groups: dict[tuple[bool, bool], list[str]] = {}
    for word in ordered:
        groups.setdefault((_wordy(word[:1]), _wordy(word[-1:])), []).append(_literal(word))
    parts = []
    # "paras." before "paras": a word that ends in punctuation goes first, or its shorter form
    # would match and leave the full stop behind.
    for (starts, ends), bodies in sorted(groups.items(), key=lambda g: g[0][1]):
        body = "(?:" + "|".join(bodies) + ")"
        if starts:
            body = r"(?<!\w)" + body
        if ends:
            body += r"(?!\w)"
        parts.append(body)
    return "|".join(parts) if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
