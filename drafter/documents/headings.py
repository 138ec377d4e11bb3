"""Headings: which labels are Roman numerals or letters, levels, and reply headings.

Headings nest by rank (Roman numeral, letter, sub-section enumerator "1.", reply heading,
unnumbered topic); a heading's level is its depth in the live stack, so a document without
Roman numerals has its letters at level 1. A reply heading ("Follow-up information relating to
paragraphs 21 and 22 (a)–(c) of the concluding observations", "Información de seguimiento
sobre el párrafo 29 a) de las observaciones finales", "Reply to paragraph 5 (a) of the list of
issues", "As for Recommendation No. 32", a letter's "Paragraph 8 of the Concluding
Observations:") names the paragraphs the text under it answers, of the concluding observations
or of the list of issues; a lone "(a)" line narrows those to sub-item (a), and an
"Introduction" heading under it answers nothing. The phrases come from the language's data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.documents.language import Language
from drafter.documents.lines import fold
from drafter.documents.model import Heading, Reference, ReferenceScope
from drafter.documents.references import grammar, list_at

RANK_ROMAN = 1
RANK_LETTER = 2
RANK_ENUMERATOR = 3
RANK_FOLLOW_UP = 4
RANK_FOLLOW_UP_ITEM = 5  # "Paragraph 11 (a)" under "Information regarding … paragraph 11"
RANK_TOPIC = 6

_ROMAN_LABEL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"  # never empty: "." alone is no label
LABEL_ONLY_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.$")
# "H.E. Mr. …" and "J. Smith" are initials, not a heading label.
LABELED_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.[ \t]*(?![A-Z]\.)(?!Mr\b|Ms\b)(\S.*)$")
# A reply heading is short: a longer line naming paragraphs is a sentence.
MAX_REPLY_HEADING_WORDS = 32
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_TRAILING_RE = re.compile(r"[\s:.;,*]*$")


def roman_value(label: str) -> int:
    total, prev = 0, 0
    for ch in reversed(label):
        v = _ROMAN_VALUES.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


@dataclass(frozen=True, slots=True)
class ReplyHeading:
    """What a reply heading names: paragraphs of the CO or of the list of issues."""

    scope: ReferenceScope
    targets: tuple[str, ...]
    span: str  # "paragraphs 21 and 22 (a)–(c)"
    rest: str  # what follows the heading on its line (a letter's lead-in: the text)
    heading_end: int = 0  # where the heading ends in the text (before a lead-in's colon)


def reply_heading(
    text: str, lang: Language, default_scope: ReferenceScope, lead_in: bool = False
) -> ReplyHeading | None:
    """The paragraphs a reply heading names, or None when `text` is not one.

    The heading is the whole of `text`; with `lead_in`, text may follow a colon or a full stop
    after the qualifier ("Paragraph 8 of the Concluding Observations: The Committee thanks …").
    """
    if len(text.split()) > MAX_REPLY_HEADING_WORDS and not lead_in:
        return None
    m = lang.phrases("replies", "headings").match(text)
    if m is None:
        return None
    heading_grammar = grammar(lang.code, headings=True)
    pos = m.end()
    while True:
        targets, end = list_at(text, pos, lang.code, headings=True)
        if targets:
            break
        # "Information regarding the recommendation contained in paragraph 11": the first
        # word that can name paragraphs named none; try the next one.
        nxt = heading_grammar.anchor_re.search(text, pos + 1)
        if nxt is None or nxt.start() - m.end() > 120:
            return None
        pos = nxt.start()
    g = grammar(lang.code)
    scope = default_scope
    qualifier_end = end
    for regex, found in (
        (g.co_after, ReferenceScope.CONCLUDING_OBSERVATIONS),
        (g.loi_after, ReferenceScope.LIST_OF_ISSUES),
    ):
        qm = regex.match(text, end) if regex is not None else None
        if qm is not None:
            scope, qualifier_end = found, qm.end()
            break
    else:
        if g.of_other is not None and g.of_other.match(text, end):
            return None  # "Paragraph 3 of article 6": another instrument's
    ps = g.paren_symbol.match(text, qualifier_end)
    if ps is not None:
        qualifier_end = ps.end()
    rest = text[qualifier_end:]
    if lead_in:
        stripped = rest.lstrip()
        if stripped[:1] not in (":", "."):
            return None
        rest = stripped[1:].strip()
    elif _TRAILING_RE.fullmatch(rest) is None:
        return None
    span = fold(text[pos:qualifier_end])
    return ReplyHeading(scope, tuple(targets), span, rest, qualifier_end)


@dataclass(slots=True)
class OpenHeading:
    rank: int
    heading: Heading
    path_text: str  # "IV. Article 2": how the heading appears in a paragraph's path
    targets: list[str] = field(default_factory=list)  # paragraphs a reply heading names
    scope: ReferenceScope = ReferenceScope.CONCLUDING_OBSERVATIONS
    reference: Reference | None = None
    introduction: bool = False


class HeadingStack:
    """The headings above the current line, and every heading met so far in order."""

    def __init__(self, lang: Language, default_scope: ReferenceScope) -> None:
        self.stack: list[OpenHeading] = []
        self.headings: list[Heading] = []
        self.narrow: str | None = None  # the sub-item a lone "(a)" line narrows to
        self.lang = lang
        self.default_scope = default_scope
        self.replies = True  # reply headings are read (not in concluding observations)
        self._last_letter: str | None = None
        self._last_roman = 0

    def label_rank(self, label: str) -> int:
        """Roman numeral or capital letter: "I." after "H." is the letter I."""
        if len(label) == 1:
            last = self._last_letter
            follows_letter = last is not None and ord(label) == ord(last) + 1
            starts_roman = label == "I" and self._last_roman == 0
            roman_next = label in "IVX" and roman_value(label) == self._last_roman + 1
            if follows_letter or not (roman_next or starts_roman):
                self._last_letter = label
                return RANK_LETTER
        self._last_roman = roman_value(label)
        self._last_letter = None
        return RANK_ROMAN

    def reply(self, text: str, lead_in: bool = False) -> ReplyHeading | None:
        if not self.replies:
            return None
        return reply_heading(text, self.lang, self.default_scope, lead_in)

    def push(
        self, rank: int, text: str, label: str | None, reply: ReplyHeading | None = None
    ) -> None:
        folded = fold(text)
        named = reply if reply is not None else self.reply(folded)
        if named is not None and rank == RANK_FOLLOW_UP and self._narrows(named):
            rank = RANK_FOLLOW_UP_ITEM
        if rank <= RANK_FOLLOW_UP_ITEM:
            self.narrow = None  # a topic line under a lone "(b)" keeps the narrowing
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        path_text = f"{label}. {folded}" if label else folded
        opened = OpenHeading(rank, Heading(folded, 1, label), path_text)
        if named is not None:
            opened.targets = list(named.targets)
            opened.scope = named.scope
            opened.reference = Reference(targets=named.targets, scope=named.scope, span=named.span)
            if self.stack and self.stack[-1].targets and rank != RANK_FOLLOW_UP_ITEM:
                # "Information relating to paragraph 36 (d)" after "D. Information relating to
                # paragraph 36 (a)" (its letter lost in extraction) is the next section.
                self.stack.pop()
        else:
            opened.introduction = bool(
                self.lang.phrases("sections", "introduction").fullmatch(folded)
            )
        opened.heading = Heading(folded, len(self.stack) + 1, label, tuple(opened.targets))
        self.stack.append(opened)
        self.headings.append(opened.heading)

    def _narrows(self, named: ReplyHeading) -> bool:
        """Names sub-items of what the reply heading above it names ("Paragraph 11 (a)" under
        "… paragraph 11 of the concluding observations"): a heading inside that one."""
        parent = next((h for h in reversed(self.stack) if h.targets), None)
        if parent is None or parent.rank != RANK_FOLLOW_UP or parent.scope is not named.scope:
            return False
        bases = {t.split("(")[0] for t in parent.targets}
        return all("(" in t and t.split("(")[0] in bases for t in named.targets) and not any(
            "(" in t for t in parent.targets
        )

    def add_outside(self, text: str) -> None:
        """A heading that opens no section for paragraphs ("Notes")."""
        self.headings.append(Heading(text=fold(text), level=1))

    def in_follow_up(self) -> bool:
        return bool(self.stack) and self.stack[-1].rank in (RANK_FOLLOW_UP, RANK_FOLLOW_UP_ITEM)

    def close_follow_up(self) -> bool:
        """A letter's closing formula ends the section on the last CO paragraph."""
        if self.stack and self.stack[-1].rank in (RANK_FOLLOW_UP, RANK_FOLLOW_UP_ITEM):
            self.stack.pop()
            return True
        return False

    def path(self) -> tuple[str, ...]:
        return tuple(h.path_text for h in self.stack)

    def targets(self) -> tuple[ReferenceScope, list[str], list[str]]:
        """The paragraphs the innermost reply heading names, narrowed by a lone "(a)", with
        their scope, and the base ids the headings name (for the linker's "answers")."""
        for opened in reversed(self.stack):
            if opened.introduction:
                return ReferenceScope.CONCLUDING_OBSERVATIONS, [], []
            if opened.targets:
                bases = [t.split("(")[0] for t in opened.targets]
                return opened.scope, self._narrowed(opened.targets), list(dict.fromkeys(bases))
        return ReferenceScope.CONCLUDING_OBSERVATIONS, [], []

    def reference(self) -> Reference | None:
        for opened in reversed(self.stack):
            if opened.introduction:
                return None
            if opened.reference is not None:
                return opened.reference
        return None

    def _narrowed(self, targets: list[str]) -> list[str]:
        """A lone "(a)" narrows the recommendation the heading names to its sub-item (a):
        the paragraph listed with sub-items, else the last one ("17 and 18" -> 17, 18(a))."""
        if self.narrow is None:
            return list(targets)
        bases = [t.split("(")[0] for t in targets]
        with_subs = [b for b, t in zip(bases, targets, strict=True) if "(" in t]
        narrowed_base = with_subs[-1] if with_subs else bases[-1]
        out: list[str] = []
        for base, target in zip(bases, targets, strict=True):
            kept = target if base != narrowed_base else f"{base}({self.narrow})"
            if kept not in out:
                out.append(kept)
        return out
