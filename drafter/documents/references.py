"""Paragraph references in UN prose: a small lexer and a recursive-descent parser.

The grammar covers what treaty-body documents actually print:

    reference   := [SYMBOL ","] KEYWORD items [qualifier]
                 | "ibid." "," KEYWORD items
                 | "annex" ["No."] NUMBER
    KEYWORD     := "paragraph" | "paragraphs" | "para." | "paras." | "para" | "paras"
    items       := item ((","|";"|"and"|", and"|"; and") item)*
    item        := NUMBER [DASH NUMBER] [subs] [description]
    subs        := subgroup (("and"|",") subgroup)*
    subgroup    := SUB [DASH SUB]            SUB := "(a)" | "(iv)"
    DASH        := "-" | "–" | "—" | "to"
    description := "(" text ")"              (a topic in words, skipped)
    qualifier   := "of the concluding observations" | "of" SYMBOL | "(" SYMBOL ")"
                 | "of" words (another instrument) | "above" | "below"

Scope: the concluding observations the document answers (named as such, or by their symbol),
a pointer inside the same document ("see para. 6.1", "see annex No. 4", "above"), or another
instrument ("paragraph 24 of the Action Plan", another symbol). Targets are paragraph ids with
sub-items written "22(a)"; ranges are expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.documents.model import Reference, ReferenceScope

# A UN document symbol: a known series prefix, then slash-separated parts ("CERD/C/KAZ/CO/8-10",
# "A/HRC/WG.6/41/BRA/2", "CERD/C/SR.2931"). The prefix list keeps "70/1" or "and/or" out.
SYMBOL_PATTERN = (
    r"(?<![\w/])(?:A|E|S|CERD|CCPR|CAT|CEDAW|CESCR|CRC|CRPD|CMW|CED|HRI|ST|DP|UNEP|TD)"
    r"(?:/[A-Za-z0-9][A-Za-z0-9.]*(?:[-–][A-Za-z0-9.]+)*)+\*?"
)
SYMBOL_RE = re.compile(SYMBOL_PATTERN)

MAX_EXPANSION = 200  # a range wider than this is a misreading, not a list of paragraphs

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_RE = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")


def clean_symbol(raw: str) -> str:
    """A symbol as cited: without the trailing full stop of a sentence or a reissue asterisk."""
    return raw.rstrip("*").rstrip(".").rstrip("*")


def is_concluding_observations_symbol(symbol: str) -> bool:
    return "/CO/" in symbol


# --- lexer ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<symbol>"""
    + SYMBOL_PATTERN
    + r""")
  | (?P<keyword>(?:paragraphs|paragraph|paras\.?|para\.?)(?![\w]))
  | (?P<sub>\((?:[a-z]{1,2}|[ivx]{1,5})\))
  | (?P<number>\d{1,4}(?:\.\d{1,3})?(?![\d]))
  | (?P<dash>[-–—]|to(?!\w))
  | (?P<and>and(?!\w))
  | (?P<comma>,)
  | (?P<semi>;)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<word>[^\W\d_][\w'’.-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    start: int
    end: int


class _Lexer:
    """Tokens on demand from a position, so parsing stays linear in the text length."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    def _scan(self, pos: int) -> Token | None:
        while pos < len(self.text):
            m = _TOKEN_RE.match(self.text, pos)
            if m is None:  # pragma: no cover - the "other" alternative matches any character
                return None
            kind = m.lastgroup or "other"
            if kind != "ws":
                return Token(kind, m.group(), m.start(), m.end())
            pos = m.end()
        return None

    def peek(self, ahead: int = 0) -> Token | None:
        pos = self.pos
        tok = None
        for _ in range(ahead + 1):
            tok = self._scan(pos)
            if tok is None:
                return None
            pos = tok.end
        return tok

    def take(self) -> Token | None:
        tok = self._scan(self.pos)
        if tok is not None:
            self.pos = tok.end
        return tok


# --- sub-item labels -----------------------------------------------------------------------


def _roman_to_int(label: str) -> int | None:
    if not label or not _ROMAN_RE.match(label):
        return None
    total = 0
    prev = 0
    for ch in reversed(label):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def _int_to_roman(value: int) -> str:
    out = []
    for num, sym in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= num:
            out.append(sym)
            value -= num
    return "".join(out)


