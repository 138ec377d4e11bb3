"""The one word count: computed on the report tree, by the template's counting rule.

A word is what a word processor counts: a run of characters between spaces that holds a letter
or a digit ("1,000", "non-refoulement", "CERD/C/BRA/CO/18-20"; not "–" or "«"). No-break spaces
separate words like any space, so typography never changes the count.

Words fall in parts, and the template's `word_limit.counts` names the parts a limit applies to:

- `body`: the report's own text (headings, the author's words, labels, the summary table);
- `quotations`: the Committee's and the State party's words quoted, and the author's block quotes;
- `footnotes`: the notes, citations included;
- `annexes`: annex sections;
- `cover`: the cover page and the table of contents.

`drafter check` (words.total in its JSON), `drafter render` ("words: N") and the TUI all show
`WordCount.total`: the same tree, the same rule, the same number.
"""

from __future__ import annotations

import re
from typing import assert_never

import msgspec

from drafter.project.report.tree import (
    Block,
    BlockQuote,
    Cite,
    CodeBlock,
    Comment,
    Contents,
    Division,
    Flag,
    Inline,
    LineBreak,
    Link,
    NoteRef,
    Part,
    Quotation,
    Quoted,
    Report,
    ReportPass,
    Text,
)
from drafter.project.template import COUNT_ALIASES, COUNTED_PARTS

# The parts and rules a template's `word_limit.counts` names (defined with the template).
PARTS = COUNTED_PARTS
ALIASES = COUNT_ALIASES


def counted_parts(rule: str | list[str]) -> frozenset[str]:
    """The parts a template's `word_limit.counts` names ("all", "body" or a list of parts)."""
    names = [rule] if isinstance(rule, str) else rule
    out: set[str] = set()
    for name in names:
        out.update(ALIASES.get(name, (name,)) if isinstance(rule, str) else (name,))
    return frozenset(out)


# A run of non-spaces holding a letter or a digit (no-break spaces are spaces).
_WORD = re.compile(r"[^\s]*[^\W_][^\s]*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class DivisionCount(msgspec.Struct):
    title: str
    part: Part
    words: dict[str, int]  # by part name
    paragraph: str | None = None

    def total(self, parts: frozenset[str]) -> int:
        return sum(n for p, n in self.words.items() if p in parts)


class WordCount(msgspec.Struct):
    parts: dict[str, int] = msgspec.field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    counted: frozenset[str] = frozenset(ALIASES["all"])
    divisions: list[DivisionCount] = []

    @property
    def total(self) -> int:
        """The number the template's word limit applies to."""
        return sum(n for p, n in self.parts.items() if p in self.counted)

    @property
    def all_words(self) -> int:
        return sum(self.parts.values()) - self.parts["cover"]


class _Counter(ReportPass):
    """The words of one division, by part; `part` is where the text being walked counts."""

    def __init__(self, part: str) -> None:
        self.words: dict[str, int] = dict.fromkeys(PARTS, 0)
        self.part = part

    @property
    def quoting(self) -> str:
        """Where quoted words count: with the quotations, except on the cover."""
        return "quotations" if self.part != "cover" else self.part

    def add(self, part: str, text: str) -> None:
        self.words[part] += count_words(text)

    def within(self, part: str, blocks: list[Block]) -> None:
        outer, self.part = self.part, part
        try:
            self.blocks(blocks)
        finally:
            self.part = outer

    def block_quote(self, b: BlockQuote) -> None:
        self.within(self.quoting, b.blocks)

    def quotation(self, b: Quotation) -> None:
        for text in b.paragraphs:
            self.add(self.quoting, text)
        super().quotation(b)

    def code(self, b: CodeBlock) -> None:
        self.add(self.part, b.text)

    def contents(self, b: Contents) -> None:
        self.add(self.part, b.title)
        for e in b.entries:
            self.add(self.part, e.text)

    def inlines(self, inlines: list[Inline]) -> None:
        # Words run across formatting ("**non**-refoulement" is one word), so the text of a
        # paragraph is joined before it is split; quotations and notes are counted apart.
        buffer: list[str] = []
        for i in inlines:
            match i:
                case Text(text=text):
                    buffer.append(text)
                case Link(children=children) | Comment(children=children):
                    # A review comment's own words are not the report's: only what it is on.
                    self.inlines_into(children, buffer)
                case LineBreak():
                    buffer.append(" ")
                case Quoted(text=text):
                    buffer.append(" ")
                    self.add(self.quoting, text)
                case NoteRef(note=note):
                    self.within("footnotes", note.blocks)
                case Cite() | Flag():
                    buffer.append(" ")  # a problem marked in a draft is not the report's text
                case _:
                    assert_never(i)
        self.add(self.part, "".join(buffer))

    def inlines_into(self, inlines: list[Inline], buffer: list[str]) -> None:
        for i in inlines:
            if isinstance(i, Text):
                buffer.append(i.text)
            else:
                buffer.append(" ")
                self.inlines([i])


def _part_of(division: Division) -> str | None:
    match division.part:
        case Part.COVER | Part.CONTENTS:
            return "cover"
        case Part.FRONT | Part.BODY:
            return "body"
        case Part.ANNEX:
            return "annexes"
        case Part.DRAFT:
            return None  # a draft's list of problems is never sent
        case _:
            assert_never(division.part)


def count_report(report: Report, rule: str | list[str]) -> WordCount:
    """Words of `report` by part and by division; `total` by the template's rule."""
    result = WordCount(counted=counted_parts(rule))
    for division in report.divisions:
        part = _part_of(division)
        if part is None:
            continue
        counter = _Counter(part)
        counter.blocks(division.blocks)
        for name, n in counter.words.items():
            result.parts[name] += n
        result.divisions.append(
            DivisionCount(division.title, division.part, counter.words, division.paragraph)
        )
    return result
