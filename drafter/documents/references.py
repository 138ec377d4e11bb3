"""Paragraph references in UN prose: a small lexer and a recursive-descent parser.

The grammar covers what treaty-body documents actually print, in every language drafter knows
(the words come from `templates/languages/<code>.toml`, [references]):

    reference   := [SYMBOL ","] KEYWORD items [qualifier]
                 | SUBKEYWORD subs OF KEYWORD item          ("apartados b) y c) del párrafo 16")
                 | "ibid." "," KEYWORD items
                 | ANNEX ["No."] NUMBER
    KEYWORD     := "paragraph" | "paras." | "párrafo" | "paragraphe" …
    items       := item ((","|";"|AND|", " AND|"; " AND) item)*
    item        := NUMBER [RANGE NUMBER] [subs] [description]
    subs        := subgroup ((AND|",") subgroup)*
    subgroup    := SUB [RANGE SUB]            SUB := "(a)" | "(iv)" | "a)" (where the language
                                             writes its sub-items so)
    RANGE       := "-" | "–" | "—" | "to" | "a" | "à" …
    description := "(" text ")"              (a topic in words, skipped); in a list that a
                   follow-up or urgent-measures sentence names, also ", on …," / "sobre …;"
    qualifier   := "of the concluding observations" | "of the list of issues" | "of" SYMBOL
                 | "(" SYMBOL ")" | "of" words (another instrument) | "above" | "below"

Scope: the concluding observations the document answers (named as such, or by their symbol),
the list of issues it answers, a pointer inside the same document ("see para. 6.1", "see also
the reply to paragraph 28", "above"), or another instrument ("paragraph 24 of the Action Plan",
another symbol). Targets are paragraph ids with sub-items written "22(a)"; ranges are expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from drafter.documents.language import Language, language, registry
from drafter.documents.model import DocumentKind, Reference, ReferenceScope
from drafter.documents.phrases import literal_alternation

MAX_EXPANSION = 200  # a range wider than this is a misreading, not a list of paragraphs
# How far before a keyword its qualifiers ("see", a symbol and a comma) are looked for.
_BEFORE = 80

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ROMAN_RE = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")


def symbol_pattern() -> str:
    """A UN document symbol: a known first part ("CRPD", "E", "A"), then slash-separated parts
    ("CERD/C/KAZ/CO/8-10", "A/HRC/WG.6/41/BRA/2"). The known first parts keep "70/1" or
    "and/or" out."""
    return registry().symbol_pattern


def symbol_re() -> re.Pattern[str]:
    return registry().symbol_re


def clean_symbol(raw: str) -> str:
    """A symbol as cited: without the trailing full stop of a sentence or a reissue asterisk."""
    return raw.rstrip("*").rstrip(".").rstrip("*")


def symbol_kind(symbol: str) -> DocumentKind | None:
    """What kind of document a symbol names, from the committees' symbol patterns; symbols of
    no known pattern ("CERD/C/64/CO/2", an old numbering) by their "CO" or "Q" part."""
    found = registry().classify_symbol(symbol)
    if found is not None:
        return found.kind
    parts = symbol.split("/")
    if "CO" in parts and not any(p.startswith("Add.") for p in parts):
        return DocumentKind.CONCLUDING_OBSERVATIONS
    if ("Q" in parts or "QPR" in parts) and not any(p.startswith("Add.") for p in parts):
        return DocumentKind.LIST_OF_ISSUES
    return None


def is_concluding_observations_symbol(symbol: str) -> bool:
    return symbol_kind(symbol) is DocumentKind.CONCLUDING_OBSERVATIONS


# --- the grammar of one language -------------------------------------------------------------


class Token(NamedTuple):
    """One token of the lexer (a named tuple: made for every word of a list, and a frozen
    dataclass costs three times as much to make)."""

    kind: str
    text: str
    start: int
    end: int


class Grammar:
    """A language's reference words compiled into a lexer and the qualifier patterns."""

    def __init__(self, lang: Language, headings: bool = False) -> None:
        self.language = lang
        words = lang.words
        keywords = words("references", "paragraph")
        if headings:
            keywords = keywords + words("references", "heading_paragraph")
        self.letter_subs = "a)" in lang.sub_item_styles
        symbol = symbol_pattern()
        alternatives = [
            f"(?P<symbol>{symbol})",
            _group("subkw", words("references", "sub_paragraph")),
            _group("keyword", keywords),
            # "(a)", "(iv)"; and "29 a)" (a lone letter or Roman numeral closed by a bracket)
            # in languages that write sub-items so.
            r"(?P<sub>\((?:[a-z]{1,2}|[ivx]{1,5})\)"
            + (r"|(?<![\w(])(?:[a-z]|[ivx]{2,5})\)" if self.letter_subs else "")
            + ")",
        ]
        alternatives += [
            r"(?P<number>\d{1,4}(?:\.\d{1,3})?(?![\d]))",
            r"(?P<dash>[-–—]" + _alternatives(words("references", "range")) + ")",
            _group("and", words("references", "and")),
            _group("of", words("references", "of")),
            r"(?P<comma>,)",
            r"(?P<semi>;)",
            r"(?P<lparen>\()",
            r"(?P<rparen>\))",
            r"(?P<word>[^\W\d_][\w'’.-]*)",
            r"(?P<other>.)",
        ]
        # Blanks before a token are skipped in the same match (possessively: never given back
        # to "other"); at the text's end only blanks remain and nothing matches.
        self.token_re = re.compile(
            r"\s*+(?:" + "|".join(a for a in alternatives if a) + ")", re.IGNORECASE
        )
        anchors = keywords + words("references", "sub_paragraph")
        annex = words("references", "annex")
        self.anchor_re = re.compile(
            "(?P<anchor>"
            + literal_alternation(anchors)
            + ")"
            + ("|(?P<annex>" + literal_alternation(annex) + ")" if annex else ""),
            re.IGNORECASE,
        )
        # A quick test: text without any of these has no reference to parse.
        self.hints = tuple(sorted({w[:4].lower() for w in [*anchors, *annex]}))
        self.annex_re = (
            re.compile(
                "(?:" + literal_alternation(annex) + r")\s+(?:Nos?\.\s*)?(?:[0-9]+|[IVX]+\b)"
                r"(?:(?:\s*,\s*|\s+(?:" + _plain(words("references", "and")) + r")\s+|\s*[-–]\s*"
                r"|\s+(?:" + _plain(words("references", "range")) + r")\s+)(?:[0-9]+|[IVX]+\b))*",
                re.IGNORECASE,
            )
            if annex
            else None
        )
        of_words = words("references", "of")
        see = lang.phrases("references", "see")
        own = lang.phrases("references", "own_answers")
        self.see_before = _before(see)
        self.own_answers_before = _before(own)
        ibid = words("references", "ibid")
        self.ibid_before = (
            re.compile(r"(?:" + literal_alternation(ibid) + r")\.?\s*,\s*$", re.IGNORECASE)
            if ibid
            else None
        )
        co_name = lang.phrases("references", "concluding_observations_name")
        self.co_before = _before(co_name, r"\s*,\s*$")
        self.symbol_before = re.compile(
            "("
            + symbol
            + r")\s*,\s*"
            + (f"(?:{see.regex.pattern})?" if see.regex is not None else "")
            + r"\s*$",
            re.IGNORECASE,
        )
        self.co_after = _after(lang.phrases("references", "concluding_observations"))
        self.loi_after = _after(lang.phrases("references", "list_of_issues"))
        self.internal_after = _after(lang.phrases("references", "internal"))
        of = _plain(of_words)
        self.paren_symbol = re.compile(r"\s*\(\s*(" + symbol + r")\s*\)")
        self.of_symbol = (
            re.compile(r"\s*,?\s*(?:" + of + r")\s+(?:\w+\s+)?(" + symbol + ")", re.IGNORECASE)
            if of_words
            else None
        )
        self.of_other = re.compile(r"\s*,?\s*(?:" + of + r")\s+\S", re.IGNORECASE) if of else None
        self.comma_before = re.compile(r",\s*$")