def expand_sub_range(first: str, last: str) -> list[str]:
    """ "(a)–(d)" -> a, b, c, d; "(i)–(iii)" -> i, ii, iii. Unreadable ranges keep both ends."""
    first, last = first.lower(), last.lower()
    a, b = _roman_to_int(first), _roman_to_int(last)
    roman = a is not None and b is not None and (len(first) > 1 or len(last) > 1 or first == "i")
    if roman and a is not None and b is not None and a <= b:
        return [_int_to_roman(v) for v in range(a, b + 1)][:MAX_EXPANSION]
    if len(first) == 1 and len(last) == 1 and first <= last:
        return [chr(c) for c in range(ord(first), ord(last) + 1)]
    return [first, last]


# --- parser ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    numbers: list[str]
    subs: list[str]

    def targets(self) -> list[str]:
        if not self.subs:
            return list(self.numbers)
        return [f"{n}({s})" for n in self.numbers for s in self.subs]


def _sub_label(tok: Token) -> str:
    return tok.text[1:-1].lower()


def _parse_subs(lx: _Lexer) -> list[str]:
    subs: list[str] = []
    while True:
        tok = lx.peek()
        if tok is None or tok.kind != "sub":
            return subs
        lx.take()
        first = _sub_label(tok)
        nxt, after = lx.peek(), lx.peek(1)
        if nxt is not None and nxt.kind == "dash" and after is not None and after.kind == "sub":
            lx.take()
            lx.take()
            subs.extend(expand_sub_range(first, _sub_label(after)))
        else:
            subs.append(first)
        # "(k) (iv)–(v)": sub-items of sub-item (k), written "100(k)(iv)".
        nested = lx.peek()
        if nested is not None and nested.kind == "sub":
            parent = subs.pop()
            for child in _parse_subs(lx):
                subs.append(f"{parent})({child}")
            return subs
        # "(b)-(c) and (e)-(f)", "(a), (b)": continue only when another sub-item follows.
        nxt, after = lx.peek(), lx.peek(1)
        if nxt is not None and nxt.kind in ("and", "comma") and after is not None:
            if after.kind == "sub":
                lx.take()
                continue
            if after.kind == "and":
                third = lx.peek(2)
                if third is not None and third.kind == "sub":  # "(a), and (b)"
                    lx.take()
                    lx.take()
                    continue
        return subs


def _skip_description(lx: _Lexer) -> None:
    """Skip a parenthesised topic such as "(right to health …)" after an item."""
    tok = lx.peek()
    if tok is None or tok.kind != "lparen":
        return
    nxt = lx.peek(1)
    # "(CERD/C/…)" is a qualifier, not a description: leave it for the caller.
    if nxt is not None and nxt.kind == "symbol":
        return
    depth = 0
    save = lx.pos
    steps = 0
    while True:
        t = lx.take()
        steps += 1
        if t is None or steps > 80:  # unbalanced: it was not a description after all
            lx.pos = save
            return
        if t.kind == "lparen":
            depth += 1
        elif t.kind == "rparen":
            depth -= 1
            if depth == 0:
                return


def _parse_item(lx: _Lexer) -> _Item | None:
    tok = lx.peek()
    if tok is None or tok.kind != "number":
        return None
    lx.take()
    numbers = [tok.text]
    nxt, after = lx.peek(), lx.peek(1)
    # "16–18" expands; "6.1–6.3" (a report's own decimal numbering) stays as printed.
    if (
        nxt is not None
        and nxt.kind == "dash"
        and after is not None
        and after.kind == "number"
        and "." not in tok.text + after.text
    ):
        lo, hi = int(tok.text), int(after.text)
        if lo <= hi and hi - lo < MAX_EXPANSION:
            lx.take()
            lx.take()
            numbers = [str(n) for n in range(lo, hi + 1)]
    subs = _parse_subs(lx)
    _skip_description(lx)
    return _Item(numbers, subs)


def _parse_items(lx: _Lexer) -> list[_Item]:
    items: list[_Item] = []
    first = _parse_item(lx)
    if first is None:
        return items
    items.append(first)
    while True:
        save = lx.pos
        tok = lx.peek()
        if tok is None or tok.kind not in ("comma", "semi", "and"):
            return items
        lx.take()
        if tok.kind in ("comma", "semi"):
            nxt = lx.peek()
            if nxt is not None and nxt.kind == "and":
                lx.take()
        item = _parse_item(lx)
        if item is None:
            lx.pos = save
            return items
        items.append(item)


def expand_paragraph_list(text: str) -> list[str]:
    """The paragraph ids a list names: "17 (a), 19 (c) and 36 (a)–(d)" -> 17(a), 19(c), 36(a)…

    A leading "paragraph(s)"/"para(s)." keyword is allowed; topics in parentheses are skipped.
    """
    lx = _Lexer(text, 0)
    tok = lx.peek()
    if tok is not None and tok.kind == "keyword":
        lx.take()
    out: list[str] = []
    for item in _parse_items(lx):
        for target in item.targets():
            if target not in out:
                out.append(target)
    return out


