"""Headings: which labels are Roman numerals or letters, levels, and follow-up headings.

Headings nest by rank (Roman numeral, letter, sub-section enumerator "1.", follow-up heading,
unnumbered topic); a heading's level is its depth in the live stack, so a document without
Roman numerals has its letters at level 1. A follow-up heading ("Follow-up information relating
to paragraphs 21 and 22 (a)–(c) of the concluding observations", "Information relating to
paragraph 17 (a)", a letter's "Paragraph 8 of the Concluding Observations:") names the CO
paragraphs the text under it answers; a lone "(a)" line narrows those to sub-item (a).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.documents.lines import fold
from drafter.documents.model import Heading, Reference, ReferenceScope
from drafter.documents.references import expand_paragraph_list

RANK_ROMAN = 1
RANK_LETTER = 2
RANK_ENUMERATOR = 3
RANK_FOLLOW_UP = 4
RANK_TOPIC = 5

_ROMAN_LABEL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"  # never empty: "." alone is no label
LABEL_ONLY_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.$")
# "H.E. Mr. …" and "J. Smith" are initials, not a heading label.
LABELED_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.[ \t]*(?![A-Z]\.)(?!Mr\b|Ms\b)(\S.*)$")
FOLLOW_UP_HEADING_RE = re.compile(
    r"^(?:Follow-up\s+information\s+relating\s+to|Information\s+relating\s+to|"
    r"Follow-up\s+to|Information\s+on)\s+(paragraphs?\s+\d.*)$",
    re.IGNORECASE,
)
# A committee letter's lead-in: "Paragraph 8 of the Concluding Observations: The Committee …"
LEAD_IN_RE = re.compile(
    r"^(Paragraphs?\s+[\d,;()a-z–\- ]+?\s+of\s+the\s+Concluding\s+Observations"
    r"(?:\s*\([^)]*\))?)\s*[:.]\s*(.*)$",
    re.IGNORECASE,
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(label: str) -> int:
    total, prev = 0, 0
    for ch in reversed(label):
        v = _ROMAN_VALUES.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


@dataclass(slots=True)
class OpenHeading:
    rank: int
    heading: Heading
    path_text: str  # "IV. Article 2": how the heading appears in a paragraph's path
    targets: list[str] = field(default_factory=list)  # CO paragraphs a follow-up heading names
    reference: Reference | None = None


class HeadingStack:
    """The headings above the current line, and every heading met so far in order."""

    def __init__(self) -> None:
        self.stack: list[OpenHeading] = []
        self.headings: list[Heading] = []
        self.narrow: str | None = None  # the sub-item a lone "(a)" line narrows to
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

    def push(self, rank: int, text: str, label: str | None) -> None:
        if rank <= RANK_FOLLOW_UP:
            self.narrow = None  # a topic line under a lone "(b)" keeps the narrowing
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        folded = fold(text)
        path_text = f"{label}. {folded}" if label else folded
        opened = OpenHeading(rank, Heading(folded, 1, label), path_text)
        _read_targets(opened)
        if opened.targets and self.stack and self.stack[-1].targets:
            # "Information relating to paragraph 36 (d)" after "D. Information relating to
            # paragraph 36 (a)" (its letter lost in extraction) is the next section, not inside.
            self.stack.pop()
        opened.heading = Heading(folded, len(self.stack) + 1, label)
        self.stack.append(opened)
        self.headings.append(opened.heading)

    def add_outside(self, text: str) -> None:
        """A heading that opens no section for paragraphs ("Notes")."""
        self.headings.append(Heading(text=fold(text), level=1))

    def close_follow_up(self) -> bool:
        """A letter's closing formula ends the section on the last CO paragraph."""
        if self.stack and self.stack[-1].rank == RANK_FOLLOW_UP:
            self.stack.pop()
            return True
        return False

    def path(self) -> tuple[str, ...]:
        return tuple(h.path_text for h in self.stack)

    def targets(self) -> list[str]:
        """The CO paragraphs the innermost follow-up heading names, narrowed by a lone "(a)"."""
        for opened in reversed(self.stack):
            if opened.targets:
                return self._narrowed(opened.targets)
        return []

    def reference(self) -> Reference | None:
        for opened in reversed(self.stack):
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


def _read_targets(opened: OpenHeading) -> None:
    text = opened.heading.text
    m = FOLLOW_UP_HEADING_RE.match(text)
    lead = LEAD_IN_RE.match(text + ":")
    if m is not None:
        listed = m.group(1)
    elif lead is not None:
        listed = lead.group(1)
    else:
        return
    targets = expand_paragraph_list(listed)
    if targets:
        opened.targets = targets
        opened.reference = Reference(
            targets=tuple(targets),
            scope=ReferenceScope.CONCLUDING_OBSERVATIONS,
            span=fold(listed),
        )