def _alternatives(words: list[str]) -> str:
    return "|" + literal_alternation(words) if words else ""


def _plain(words: list[str]) -> str:
    return literal_alternation(words) if words else "(?!)"


def _group(name: str, words: list[str]) -> str:
    return f"(?P<{name}>" + literal_alternation(words) + ")" if words else ""


def _before(phrases: object, tail: str = r"\s*$") -> re.Pattern[str] | None:
    regex = getattr(phrases, "regex", None)
    if regex is None:
        return None
    return re.compile(r"(?:" + regex.pattern + r")" + tail, re.IGNORECASE)


def _after(phrases: object) -> re.Pattern[str] | None:
    regex = getattr(phrases, "regex", None)
    if regex is None:
        return None
    return re.compile(r"\s*,?\s*(?:" + regex.pattern + ")", re.IGNORECASE)


@cache
def grammar(code: str | None = None, headings: bool = False) -> Grammar:
    """The reference grammar of a language (English when None), compiled once."""
    return Grammar(language(code), headings)


# --- lexer ---------------------------------------------------------------------------------


class _Lexer:
    """Tokens on demand from a position, so parsing stays linear in the text length."""

    def __init__(self, grammar: Grammar, text: str, pos: int) -> None:
        self.token_re = grammar.token_re
        self.text = text
        self.pos = pos
        # The token at each position, once scanned: the parser peeks ahead again and again.
        self.seen: dict[int, Token | None] = {}

    def _scan(self, pos: int) -> Token | None:
        if pos in self.seen:
            return self.seen[pos]
        token: Token | None = None
        m = self.token_re.match(self.text, pos)
        if m is not None and m.lastgroup is not None:
            kind = m.lastgroup
            token = Token(kind, m.group(kind), m.start(kind), m.end())
        self.seen[pos] = token
        return token

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
    return tok.text.strip("()").lower()