# --- finding references in running text -------------------------------------------------------

_ANCHOR_RE = re.compile(
    r"(?<![\w])(?:paragraphs|paragraph|paras\.?|para\.?)(?!\w)|(?<!\w)annex(?:es)?(?!\w)",
    re.IGNORECASE,
)
_SEE_RE = re.compile(r"(?:\bsee(?:\s+also)?|\bcf\.)\s*$", re.IGNORECASE)
_CO_BEFORE_RE = re.compile(r"concluding\s+observations\s*,\s*$", re.IGNORECASE)
_IBID_BEFORE_RE = re.compile(r"\bibid\.?\s*,\s*$", re.IGNORECASE)
_SYMBOL_BEFORE_RE = re.compile("(" + SYMBOL_PATTERN + r")\s*,\s*$")
_COMMA_BEFORE_RE = re.compile(r",\s*$")
_OF_CO_RE = re.compile(
    r"\s*(?:of|in)\s+(?:the|its|their|our)?\s*(?:(?:present|last|previous|latest|most\s+recent|"
    r"Committee['’]s|relevant)\s+)*concluding\s+observations\b(?:\s*\(\s*("
    + SYMBOL_PATTERN
    + r")\s*\))?",
    re.IGNORECASE,
)
_OF_SYMBOL_RE = re.compile(r"\s*(?:of|in)\s+(?:document\s+)?(" + SYMBOL_PATTERN + ")")
_PAREN_SYMBOL_RE = re.compile(r"\s*\(\s*(" + SYMBOL_PATTERN + r")\s*\)")
_OF_INTERNAL_RE = re.compile(
    r"\s*(?:above|below|of\s+(?:the\s+)?(?:present|this)\s+(?:report|document))\b", re.IGNORECASE
)
_OF_OTHER_RE = re.compile(r"\s*(?:of|in)\s+\S", re.IGNORECASE)
_ANNEX_RE = re.compile(
    r"annex(?:es)?\s+(?:Nos?\.\s*)?(?:[0-9]+|[IVX]+\b)(?:(?:\s*,\s*|\s+and\s+|\s*[-–]\s*|\s+to\s+)"
    r"(?:[0-9]+|[IVX]+\b))*",
    re.IGNORECASE,
)
_ANNEX_NUMBER_RE = re.compile(r"\b(?:[0-9]+|[IVX]+)\b")


@dataclass(slots=True)
class ReferenceContext:
    """What the parser needs to know about the citing document.

    `answers_symbol`: the CO symbol this document answers (references to it are CO-scoped).
    `default_scope`: the scope of a bare "paragraph 12" with no qualifier: in a State report or a
    committee letter that is the concluding observations; in a CO it is the CO itself (internal).
    `last_symbol`: the last symbol cited, so that "Ibid., para. 17" can be resolved; updated as
    references are found, so thread one context through consecutive footnotes.
    """

    answers_symbol: str | None = None
    default_scope: ReferenceScope = ReferenceScope.OTHER
    last_symbol: str | None = None

    def scope_for_symbol(self, symbol: str) -> ReferenceScope:
        if self.answers_symbol is not None:
            same = symbol == self.answers_symbol
            return ReferenceScope.CONCLUDING_OBSERVATIONS if same else ReferenceScope.OTHER
        if is_concluding_observations_symbol(symbol):
            return ReferenceScope.CONCLUDING_OBSERVATIONS
        return ReferenceScope.OTHER


