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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

BUILT_INS: dict[str, str] = {
    "day": r"(?:[1-9]|[12]\d|3[01])(?:er|º|°|o)?",
    "year": r"\d{4}",
    "number": r"\d{1,4}",
}
PARAGRAPHS = "paragraphs"  # the slot where a list of paragraph numbers begins
MAX_GAP_CHARS = 300
_GAP = r"[^;]{0,%d}?" % MAX_GAP_CHARS

_TOKEN_RE = re.compile(r"\s+|\.\.\.|…|\{[^{}\s]*\}|[()\[\]|]|[^\s()\[\]|{}…]+")
_HYPHENS = "-‐‑–"


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Phrases:
    """A list of patterns compiled into one regular expression (case ignored)."""

    patterns: tuple[str, ...]
    regex: re.Pattern[str] | None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos) if self.regex is not None else None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos) if self.regex is not None else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text) if self.regex is not None else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.regex.finditer(text)) if self.regex is not None else []

    def __bool__(self) -> bool:
        return self.regex is not None


NO_PHRASES = Phrases((), None)


def word_regex(word: str) -> str:
    """A literal word (or words) as a regex: whole words, any apostrophe, any hyphen."""
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
    body = "".join(out)
    if word[:1].isalnum() or word[:1] == "_":
        body = r"(?<!\w)" + body
    # A word that ends in an apostrophe is an elision ("l'", "d'"): the next word follows at once.
    if word[-1:].isalnum() or word[-1:] == "_":
        body += r"(?!\w)"
    return body


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
        body = self.sequence(top=True)
        if self.pos < len(self.tokens):
            raise self.error(f"unexpected {self.tokens[self.pos]!r}")
        return body

    def sequence(self, top: bool = False) -> str:
        items: list[str] = []
        start = self.pos
        while self.pos < len(self.tokens) and self.tokens[self.pos] not in ("|", ")", "]"):
            token = self.tokens[self.pos]
            self.pos += 1
            first = self.pos - 1 == start
            last = self.pos >= len(self.tokens) or self.tokens[self.pos] in ("|", ")", "]")
            if token in ("…", "..."):
                if top and first:
                    items.append(".*?")
                elif top and last:
                    items.append(".*")
                else:
                    items.append(_GAP)
            elif token == "(":
                items.append("(?:" + self.choices(")") + ")")
            elif token == "[":
                items.append("(?:" + self.choices("]") + ")?")
            elif token.startswith("{"):
                items.append(self.slot(token[1:-1], last and top))
            elif token.endswith("*") and len(token) > 1:
                items.append(word_regex(token[:-1]).removesuffix(r"(?!\w)") + r"\w*")
            elif token in ("(", ")", "[", "]", "|", "{", "}"):
                raise self.error(f"unexpected {token!r}")
            else:
                items.append(word_regex(token))
        if not items:
            raise self.error("an empty choice")
        return r"\s*".join(items)

    def choices(self, closing: str) -> str:
        options = [self.sequence()]
        while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
            self.pos += 1
            options.append(self.sequence())
        if self.pos >= len(self.tokens) or self.tokens[self.pos] != closing:
            raise self.error(f"missing {closing!r}")
        self.pos += 1
        return "|".join(options)

    def slot(self, name: str, last: bool) -> str:
        if name == PARAGRAPHS:
            if self.paragraphs is None:
                raise self.error("{paragraphs} is not allowed in this list")
            if not last:
                raise self.error("{paragraphs} must be the last item")
            return "(?=" + self.paragraphs + ")"
        if name in BUILT_INS:
            return BUILT_INS[name]
        phrases = self.lists.get(name)
        if phrases is None:
            raise self.error(f"no word list {{{name}}}")
        alternatives = sorted(
            (compile_pattern(p, {}, None) for p in phrases), key=len, reverse=True
        )
        return "(?:" + "|".join(alternatives) + ")"


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
    wrap: Callable[[str], str] = lambda body: body,
) -> Phrases:
    """Patterns compiled into one case-insensitive alternation (`wrap` frames each one)."""
    if not patterns:
        return NO_PHRASES
    bodies = [wrap(compile_pattern(p, lists, paragraphs)) for p in patterns]
    regex = re.compile("|".join(f"(?:{b})" for b in bodies), re.IGNORECASE)
    return Phrases(tuple(patterns), regex)


def literal_alternation(words: Sequence[str]) -> str:
    """Literal words or phrases, longest first, as one alternation (for lexers)."""
    return "|".join(word_regex(w) for w in sorted(set(words), key=len, reverse=True))
