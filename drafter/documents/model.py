"""The document model: what drafter knows about one UN document once it has been read.

Readers (text, DOCX, PDF) produce a `SourceText`; the segmenter turns it into a `Document`.
Nothing here knows about files, Textual or DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    """What a document is, as the command line spells it (`--as KIND`)."""

    CONCLUDING_OBSERVATIONS = "concluding-observations"
    STATE_REPORT = "state-report"  # periodic report or follow-up reply of the State
    LIST_OF_ISSUES = "list-of-issues"  # a list of issues (or prior to reporting) of a committee
    COMMITTEE_LETTER = "committee-letter"
    COMPILATION = "compilation"
    EVIDENCE = "evidence"


class Role(StrEnum):
    """The part a concluding-observations paragraph plays."""

    POSITIVE = "positive"
    CONCERN = "concern"
    RECOMMENDATION = "recommendation"
    FOLLOW_UP_REQUEST = "follow-up-request"
    OTHER = "other"


class ReferenceScope(StrEnum):
    """Where a reference points."""

    CONCLUDING_OBSERVATIONS = "concluding-observations"  # the CO the document answers
    LIST_OF_ISSUES = "list-of-issues"  # the list of issues the document answers
    INTERNAL = "internal"  # "see para. 6.1" inside the same document
    OTHER = "other"  # another instrument ("paragraph 24 of the Action Plan")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading with its level (1 = outermost) and its printed label ("IV", "A"), if any."""

    text: str
    level: int
    label: str | None = None
    targets: tuple[str, ...] = ()  # the paragraphs a reply heading names ("17(a)")


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote or endnote, keyed by its printed marker ("1", "*")."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference found in a paragraph's text.

    `targets` are paragraph ids with sub-items written "22(a)"; `symbol` is the document symbol
    when the reference names one ("CERD/C/KAZ/CO/8-10, para. 16"); `span` is the matched text.
    """

    targets: tuple[str, ...]
    scope: ReferenceScope
    span: str
    symbol: str | None = None


@dataclass(frozen=True, slots=True)
class SubItem:
    """A lettered sub-item "(a) …" inside a paragraph."""

    label: str  # "a", "b", "i"
    text: str


@dataclass(slots=True)
class Paragraph:
    """One numbered paragraph (or unnumbered block with a stable id) of a document."""

    id: str  # "16" as printed; unnumbered blocks get stable ids such as "b3"
    text: str  # the whole paragraph text, sub-items included, whitespace folded
    headings: tuple[str, ...] = ()  # heading path above it, outermost first
    numbered: bool = True
    sub_items: tuple[SubItem, ...] = ()
    references: tuple[Reference, ...] = ()
    responds_to: tuple[str, ...] = ()  # CO paragraph ids this paragraph answers, "22(a)"
    footnotes: tuple[str, ...] = ()  # ids of the footnotes whose markers sit in this paragraph
    # Paragraph ids of the list of issues this paragraph answers ("5(a)"): a reply to a list of
    # issues answers it, never the concluding observations.
    responds_to_list_of_issues: tuple[str, ...] = ()
    # The base ids that the reply headings above it name: it answers them (rather than
    # mentioning them in passing).
    named_by_heading: tuple[str, ...] = ()
    # Concluding observations only:
    role: Role | None = None
    topic: str | None = None  # the unnumbered topic sub-heading ("Statelessness")
    pair: str | None = None  # concern -> its recommendation and back
    follow_up: bool = False
    particular_importance: bool = False
    # The sub-items the follow-up request or the urgent-measures sentence names, when it names
    # sub-items rather than the whole paragraph ("16 b) and c)": ("b", "c")).
    follow_up_items: tuple[str, ...] = ()
    particular_importance_items: tuple[str, ...] = ()

    def to_json(self, kind: DocumentKind) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "headings": list(self.headings),
            "text": self.text,
            "responds_to": list(self.responds_to),
            "responds_to_list_of_issues": list(self.responds_to_list_of_issues),
            "numbered": self.numbered,
            "sub_items": [{"label": s.label, "text": s.text} for s in self.sub_items],
            "references": [
                {
                    "targets": list(r.targets),
                    "scope": r.scope.value,
                    "span": r.span,
                    "symbol": r.symbol,
                }
                for r in self.references
            ],
            "footnotes": list(self.footnotes),
        }
        if kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            out["role"] = (self.role or Role.OTHER).value
            out["topic"] = self.topic
            out["pair"] = self.pair
            out["follow_up"] = self.follow_up
            out["follow_up_items"] = list(self.follow_up_items)
            out["particular_importance"] = self.particular_importance
            out["particular_importance_items"] = list(self.particular_importance_items)
        return out


@dataclass(slots=True)
class Document:
    """A segmented document: its kind, symbol, paragraphs in order, headings and footnotes."""

    kind: DocumentKind
    symbol: str | None
    paragraphs: list[Paragraph]
    title: str | None = None
    date: str | None = None  # as printed in the masthead, e.g. "27 October 2025"
    headings: list[Heading] = field(default_factory=list)  # every heading, in order
    footnotes: list[Footnote] = field(default_factory=list)
    answers_symbol: str | None = None  # for a State report: the CO symbol it answers
    # The masthead's own lines (distribution, languages, committee …), kept so no word is lost.
    masthead: list[str] = field(default_factory=list)
    language: str = "en"  # the code of the language of its words (detected or given)
    # For a State report: the list of issues it answers (replies, simplified procedure).
    answers_list_of_issues: str | None = None

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.id == paragraph_id:
                return p
        return None

    def to_json(self) -> dict[str, Any]:
        """The `drafter parse --json` object (the brief's command-line contract)."""
        return {
            "kind": self.kind.value,
            "symbol": self.symbol,
            "title": self.title,
            "date": self.date,
            "answers_symbol": self.answers_symbol,
            "answers_list_of_issues": self.answers_list_of_issues,
            "language": self.language,
            "paragraphs": [p.to_json(self.kind) for p in self.paragraphs],
            "footnotes": [{"id": f.id, "text": f.text} for f in self.footnotes],
        }


@dataclass(slots=True)
class SourceText:
    """What a reader hands the segmenter: logical lines in reading order, plus footnotes.

    Readers remove what is not text of the document (running headers and footers, page numbers)
    and rejoin hyphenated breaks; the segmenter decides what is a heading or a paragraph.
    A line may be a whole paragraph (DOCX, one-paragraph-per-line text) or a wrapped piece of one
    (pdftotext output); the segmenter handles both.
    """

    path: str
    lines: list[str]
    footnotes: list[Footnote] = field(default_factory=list)
    # Numbers that the source's own list numbering gave a line (DOCX auto-numbering), by index
    # into `lines`; the segmenter treats them as if printed.
    list_numbers: dict[int, str] = field(default_factory=dict)
    # Footnote markers the reader cut out of the text ("Brazil,1" -> "Brazil,"), by line index:
    # the segmenter gives them to the paragraph that line ends up in.
    footnote_anchors: dict[int, list[str]] = field(default_factory=dict)