class _Parser:
    def __init__(self, lx: _Lexer, list_mode: bool = False) -> None:
        self.lx = lx
        # In a list a follow-up or urgent-measures sentence names, "46, on …, and 56, on …":
        # words after an item are a description of it, skipped up to the next separator.
        self.list_mode = list_mode

    def subs(self) -> list[str]:
        lx = self.lx
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
            if nested is not None and nested.kind == "sub" and nested.text.startswith("("):
                parent = subs.pop()
                for child in self.subs():
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

    def skip_description(self) -> None:
        """Skip a parenthesised topic such as "(right to health …)" after an item; in list
        mode also words up to the next separator ("46, on the right to vote, and 56")."""
        lx = self.lx
        tok = lx.peek()
        if tok is None:
            return
        if tok.kind == "lparen":
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
        if not self.list_mode:
            return
        start = lx.pos
        if tok.kind == "comma":
            lx.take()
            tok = lx.peek()
            if tok is None or tok.kind != "word":
                lx.pos = start
                return
        elif tok.kind not in ("word", "of"):
            return
        # Words of a topic, up to a separator followed by the next item or the list's end.
        steps = 0
        while steps < 60:
            t = lx.peek()
            if t is None or t.text == ".":
                return
            if t.kind == "word" and t.text.endswith("."):
                lx.take()  # the sentence, and the list, end with the topic
                return
            if t.kind in ("comma", "semi"):
                nxt = lx.peek(1)
                after = lx.peek(2)
                if nxt is not None and (
                    nxt.kind == "number"
                    or (nxt.kind == "and" and after is not None and after.kind == "number")
                ):
                    return
            if t.kind == "and":
                nxt = lx.peek(1)
                if nxt is not None and nxt.kind == "number":
                    return
            if t.kind == "keyword" or t.kind == "symbol":
                lx.pos = start
                return
            lx.take()
            steps += 1
        lx.pos = start

    def item(self) -> _Item | None:
        lx = self.lx
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
        subs = self.subs()
        self.skip_description()
        return _Item(numbers, subs)

    def sub_paragraph_item(self) -> _Item | None:
        """ "subparagraphs (a) and (b) of paragraph 16", "apartados b) y c) del párrafo 16"."""
        lx = self.lx
        save = lx.pos
        tok = lx.peek()
        if tok is None or tok.kind != "subkw":
            return None
        lx.take()
        subs = self.subs()
        of, keyword = lx.peek(), lx.peek(1)
        if (
            subs
            and of is not None
            and of.kind == "of"
            and keyword is not None
            and keyword.kind == "keyword"
        ):
            lx.take()
            lx.take()
            item = self.item()
            if item is not None and not item.subs and len(item.numbers) == 1:
                item.subs = subs
                return item
        lx.pos = save
        return None

    def items(self) -> list[_Item]:
        lx = self.lx
        items: list[_Item] = []
        first = self.sub_paragraph_item() or self.item()
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
            item = self.item()
            if item is None:
                lx.pos = save
                return items
            items.append(item)