def find_references(text: str, context: ReferenceContext | None = None) -> list[Reference]:
    """Every paragraph (and annex) reference in `text`, in order of appearance."""
    ctx = context if context is not None else ReferenceContext()
    refs: list[Reference] = []
    lowered = text.lower()
    if "para" not in lowered and "annex" not in lowered:
        # Nothing to parse; still remember the last symbol cited, for a following "ibid.".
        symbols_cited = SYMBOL_RE.findall(text) if "/" in text else []
        if symbols_cited:
            ctx.last_symbol = clean_symbol(symbols_cited[-1])
        return refs
    pos = 0
    # Symbols cited before each reference, in order, so "ibid." resolves to the latest one.
    symbols = (
        [(m.start(), clean_symbol(m.group())) for m in SYMBOL_RE.finditer(text)]
        if "/" in text
        else []
    )
    sym_index = 0
    while True:
        m = _ANCHOR_RE.search(text, pos)
        if m is None:
            break
        while sym_index < len(symbols) and symbols[sym_index][0] < m.start():
            ctx.last_symbol = symbols[sym_index][1]
            sym_index += 1
        if m.group().lower().startswith("annex"):
            annex = _annex_reference(text, m, ctx)
            if annex is not None:
                refs.append(annex)
            pos = m.end() if annex is None else m.start() + len(annex.span)
            continue
        lx = _Lexer(text, m.end())
        items = _parse_items(lx)
        if not items:
            pos = m.end()
            continue
        targets: list[str] = []
        for item in items:
            for t in item.targets():
                if t not in targets:
                    targets.append(t)
        end = lx.pos
        scope, symbol, end = _classify(text, m.start(), end, targets, ctx)
        if symbol is not None:
            ctx.last_symbol = symbol
        # "CERD/C/KAZ/CO/8-10, para. 16": the span starts at the symbol that qualifies it.
        window = max(0, m.start() - 80)
        cited = _SYMBOL_BEFORE_RE.search(text[window : m.start()])
        start = window + cited.start(1) if cited is not None else m.start()
        refs.append(
            Reference(
                targets=tuple(targets),
                scope=scope,
                span=text[start:end].strip(),
                symbol=symbol,
            )
        )
        pos = max(end, m.end())
    if symbols:
        ctx.last_symbol = symbols[-1][1]  # what a following note's "ibid." points to
    return refs


def _annex_reference(text: str, m: re.Match[str], ctx: ReferenceContext) -> Reference | None:
    """ "see annex No. 4", "see annexes 1 and 2": pointers to the report's own annexes."""
    am = _ANNEX_RE.match(text, m.start())
    if am is None:
        return None
    before = text[max(0, m.start() - 12) : m.start()]
    if not (_SEE_RE.search(before) or ctx.default_scope is ReferenceScope.INTERNAL):
        return None
    listed = am.group()[len(m.group()) :]
    numbers = _ANNEX_NUMBER_RE.findall(listed)
    return Reference(
        targets=tuple(f"annex {n}" for n in numbers),
        scope=ReferenceScope.INTERNAL,
        span=am.group(),
    )


def _classify(
    text: str, start: int, end: int, targets: list[str], ctx: ReferenceContext
) -> tuple[ReferenceScope, str | None, int]:
    before = text[max(0, start - 80) : start]
    # Qualifiers printed before the keyword.
    sm = _SYMBOL_BEFORE_RE.search(before)
    if sm is not None:
        symbol = clean_symbol(sm.group(1))
        return ctx.scope_for_symbol(symbol), symbol, end
    if _IBID_BEFORE_RE.search(before):
        if ctx.last_symbol is not None:
            return ctx.scope_for_symbol(ctx.last_symbol), ctx.last_symbol, end
        return ReferenceScope.OTHER, None, end
    if _CO_BEFORE_RE.search(before):
        return ReferenceScope.CONCLUDING_OBSERVATIONS, ctx.answers_symbol, end
    # Qualifiers printed after the list.
    om = _OF_CO_RE.match(text, end)
    if om is not None:
        named = clean_symbol(om.group(1)) if om.group(1) else None
        if named is not None and ctx.answers_symbol and named != ctx.answers_symbol:
            return ReferenceScope.OTHER, named, om.end()  # an earlier cycle's observations
        return ReferenceScope.CONCLUDING_OBSERVATIONS, named or ctx.answers_symbol, om.end()
    om = _OF_SYMBOL_RE.match(text, end) or _PAREN_SYMBOL_RE.match(text, end)
    if om is not None:
        symbol = clean_symbol(om.group(1))
        return ctx.scope_for_symbol(symbol), symbol, om.end()
    if any("." in t.split("(")[0] for t in targets):  # "para. 6.1": this report's own numbering
        return ReferenceScope.INTERNAL, None, end
    if _SEE_RE.search(before):
        return ReferenceScope.INTERNAL, None, end
    om = _OF_INTERNAL_RE.match(text, end)
    if om is not None:
        return ReferenceScope.INTERNAL, None, om.end()
    if _OF_OTHER_RE.match(text, end):  # "paragraph 24 of the Action Plan"
        return ReferenceScope.OTHER, None, end
    if _COMMA_BEFORE_RE.search(before):  # "country team submission, para. 8": a cited source
        return ReferenceScope.OTHER, None, end
    if ctx.default_scope is ReferenceScope.CONCLUDING_OBSERVATIONS:
        return ReferenceScope.CONCLUDING_OBSERVATIONS, ctx.answers_symbol, end
    return ctx.default_scope, None, end
