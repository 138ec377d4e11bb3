"""Citations inside the author's Markdown: the one token grammar the TUI, `check` and the
renderer share.

    [@cerd-c-kaz-11-14:170]            one paragraph
    [@cerd-c-kaz-11-14:22(a)]          a sub-paragraph
    [@cerd-c-kaz-11-14:10-12]          a range (an en dash works too: 10–12)
    [@cerd-c-kaz-11-14:10, 12]         a list
    [@cerd-c-bra-co-18-20:17; @a-hrc-wg.6-41-bra-2:40]   several sources at one spot
    [@fidh-2025]                       a whole document

The TUI inserts these tokens, `drafter check` resolves them, and the report builder turns each
into a footnote in UN style. Anything that starts like a citation (`[@`) but does not parse is
"raw citation syntax": an error, because it would reach the Committee as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from drafter.project.model import Source

_KEY = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
# A paragraph id: "170", "22(a)", "22(a)(ii)", "b3" (an unnumbered block), "6.1".
_PID = r"[A-Za-z0-9](?:[A-Za-z0-9.]*[A-Za-z0-9])?(?:\([a-z]+\))*"
# The end of a range may be a bare sub-paragraph: "22(a)-(c)".
_LOCATOR = rf"{_PID}(?:\s*[-–]\s*(?:{_PID}|(?:\([a-z]+\))+))?"
_CITE = rf"@{_KEY}(?:\s*:\s*{_LOCATOR}(?:\s*,\s*{_LOCATOR})*)?"
# One token: "[" cite (";" cite)* "]".
CITATION = re.compile(rf"\[\s*{_CITE}(?:\s*;\s*{_CITE})*\s*\]")
_ONE_CITE = re.compile(rf"@(?P<key>{_KEY})(?:\s*:\s*(?P<locators>[^;\]]+))?")
_ONE_LOCATOR = re.compile(rf"(?P<first>{_PID})(?:\s*[-–]\s*(?P<last>{_PID}|(?:\([a-z]+\))+))?")
_RAW = re.compile(r"\[\s*@")
_NUMBERED = re.compile(r"(\d+)((?:\([a-z]+\))*)")
# A range this long is a typo, not a citation: "10-9999" is checked at its two ends only.
MAX_RANGE = 200


class Locator(msgspec.Struct, frozen=True):
    """A paragraph, or a range of them: "10", "22(a)", "10"–"12", "22(a)"–"22(c)"."""

    first: str
    last: str = ""  # "" when not a range

    def paragraph_ids(self) -> list[str]:
        """Every paragraph id the locator covers ("10-12" -> 10, 11, 12); a range that is not
        numeric, or too long to be meant, gives its two ends."""
        if not self.last:
            return [self.first]
        a, b = _NUMBERED.fullmatch(self.first), _NUMBERED.fullmatch(self.last)
        if a and b and not a[2] and not b[2]:
            lo, hi = int(a[1]), int(b[1])
            if lo < hi <= lo + MAX_RANGE:
                return [str(n) for n in range(lo, hi + 1)]
        return [self.first, self.last]


class Cite(msgspec.Struct, frozen=True):
    """One source in a citation token, with the paragraphs cited (none: the whole document)."""

    source_id: str
    locators: tuple[Locator, ...] = ()


class CitationToken(msgspec.Struct, frozen=True):
    """A whole token as written, `[@a:10; @b:11]`, with its place in the text."""

    cites: tuple[Cite, ...]
    token: str
    start: int
    end: int


class Citation(msgspec.Struct, frozen=True):
    """One cited paragraph (or whole document, `paragraph_id == ""`) of a token, flattened:
    what `check` resolves one by one and what the TUI and imports look up."""

    source_id: str
    paragraph_id: str
    start: int = 0
    end: int = 0
    token: str = ""

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.paragraph_id}" if self.paragraph_id else self.source_id


def citation_token(source_id: str, paragraph_id: str = "") -> str:
    """The token the TUI inserts: `[@source:paragraph]`, or `[@source]` for a whole document."""
    return f"[@{source_id}:{paragraph_id}]" if paragraph_id else f"[@{source_id}]"


def parse_token(token: str, start: int = 0) -> CitationToken:
    """A token that CITATION matched, split into its sources and locators."""
    cites: list[Cite] = []
    for m in _ONE_CITE.finditer(token[1:-1]):
        locators: list[Locator] = []
        for part in (m["locators"] or "").split(","):
            lm = _ONE_LOCATOR.fullmatch(part.strip())
            if lm:
                last = lm["last"] or ""
                if last.startswith("("):  # "22(a)-(c)": the end shares the paragraph number
                    last = lm["first"].split("(", 1)[0] + last
                locators.append(Locator(lm["first"], last))
        cites.append(Cite(m["key"], tuple(locators)))
    return CitationToken(tuple(cites), token, start, start + len(token))


def find_tokens(markdown: str) -> Iterator[CitationToken]:
    for m in CITATION.finditer(markdown):
        yield parse_token(m.group(), m.start())


def find_citations(markdown: str) -> Iterator[Citation]:
    """Every cited paragraph in `markdown`, ranges expanded, in order."""
    for tok in find_tokens(markdown):
        for cite in tok.cites:
            if not cite.locators:
                yield Citation(cite.source_id, "", tok.start, tok.end, tok.token)
            for loc in cite.locators:
                for pid in loc.paragraph_ids():
                    yield Citation(cite.source_id, pid, tok.start, tok.end, tok.token)


def raw_citations(text: str) -> list[str]:
    """What looks like a citation but is not one ("[@x 10]", "[@x:]", "[@x:10"): each would
    reach the report as typed. Returns the offending snippets."""
    out: list[str] = []
    taken = [(m.start(), m.end()) for m in CITATION.finditer(text)]
    for m in _RAW.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        end = text.find("]", m.start())
        stop = min(end + 1 if end >= 0 else len(text), m.start() + 40, len(text))
        out.append(text[m.start() : stop].split("\n", 1)[0])
    return out


def paragraph_number(paragraph_id: str) -> str:
    """The printed form of a paragraph id, "" when it is not a numbered paragraph: "170" ->
    "170"; "22(a)" -> "22 (a)"; "b3" (an unnumbered block) -> ""."""
    m = _NUMBERED.fullmatch(paragraph_id)
    if not m:
        return ""
    return m[1] + (f" {m[2]}" if m[2] else "")


def paragraph_label(paragraph_id: str) -> str:
    """ "170" -> "para. 170"; "22(a)" -> "para. 22 (a)"; "b3" -> "" (English; the report
    builder uses the template's words)."""
    number = paragraph_number(paragraph_id)
    return f"para. {number}" if number else ""


def source_label(source: Source) -> str:
    """How a source is named in a note: its symbol, else its title, else its id (the TUI's
    short form; the report never prints an id, `check` refuses a cited source without one)."""
    return source.symbol or source.title or source.id


def format_citation(source: Source, paragraph_id: str) -> str:
    """The TUI's and `drafter links`' short form: "CERD/C/KAZ/11-14, para. 170"."""
    label = paragraph_label(paragraph_id)
    return f"{source_label(source)}, {label}" if label else source_label(source)