def _targets(items: list[_Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        for target in item.targets():
            if target not in out:
                out.append(target)
    return out


def expand_paragraph_list(
    text: str, lang: str | None = None, list_mode: bool = False, headings: bool = False
) -> list[str]:
    """The paragraph ids a list names: "17 (a), 19 (c) and 36 (a)–(d)" -> 17(a), 19(c), 36(a)…

    A leading "paragraph(s)"/"para(s)." keyword (in the language `lang`) is allowed; topics in
    parentheses are skipped, and in `list_mode` topics after a comma too ("46, on …, and 56").
    """
    return list_at(text, 0, lang, list_mode, headings)[0]


def list_at(
    text: str, pos: int, lang: str | None = None, list_mode: bool = False, headings: bool = False
) -> tuple[list[str], int]:
    """The ids a list starting at `pos` names, and where it ends."""
    lx = _Lexer(grammar(lang, headings), text, pos)
    tok = lx.peek()
    if tok is not None and tok.kind == "keyword":
        lx.take()
        # "Recommendation No. 32": a heading's keyword may be followed by a number sign.
        sign = lx.peek()
        if sign is not None and sign.kind == "word" and sign.text.lower() in ("no.", "no", "nos."):
            lx.take()
        colon = lx.peek()
        if colon is not None and colon.text == ":":  # "the following paragraphs: 17 (a), …"
            lx.take()
    return _targets(_Parser(lx, list_mode).items()), lx.pos


# --- finding references in running text -------------------------------------------------------


@dataclass(slots=True)
class ReferenceContext:
    """What the parser needs to know about the citing document.

    `answers_symbol`: the CO symbol this document answers (references to it are CO-scoped);
    `answers_list_of_issues`: the list of issues it answers, likewise.
    `default_scope`: the scope of a bare "paragraph 12" with no qualifier: in a State report or a
    committee letter that is what it answers; in a CO it is the CO itself (internal).
    `last_symbol`: the last symbol cited, so that "Ibid., para. 17" can be resolved; updated as
    references are found, so thread one context through consecutive footnotes.
    `language`: the language code of the document's words.
    """

    answers_symbol: str | None = None
    default_scope: ReferenceScope = ReferenceScope.OTHER
    last_symbol: str | None = None
    answers_list_of_issues: str | None = None
    language: str | None = None
    _grammar: Grammar | None = field(default=None, repr=False)

    @property
    def grammar(self) -> Grammar:
        if self._grammar is None:
            self._grammar = grammar(self.language)
        return self._grammar

    def scope_for_symbol(self, symbol: str) -> ReferenceScope:
        if symbol == self.answers_symbol:
            return ReferenceScope.CONCLUDING_OBSERVATIONS
        if symbol == self.answers_list_of_issues:
            return ReferenceScope.LIST_OF_ISSUES
        if self.answers_symbol is not None:
            return ReferenceScope.OTHER
        kind = symbol_kind(symbol)
        if kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            return ReferenceScope.CONCLUDING_OBSERVATIONS
        if kind is DocumentKind.LIST_OF_ISSUES and self.answers_list_of_issues is None:
            return ReferenceScope.LIST_OF_ISSUES
        return ReferenceScope.OTHER

    def default_symbol(self, scope: ReferenceScope) -> str | None:
        if scope is ReferenceScope.CONCLUDING_OBSERVATIONS:
            return self.answers_symbol
        if scope is ReferenceScope.LIST_OF_ISSUES:
            return self.answers_list_of_issues
        return None


def _may_cite_symbol(text: str) -> bool:
    return "/" in text and registry().symbol_start_re.search(text) is not None


def find_references(text: str, context: ReferenceContext | None = None) -> list[Reference]:
    """Every paragraph (and annex) reference in `text`, in order of appearance."""
    ctx = context if context is not None else ReferenceContext()
    g = ctx.grammar
    refs: list[Reference] = []
    lowered = text.lower()
    if not any(hint in lowered for hint in g.hints):
        # Nothing to parse; still remember the last symbol cited, for a following "ibid.".
        symbols_cited = symbol_re().findall(text) if _may_cite_symbol(text) else []
        if symbols_cited:
            ctx.last_symbol = clean_symbol(symbols_cited[-1])
        return refs
    pos = 0
    # Symbols cited before each reference, in order, so "ibid." resolves to the latest one.
    symbols = (
        [(m.start(), clean_symbol(m.group())) for m in symbol_re().finditer(text)]
        if _may_cite_symbol(text)
        else []
    )
    sym_index = 0
    while True:
        m = _next_anchor(g, text, lowered, pos)
        if m is None:
            break
        while sym_index < len(symbols) and symbols[sym_index][0] < m.start():
            ctx.last_symbol = symbols[sym_index][1]
            sym_index += 1
        if m.lastgroup == "annex":
            annex = _annex_reference(text, m, ctx)
            if annex is not None:
                refs.append(annex)
            pos = m.end() if annex is None else m.start() + len(annex.span)
            continue
        lx = _Lexer(g, text, m.start())
        parser = _Parser(lx)
        first = lx.take()
        if first is not None and first.kind == "subkw":
            lx.pos = m.start()
        items = parser.items()
        if not items:
            pos = m.end()
            continue
        targets = _targets(items)
        end = lx.pos
        scope, symbol, end = _classify(text, m.start(), end, targets, ctx)
        if symbol is not None:
            ctx.last_symbol = symbol
        # "CERD/C/KAZ/CO/8-10, para. 16": the span starts at the symbol that qualifies it.
        window = max(0, m.start() - _BEFORE)
        cited = g.symbol_before.search(text[window : m.start()])
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


def _next_anchor(g: Grammar, text: str, lowered: str, pos: int) -> re.Match[str] | None:
    """`g.anchor_re.search(text, pos)`, tried only where a hint occurs: every keyword starts
    with one, and a regex search that tries every position of a long paragraph is slow."""
    if len(lowered) != len(text) or _CASE_EQUIVALENT.search(lowered) is not None:
        return g.anchor_re.search(text, pos)  # offsets of the lower case are not the text's
    while True:
        found = [at for at in (lowered.find(hint, pos) for hint in g.hints) if at >= 0]
        if not found:
            return None
        at = min(found)
        m = g.anchor_re.match(text, at)
        if m is not None:
            return m
        pos = at + 1


# Letters that the regex engine, ignoring case, takes for another whose lower case differs
# ("ſ" for "s", "ı" for "i"): in a text with one, lower-case offsets prove nothing.
_CASE_EQUIVALENT = re.compile("[ſıµϐϵϑϰϖϱςϕẛﬅ\u0345\u1fbe\u1fd3\u1fe3]")


def _annex_reference(text: str, m: re.Match[str], ctx: ReferenceContext) -> Reference | None:
    """ "see annex No. 4", "see annexes 1 and 2": pointers to the report's own annexes."""
    g = ctx.grammar
    if g.annex_re is None:
        return None
    am = g.annex_re.match(text, m.start())
    if am is None:
        return None
    before = text[max(0, m.start() - 16) : m.start()]
    see = g.see_before is not None and g.see_before.search(before)
    if not (see or ctx.default_scope is ReferenceScope.INTERNAL):
        return None
    listed = am.group()[len(m.group()) :]
    numbers = re.findall(r"\b(?:[0-9]+|[IVX]+)\b", listed)
    return Reference(
        targets=tuple(f"annex {n}" for n in numbers),
        scope=ReferenceScope.INTERNAL,
        span=am.group(),
    )


def _classify(
    text: str, start: int, end: int, targets: list[str], ctx: ReferenceContext
) -> tuple[ReferenceScope, str | None, int]:
    g = ctx.grammar
    before = text[max(0, start - _BEFORE) : start]
    # Qualifiers printed before the keyword.
    sm = g.symbol_before.search(before)
    if sm is not None:
        symbol = clean_symbol(sm.group(1))
        return ctx.scope_for_symbol(symbol), symbol, end
    if g.ibid_before is not None and g.ibid_before.search(before):
        if ctx.last_symbol is not None:
            return ctx.scope_for_symbol(ctx.last_symbol), ctx.last_symbol, end
        return ReferenceScope.OTHER, None, end
    if g.co_before is not None and g.co_before.search(before):
        return ReferenceScope.CONCLUDING_OBSERVATIONS, ctx.answers_symbol, end
    # "see also the reply to paragraph 28", "la respuesta al párrafo 3 b)": the document's own
    # answers, whatever is printed after.
    if g.own_answers_before is not None and g.own_answers_before.search(before):
        return ReferenceScope.INTERNAL, None, end
    # Qualifiers printed after the list.
    om = g.co_after.match(text, end) if g.co_after is not None else None
    if om is not None:
        ps = g.paren_symbol.match(text, om.end())
        named = clean_symbol(ps.group(1)) if ps is not None else None
        after = ps.end() if ps is not None else om.end()
        if named is not None and ctx.answers_symbol and named != ctx.answers_symbol:
            return ReferenceScope.OTHER, named, after  # an earlier cycle's observations
        return ReferenceScope.CONCLUDING_OBSERVATIONS, named or ctx.answers_symbol, after
    om = g.loi_after.match(text, end) if g.loi_after is not None else None
    if om is not None:
        ps = g.paren_symbol.match(text, om.end())
        named = clean_symbol(ps.group(1)) if ps is not None else None
        after = ps.end() if ps is not None else om.end()
        known = ctx.answers_list_of_issues
        if named is not None and known and named != known:
            return ReferenceScope.OTHER, named, after
        return ReferenceScope.LIST_OF_ISSUES, named or known, after
    om = g.of_symbol.match(text, end) if g.of_symbol is not None else None
    om = om or g.paren_symbol.match(text, end)
    if om is not None:
        symbol = clean_symbol(om.group(1))
        return ctx.scope_for_symbol(symbol), symbol, om.end()
    if any("." in t.split("(")[0] for t in targets):  # "para. 6.1": this report's own numbering
        return ReferenceScope.INTERNAL, None, end
    if g.see_before is not None and g.see_before.search(before):
        return ReferenceScope.INTERNAL, None, end
    om = g.internal_after.match(text, end) if g.internal_after is not None else None
    if om is not None:
        return ReferenceScope.INTERNAL, None, om.end()
    if g.of_other is not None and g.of_other.match(text, end):  # "paragraph 24 of the Action Plan"
        return ReferenceScope.OTHER, None, end
    if g.comma_before.search(before):  # "country team submission, para. 8": a cited source
        return ReferenceScope.OTHER, None, end
    if ctx.default_scope in (ReferenceScope.CONCLUDING_OBSERVATIONS, ReferenceScope.LIST_OF_ISSUES):
        return ctx.default_scope, ctx.default_symbol(ctx.default_scope), end
    return ctx.default_scope, None, end
