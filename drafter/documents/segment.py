"""Segmentation: logical lines (a `SourceText`) -> a `Document` of headings and paragraphs.

One pass over the lines, with a small amount of look-ahead, so the cost is linear:

1. Page furniture a reader may have left (running symbol headers, "GE.22-27770(E)" job numbers,
   page numbers, barcodes) is dropped, and the footnote block at the foot of each page of
   pdftotext output (pages split by form feeds) is turned into footnotes.
2. The masthead (symbol, date, title) is read from the lines above the first heading or paragraph.
3. Every other line is a heading (Roman numeral, letter, sub-section enumerator, follow-up
   heading, unnumbered topic), the start of a numbered paragraph ("16." + space, tab, nothing, or
   alone on its line), a sub-item ("(a)" inline or alone), a lone sub-item marker that narrows the
   follow-up heading above it (a State report's "(a)" before numbered paragraphs), a footnote
   marker or note, or text that continues the paragraph (wrapped lines are rejoined).
4. Documents without paragraph numbers (letters, statements) become blocks "b1", "b2" … in
   document order, so their ids are stable across re-reads of the same text.

Kind-specific meaning (roles and follow-up in concluding observations) lives in
`concluding_observations.py`; references in `references.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.documents import concluding_observations
from drafter.documents.masthead import (
    Masthead,
    answered_symbol,
    detect_kind,
    has_masthead,
    read_masthead,
)
from drafter.documents.model import (
    Document,
    DocumentKind,
    Footnote,
    Heading,
    Paragraph,
    Reference,
    ReferenceScope,
    SourceText,
    SubItem,
)
from drafter.documents.references import (
    ReferenceContext,
    clean_symbol,
    expand_paragraph_list,
    find_references,
)

# --- line patterns --------------------------------------------------------------------------

_ROMAN_LABEL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"  # never empty: "." alone is no label
_LABEL_ONLY_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.$")
# "H.E. Mr. …" and "J. Smith" are initials, not a heading label.
_LABELED_RE = re.compile(r"^(" + _ROMAN_LABEL + r"|[A-Z])\.[ \t]*(?![A-Z]\.)(?!Mr\b|Ms\b)(\S.*)$")
_NUMBER_ONLY_RE = re.compile(r"^(\d{1,3})\.$")
_NUMBERED_RE = re.compile(r"^(\d{1,3})\.[ \t]*(\S.*)$")
_BARE_NUMBER_RE = re.compile(r"^(\d{1,3})$")
_SUB_ONLY_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)$")
_SUB_LINE_RE = re.compile(r"^\(([a-z]|[ivx]{1,5})\)[ \t]*(\S.*)$")
_FOLLOW_UP_HEADING_RE = re.compile(
    r"^(?:Follow-up\s+information\s+relating\s+to|Information\s+relating\s+to|"
    r"Follow-up\s+to|Information\s+on)\s+(paragraphs?\s+\d.*)$",
    re.IGNORECASE,
)
# A committee letter's lead-in: "Paragraph 8 of the Concluding Observations: The Committee …"
_LEAD_IN_RE = re.compile(
    r"^(Paragraphs?\s+[\d,;()a-z–\- ]+?\s+of\s+the\s+Concluding\s+Observations"
    r"(?:\s*\([^)]*\))?)\s*[:.]\s*(.*)$",
    re.IGNORECASE,
)
_NOTES_RE = re.compile(r"^(?:Notes|Endnotes|Footnotes)$")
_NOTE_LINE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_FOOT_STAR_RE = re.compile(r"^(\*{1,3})\s*(\S.*)$")
_JOB_NUMBER_RE = re.compile(r"^GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?$")
_BARCODE_RE = re.compile(r"^(?:\d{6,}|\*\d{5,}\*)$")
_BULLET_RE = re.compile(r"^[-•▪◦●■\u2013\uf0b7\uf0a7\uf0d8\uf076\uf02d]\s*")
_ADDRESS_RE = re.compile(r"^(?:H\.\s?E\.|His Excellency|Her Excellency|Permanent Representative)")
_CLOSING_RE = re.compile(
    r"^(?:Rest assured|Please accept|Accept, Excellency|Yours (?:sincerely|faithfully))"
)
# Markdown and HTML left in converted text: "**Paragraph 8 …:**", "88<sup>th</sup>", links.
_BOLD_RE = re.compile(r"\*\*([^*\n]+?)\*\*")
_TAG_RE = re.compile(r"</?(?:sup|sub|b|i|em|strong|span)[^>]*>", re.IGNORECASE)
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\(((?:mailto:|https?://)([^)\s]*))\)")
_SENTENCE_END = (".", ";", "?", "!", ")", "”", '"', "’", "…")
_LIST_START_RE = re.compile(r":\s*$")
# Inline footnote markers a reader did not cut: "Brazil,1 submitted", "first.4", "officials. 3".
_GLUED_MARKER_RE = re.compile(r"(?<=[^\W\d_][.,;:”’\")]|[^\W\d_]”)(\d{1,3})(?=[\s.,;:]|$)")
# "at 17.56 UNESCO …": a marker after a number ending a sentence, when a sentence follows;
# at a line end only after a year ("in 2021.55", "by 2007,9 progress"): "39.1" is a number.
_DIGIT_DOT_MARKER_RE = re.compile(r"(?<=\d\.)(\d{1,3})(?=\s+[A-Z])")
_YEAR_DOT_MARKER_RE = re.compile(r"(?<=\b(?:19|20)\d\d[.,;])(\d{1,3})(?=\s|$)")
_WORD_MARKER_RE = re.compile(r"(?<=[a-z]{3})(\d{1,3})(?=[\s.,;:]|$)")  # "observations10 and"
_YEAR_SPACE_MARKER_RE = re.compile(r"(?<=\b(?:19|20)\d\d)\s(\d{1,3})(?=\s)")  # "2014 6 and"
_SPACED_MARKER_RE = re.compile(r"(?<=[.,;:”)])\s(\d{1,3})(?=\s|$)")
_NOT_MARKER_BEFORE_RE = re.compile(
    r"(?:\bparas?|\bNo|\bNos|\barts?|\bp|\bpp|\bch|\bsect|\bvol|\bresolution)\.?\s*[.,]?\s*$",
    re.IGNORECASE,
)

# Heading ranks: outer to inner. Levels are positions in the live heading stack.
RANK_ROMAN = 1
RANK_LETTER = 2
RANK_ENUMERATOR = 3
RANK_FOLLOW_UP = 4
RANK_TOPIC = 5

MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 160


def _fold(text: str) -> str:
    return " ".join(text.split())


def _heading_like(text: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    """Short, capitalised, not a sentence: the shape of a topic heading."""
    if not text or len(text) > MAX_HEADING_CHARS:
        return False
    first = text[0]
    if not (first.isalpha() and first.isupper()):
        return False
    if text.endswith((".", ",", ";", ":")) or _BULLET_RE.match(text):
        return False
    return len(text.split()) <= max_words


_TRAILING_MARKER_RE = re.compile(r"(?<=[.;:)”\"’])\s?\d{1,3}$")


def _ends_sentence(text: str) -> bool:
    """Ends like a sentence, a footnote marker after the full stop ("first.4") aside."""
    return _TRAILING_MARKER_RE.sub("", text.rstrip()).endswith(_SENTENCE_END)


def _roman_value(label: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total, prev = 0, 0
    for ch in reversed(label):
        v = values.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _printed_label(label: str) -> str:
    """A list number as the document would print it: "1." for paragraphs, "(a)" for items."""
    core = label.strip().strip("().")
    if core.isdigit():
        return f"{core}."
    if core.isalpha() and core.islower():
        return f"({core})"
    return label.strip()


def _link_text(m: re.Match[str]) -> str:
    """A Markdown link as its text, plus the address when the text does not already say it."""
    label, address = m.group(1), m.group(3)
    return label if label.strip() == address.strip() else f"{label} ({m.group(2)})"


# --- the working line -----------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    text: str
    source_index: int  # index into SourceText.lines (anchors and list numbers are keyed by it)
    page_end: bool = False  # last line before a form feed


@dataclass(slots=True)
class _OpenHeading:
    rank: int
    heading: Heading
    path_text: str
    targets: list[str] = field(default_factory=list)  # CO paragraphs a follow-up heading names
    reference: Reference | None = None


@dataclass(slots=True)
class _Builder:
    id: str
    numbered: bool
    headings: tuple[str, ...]
    responds_to: list[str]
    heading_reference: Reference | None
    parts: list[str] = field(default_factory=list)
    subs: list[list[str]] = field(default_factory=list)  # [label, text parts…]
    footnotes: list[str] = field(default_factory=list)
    last_line: str = ""
    closed: bool = False  # already in the document (a block resumed after an address block)

    def add(self, text: str) -> None:
        self.parts.append(text)
        if self.subs:
            self.subs[-1].append(text)
        self.last_line = text

    def text(self) -> str:
        return _join(self.parts)


def _join(parts: list[str]) -> str:
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith(("-", "–")) and len(out) > 1 and out[-2].isalnum() and part[:1].isalnum():
            out += part  # broken at a hyphen or dash ("non-\ncitizens", "2022–\n2024"): kept
        else:
            out += " " + part
    return _fold(out)


# --- the segmenter --------------------------------------------------------------------------


class _Segmenter:
    def __init__(self, source: SourceText, kind: DocumentKind | None, symbol: str | None) -> None:
        self.source = source
        self.forced_kind = kind
        self.forced_symbol = clean_symbol(symbol) if symbol else None
        self.footnotes: dict[str, str] = {f.id: f.text for f in source.footnotes}
        self.found_notes: list[tuple[str, str]] = []
        # Markers a reader left in the text: all of them in raw text; with a reader's notes,
        # only those of its notes that it anchored nowhere ("2014 6 and" in pdftotext output).
        anchored = {a for found in source.footnote_anchors.values() for a in found}
        self.unanchored: set[str] | None = (
            {f.id for f in source.footnotes if f.id not in anchored} if source.footnotes else None
        )
        self.split_markers = self.unanchored is None or bool(self.unanchored)
        self.next_marker = 1
        self.endnote_count = 0
        self.markers: set[str] = set()  # footnote markers met in the text so far
        self.width = 80
        self.paragraphs: list[_Builder] = []
        self.headings: list[Heading] = []
        self.stack: list[_OpenHeading] = []
        self.current: _Builder | None = None
        self.expected = 1
        self.seen_numbered = False
        self.block_count = 0
        self.narrow: str | None = None
        self.last_letter: str | None = None
        self.last_roman = 0

    # -- stage 1: lines ----------------------------------------------------------------------

    def _prepare(self) -> list[_Line]:
        out: list[_Line] = []
        for index, raw in enumerate(self.source.lines):
            pieces = raw.split("\f")
            for n, piece in enumerate(pieces):
                if n > 0:
                    # The page ends at its last non-blank line (pdftotext leaves blanks before \f).
                    last = next((ln for ln in reversed(out) if ln.text), None)
                    if last is not None:
                        last.page_end = True
                text = self._unmark(piece).strip()
                if self.source.list_numbers.get(index) and n == 0:
                    text = f"{_printed_label(self.source.list_numbers[index])} {text}"
                out.append(_Line(text, index))
        return out

    @staticmethod
    def _unmark(text: str) -> str:
        text = text.replace("\u00a0", " ").replace("\u200b", "")
        if "<" in text:
            text = _TAG_RE.sub("", text)
        if "**" in text:
            text = _BOLD_RE.sub(r"\1", text)
        if "](" in text:
            text = _LINK_RE.sub(_link_text, text)
        return text

    def _drop_furniture(self, lines: list[_Line], symbol: str | None) -> list[_Line]:
        """Remove running headers, job numbers, barcodes; turn page-foot blocks into notes."""
        paged = any(ln.page_end for ln in lines)
        if paged:
            lines = self._strip_page_feet(lines, symbol)
        out: list[_Line] = []
        seen_symbol = False
        for ln in lines:
            t = ln.text
            if _JOB_NUMBER_RE.match(t) or _BARCODE_RE.match(t):
                continue
            if symbol is not None and clean_symbol(t) == symbol:
                if seen_symbol:
                    continue  # the running header of every page after the first
                seen_symbol = True
            if paged and ln.page_end and _BARE_NUMBER_RE.match(t):
                continue  # a page number
            out.append(ln)
        return out

    def _strip_page_feet(self, lines: list[_Line], symbol: str | None) -> list[_Line]:
        pages: list[list[_Line]] = [[]]
        for ln in lines:
            pages[-1].append(ln)
            if ln.page_end:
                pages.append([])
        out: list[_Line] = []
        in_notes = False
        for page in pages:
            # An endnotes section ("Notes") is all notes: the walker reads it, not the foot reader.
            in_notes = in_notes or any(_NOTES_RE.match(ln.text) for ln in page)
            start = len(page) if in_notes else self._foot_start(page)
            out.extend(page[:start])
            if start < len(page):
                self._read_page_foot(page[start:], symbol)
                if out:
                    out[-1].page_end = True
        return out

    @staticmethod
    def _foot_start(page: list[_Line]) -> int:
        """Where the foot of a pdftotext page begins: a blank line, then a note or number."""
        for i in range(1, len(page)):
            t = page[i].text
            if page[i - 1].text or not t:
                continue
            if _BARE_NUMBER_RE.match(t) or (_FOOT_STAR_RE.match(t) and not t.startswith("**")):
                return i
            if t.startswith("**") and _FOOT_STAR_RE.match(t):
                return i
        return len(page)

    def _read_page_foot(self, foot: list[_Line], symbol: str | None) -> None:
        highest = max((int(k) for k in self.footnotes if k.isdigit()), default=0)
        queue: list[str] = []
        texts: list[tuple[str | None, str]] = []
        for ln in foot:
            t = ln.text
            if not t or _JOB_NUMBER_RE.match(t) or _BARCODE_RE.match(t):
                continue
            if symbol is not None and clean_symbol(t) == symbol:
                continue
            if _BARE_NUMBER_RE.match(t):
                if int(t) > highest and t not in queue:
                    queue.append(t)
                continue
            star = _FOOT_STAR_RE.match(t)
            if star is not None:
                texts.append((star.group(1), star.group(2)))
                continue
            note = _NOTE_LINE_RE.match(t)
            if note is not None and int(note.group(1)) > highest:
                texts.append((note.group(1), note.group(2)))
                continue
            if texts and (t[:1].islower() or t[:1] in "-–/" or not _ends_sentence(texts[-1][1])):
                key, previous = texts[-1]
                texts[-1] = (key, _join([previous, t]))
                continue
            texts.append((None, t))
        counter = highest
        for key, text in texts:
            if key is None:
                while queue and int(queue[0]) <= counter:
                    queue.pop(0)
                key = queue.pop(0) if queue else str(counter + 1)
            if key.isdigit():
                counter = max(counter, int(key))
                if key in queue:
                    queue.remove(key)
            self._add_note(key, text)

    def _add_note(self, key: str, text: str) -> None:
        if key in self.footnotes:
            self.footnotes[key] = _join([self.footnotes[key], text])
        else:
            self.footnotes[key] = text
            self.found_notes.append((key, text))

    # -- stage 2: masthead ---------------------------------------------------------------------

    def _split_masthead(self, lines: list[_Line]) -> tuple[Masthead, list[_Line]]:
        texts = [ln.text for ln in lines]
        if not has_masthead(texts):
            return Masthead(None, None, None, []), lines
        end = len(lines)
        for i, ln in enumerate(lines):
            t = ln.text
            if (
                _LABEL_ONLY_RE.match(t)
                or _NUMBER_ONLY_RE.match(t)
                or (_LABELED_RE.match(t) and _heading_like(_LABELED_RE.match(t).group(2), 30))  # type: ignore[union-attr]
                or (_NUMBERED_RE.match(t) and not t.startswith(("0",)))
            ):
                end = i
                break
        head = read_masthead(texts[:end])
        return head, lines[end:]

    # -- stage 3: body ---------------------------------------------------------------------------

    def run(self) -> Document:
        lines = self._prepare()
        from drafter.documents.masthead import find_symbol

        printed_symbol = find_symbol([ln.text for ln in lines])
        lines = self._drop_furniture(lines, printed_symbol)
        masthead, body = self._split_masthead(lines)
        symbol = self.forced_symbol or masthead.symbol or printed_symbol
        full_text = "\n".join(ln.text for ln in body[:400])
        kind = self.forced_kind or detect_kind(symbol, masthead.title, full_text)
        self.kind = kind
        self.numbered_mode = self._count_numbered(body) >= 3
        self.answers = None
        if kind in (DocumentKind.STATE_REPORT, DocumentKind.COMMITTEE_LETTER):
            self.answers = answered_symbol("\n".join(ln.text for ln in body), symbol)
        self._walk(body)
        title = masthead.title
        if title is None and not masthead.lines and self.headings and kind is DocumentKind.EVIDENCE:
            title = self.headings[0].text
        paragraphs = self._finish()
        document = Document(
            kind=kind,
            symbol=symbol,
            paragraphs=paragraphs,
            title=title,
            date=masthead.date or self._letter_date(body),
            headings=self.headings,
            footnotes=self._footnote_list(),
            answers_symbol=self.answers,
        )
        document.masthead = masthead.lines
        if kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            concluding_observations.annotate(document)
        return document

    @staticmethod
    def _letter_date(body: list[_Line]) -> str | None:
        from drafter.documents.masthead import DATE_RE

        for ln in body[:30]:
            m = DATE_RE.match(ln.text)
            if m is not None:
                return m.group(1)
        return None

    def _footnote_list(self) -> list[Footnote]:
        seen: list[Footnote] = [Footnote(f.id, f.text) for f in self.source.footnotes]
        ids = {f.id for f in seen}
        for key, _ in self.found_notes:
            if key not in ids:
                seen.append(Footnote(key, self.footnotes[key]))
                ids.add(key)
        return seen

    @staticmethod
    def _count_numbered(body: list[_Line]) -> int:
        count, expected = 0, None
        for ln in body:
            m = _NUMBERED_RE.match(ln.text) or _NUMBER_ONLY_RE.match(ln.text)
            if m is None:
                continue
            n = int(m.group(1))
            if expected is None or n == expected:
                count += 1
                expected = n + 1
        return count

    def _next_text(self, lines: list[_Line], i: int) -> tuple[int, str]:
        """Index and text of the next non-blank line after i (len, "" when none)."""
        j = i + 1
        while j < len(lines) and not lines[j].text:
            j += 1
        return j, lines[j].text if j < len(lines) else ""

    def _starts_paragraph(self, text: str) -> bool:
        m = _NUMBERED_RE.match(text) or _NUMBER_ONLY_RE.match(text)
        return m is not None and int(m.group(1)) == self.expected

    def _structural(self, text: str) -> bool:
        return bool(
            self._starts_paragraph(text)
            or _LABEL_ONLY_RE.match(text)
            or _FOLLOW_UP_HEADING_RE.match(text)
            or _SUB_ONLY_RE.match(text)
            or (_LABELED_RE.match(text) and _heading_like(_LABELED_RE.match(text).group(2), 30))  # type: ignore[union-attr]
        )

    def _walk(self, lines: list[_Line]) -> None:
        i = 0
        notes = False
        pending_break = True
        prev_text = ""
        wrapped = self._looks_wrapped(lines)
        lengths = sorted(len(ln.text) for ln in lines if ln.text)
        self.width = lengths[len(lengths) * 3 // 4] if lengths else 80
        while i < len(lines):
            ln = lines[i]
            t = ln.text
            if not t:
                pending_break = True
                i += 1
                continue
            if notes:
                i = self._note_line(lines, i)
                continue
            if _NOTES_RE.match(t) and self.seen_numbered:
                notes = True
                self._close()
                self.headings.append(Heading(text=t, level=1))
                i += 1
                continue
            i, prev_text = self._line(lines, i, pending_break, prev_text, wrapped)
            pending_break = False

    def _looks_wrapped(self, lines: list[_Line]) -> bool:
        """pdftotext-style text: many lines stop mid-sentence at a similar width."""
        texts = [ln.text for ln in lines if ln.text]
        if len(texts) < 6:
            return False
        unended = sum(1 for t in texts if not _ends_sentence(t))
        return unended > len(texts) * 0.35

    # The classifier for one non-blank line; returns the next index and the line's text.
    def _line(
        self, lines: list[_Line], i: int, pending_break: bool, prev_text: str, wrapped: bool
    ) -> tuple[int, str]:
        ln = lines[i]
        t = ln.text
        anchors = self.source.footnote_anchors.get(ln.source_index, [])

        m = _LABEL_ONLY_RE.match(t)
        if m is not None:
            j, nxt = self._next_text(lines, i)
            if nxt and not self._starts_paragraph(nxt) and not _LABEL_ONLY_RE.match(nxt):
                end = self._heading_with_label(m.group(1), nxt, lines, j)
                return end, nxt
        m = _LABELED_RE.match(t)
        if m is not None and _heading_like(m.group(2), 30) and not _BARE_NUMBER_RE.match(t):
            end = self._heading_with_label(m.group(1), m.group(2), lines, i)
            return end, t
        m = _FOLLOW_UP_HEADING_RE.match(t)
        if m is not None:
            text, end = self._continued(t, lines, i)
            self._push_heading(RANK_FOLLOW_UP, text, None)
            return end, text
        lead = _LEAD_IN_RE.match(t)
        if lead is not None:
            self._push_heading(RANK_FOLLOW_UP, lead.group(1), None)
            if lead.group(2):
                self._new_block(lead.group(2), ln)
            return i + 1, t

        m = _NUMBERED_RE.match(t) or _NUMBER_ONLY_RE.match(t)
        digit_rest = m is not None and m.re is _NUMBERED_RE and m.group(2)[0].isdigit()
        if m is not None and digit_rest and int(m.group(1)) != self.expected:
            m = None  # "54.2025 has been declared …" is paragraph 54; "1.5 million" is not one
        if m is not None and self.numbered_mode:
            n = int(m.group(1))
            rest = m.group(2) if m.re is _NUMBERED_RE else ""
            rest_index = i
            if not rest:
                rest_index, rest = self._next_text(lines, i)
            full_rest, rest_end = self._continued(rest, lines, rest_index) if rest else ("", i)
            after = self._next_text(lines, rest_end - 1)[1] if rest else ""
            heading_shape = _heading_like(full_rest, 24) and not _NUMBERED_RE.match(rest)
            if n == self.expected or (n > self.expected and not heading_shape):
                enumerator = heading_shape and n == self.expected and self._starts_after(after, n)
                if not enumerator:
                    self._new_paragraph(str(n), ln)
                    if m.re is _NUMBERED_RE:
                        self._add_text(m.group(2), ln, anchors)
                    return i + 1, t
            if heading_shape:
                self._push_heading(RANK_ENUMERATOR, full_rest, m.group(1))
                return rest_end, full_rest

        m = _BARE_NUMBER_RE.match(t)
        if m is not None and self.numbered_mode:
            # A footnote number on its own line (PDF-extracted text), or a stray page number.
            if self.current is not None:
                self.current.footnotes.append(m.group(1))
                self.markers.add(m.group(1))
            if int(m.group(1)) >= self.next_marker:
                self.next_marker = int(m.group(1)) + 1
            return i + 1, prev_text

        m = _SUB_ONLY_RE.match(t)
        if m is not None:
            j, nxt = self._next_text(lines, i)
            _, after = self._next_text(lines, j)
            marker = self._starts_paragraph(nxt) or (
                _heading_like(nxt) and self._starts_paragraph(after)
            )
            if marker and self.kind is not DocumentKind.CONCLUDING_OBSERVATIONS:
                self._close()
                self.narrow = m.group(1)
                return i + 1, t
            if self.current is None:
                self._new_block("", ln)
            assert self.current is not None
            self.current.subs.append([m.group(1)])
            self.current.parts.append(t)
            return i + 1, t
        m = _SUB_LINE_RE.match(t)
        if m is not None and self.current is not None:
            self.current.subs.append([m.group(1)])
            self.current.parts.append(f"({m.group(1)})")
            self._add_text(m.group(2), ln, anchors)
            return i + 1, t

        if _CLOSING_RE.match(t) and self.stack and self.stack[-1].rank == RANK_FOLLOW_UP:
            self.stack.pop()
            self._close()

        if self.numbered_mode:
            ended = not prev_text or _ends_sentence(prev_text) or self.current is None
            opening = self.current is not None and not self.current.parts  # "4." then its text
            if ended and not opening and not _LIST_START_RE.search(prev_text) and t[:1].isupper():
                # A topic heading, perhaps wrapped ("… address legacies of / historical
                # injustices"), directly above a paragraph, a lettered heading or a marker.
                full, end = self._continued(t, lines, i)
                j, nxt = self._next_text(lines, end - 1)
                if _heading_like(full, 20) and nxt and self._structural(nxt):
                    self._push_heading(RANK_TOPIC, full, None)
                    return end, full
                _, after = self._next_text(lines, j)
                if (
                    end == i + 1
                    and _heading_like(t)
                    and _heading_like(nxt)
                    and after
                    and self._starts_paragraph(after)
                ):
                    # A section heading whose letter the extraction lost ("Other
                    # recommendations"), then the topic of the paragraph that follows.
                    self._push_heading(RANK_LETTER, t, None)
                    self._push_heading(RANK_TOPIC, nxt, None)
                    return j + 1, nxt
            if self._list_ends_with_heading(t, lines, i):
                self._push_heading(RANK_TOPIC, t, None)
                return i + 1, t
            if self.current is None:
                self._new_block("", ln)
            self._add_text(t, ln, anchors)
            return i + 1, t

        # Unnumbered documents: blocks separated by blank lines, bullets, or (in wrapped text)
        # a short line that ends a sentence.
        new_block = (
            self.current is None
            or pending_break
            or _BULLET_RE.match(t) is not None
            or (wrapped and self._short_end(prev_text))
        )
        if new_block and t[:1].islower():
            # A sentence resumed after a page break or an address block ("H.E. Mr …").
            open_block = self._unfinished_block()
            if open_block is not None:
                # The resumed block takes the following wrapped lines too.
                self._close()
                self.current = open_block
                open_block.add(t)
                return i + 1, t
        if new_block:
            note = _NOTE_LINE_RE.match(t)
            if note is not None and note.group(1) in self._open_markers():
                i = self._inline_note(lines, i, note.group(1), note.group(2))
                return i, ""
            j, nxt = self._next_text(lines, i)
            if wrapped:
                # In wrapped text a heading is a short line, well short of the text width.
                standalone = len(t) < 0.7 * self.width and _heading_like(t, 14)
            else:
                standalone = (j > i + 1 or not nxt) and _heading_like(t, 25)
            if self.kind is not DocumentKind.COMMITTEE_LETTER and standalone:
                self._push_heading(RANK_TOPIC, t, None)
                return i + 1, t
            self._new_block("", ln)
        self._add_text(t, ln, anchors)
        return i + 1, t

    def _list_ends_with_heading(self, t: str, lines: list[_Line], i: int) -> bool:
        """A short topic line right after an unpunctuated list ("…: / Item one / Item two /
        Legal and institutional measures / 404."), clearly shorter than the list's items."""
        current = self.current
        if current is None or len(current.parts) < 2 or _ends_sentence(current.last_line):
            return False
        words = len(t.split())
        if words > 5 or not _heading_like(t):
            return False
        nxt = self._next_text(lines, i)[1]
        if not nxt or not self._starts_paragraph(nxt):
            return False
        items: list[str] = []
        for part in reversed(current.parts):
            if _LIST_START_RE.search(part):
                break
            if _ends_sentence(part):
                return False
            items.append(part)
        else:
            return False
        average = sum(len(item.split()) for item in items) / max(len(items), 1)
        return len(items) >= 2 and average >= max(2 * words, 6)

    def _unfinished_block(self) -> _Builder | None:
        """The last block, skipping address blocks, if it stops mid-sentence."""
        candidates = [*self.paragraphs, *([self.current] if self.current is not None else [])]
        for b in reversed(candidates[-3:]):
            if b.parts and _ADDRESS_RE.match(b.parts[0]):
                continue
            return b if b.parts and not _ends_sentence(b.last_line) else None
        return None

    def _short_end(self, prev: str) -> bool:
        ends = prev.rstrip().endswith((".", "?", "!", ":"))
        return bool(prev) and ends and len(prev) < 0.85 * self.width

    def _starts_after(self, after: str, n: int) -> bool:
        m = _NUMBERED_RE.match(after) or _NUMBER_ONLY_RE.match(after)
        return m is not None and int(m.group(1)) == n

    def _open_markers(self) -> set[str]:
        """Markers seen in the text whose note has not been read yet."""
        return {m for m in self.markers if m not in self.footnotes}

    def _inline_note(self, lines: list[_Line], i: int, key: str, text: str) -> int:
        """A note printed at the foot of a page of plain text: "1 This information …"."""
        open_markers = self._open_markers()
        parts = [text]
        j = i + 1
        while j < len(lines) and lines[j].text:
            note = _NOTE_LINE_RE.match(lines[j].text)
            if note is not None and note.group(1) in open_markers and note.group(1) != key:
                self._add_note(key, _join(parts))
                key, parts = note.group(1), [note.group(2)]
            else:
                parts.append(lines[j].text)
            j += 1
        self._add_note(key, _join(parts))
        return j

    def _note_line(self, lines: list[_Line], i: int) -> int:
        t = lines[i].text
        last = self.endnote_count
        bare = _BARE_NUMBER_RE.match(t)
        if bare is not None:
            if last < int(t) <= last + 3:
                j, nxt = self._next_text(lines, i)
                if nxt and not _BARE_NUMBER_RE.match(nxt) and not _NOTE_LINE_RE.match(nxt):
                    self._add_endnote(t, nxt)
                    return j + 1
                self._add_endnote(t, "")
            return i + 1
        note = _NOTE_LINE_RE.match(t)
        if note is not None and last < int(note.group(1)) <= last + 3:  # a lost number or two
            self._add_endnote(note.group(1), note.group(2))
            return i + 1
        self._add_endnote(str(max(last, 1)), t)
        return i + 1

    def _add_endnote(self, key: str, text: str) -> None:
        self.endnote_count = max(self.endnote_count, int(key))
        self._add_note(key, text)

    def _continued(self, text: str, lines: list[_Line], i: int) -> tuple[str, int]:
        """A heading wrapped over lines: continuation lines start lowercase or with "(".

        One blank line may sit in between (double-spaced extractions).
        """
        parts = [text]
        j = i + 1
        while j < len(lines) and len(parts) < 4:
            k = j + 1 if not lines[j].text and j + 1 < len(lines) else j
            nxt = lines[k].text
            lowercase = nxt[:1].islower()
            bracket = nxt[:1] == "(" and not _SUB_ONLY_RE.match(nxt) and k == j
            if not nxt or not (lowercase or bracket) or _SUB_LINE_RE.match(nxt):
                break
            parts.append(nxt)
            j = k + 1
        return _join(parts), j

    def _heading_with_label(self, label: str, text: str, lines: list[_Line], i: int) -> int:
        full, end = self._continued(text, lines, i)
        rank = self._label_rank(label)
        self._push_heading(rank, full, label)
        return end

    def _label_rank(self, label: str) -> int:
        """Roman numeral or capital letter: "I." after "H." is the letter I."""
        if len(label) == 1:
            last = self.last_letter
            follows_letter = last is not None and ord(label) == ord(last) + 1
            starts_roman = label == "I" and self.last_roman == 0
            roman_next = label in "IVX" and _roman_value(label) == self.last_roman + 1
            if follows_letter or not (roman_next or starts_roman):
                self.last_letter = label
                return RANK_LETTER
        self.last_roman = _roman_value(label)
        self.last_letter = None
        return RANK_ROMAN

    def _push_heading(self, rank: int, text: str, label: str | None) -> None:
        self._close()
        if rank <= RANK_FOLLOW_UP:
            self.narrow = None  # a topic line under a lone "(b)" keeps the narrowing
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        folded = _fold(text)
        path_text = f"{label}. {folded}" if label else folded
        open_heading = _OpenHeading(rank, Heading(folded, 1, label), path_text)
        self._read_heading_targets(open_heading)
        if open_heading.targets and self.stack and self.stack[-1].targets:
            # "Information relating to paragraph 36 (d)" after "D. Information relating to
            # paragraph 36 (a)" (its letter lost in extraction) is the next section, not inside.
            self.stack.pop()
        open_heading.heading = Heading(folded, len(self.stack) + 1, label)
        self.stack.append(open_heading)
        self.headings.append(open_heading.heading)

    def _read_heading_targets(self, open_heading: _OpenHeading) -> None:
        text = open_heading.heading.text
        m = _FOLLOW_UP_HEADING_RE.match(text)
        lead = _LEAD_IN_RE.match(text + ":")
        if m is not None:
            listed = m.group(1)
        elif lead is not None:
            listed = lead.group(1)
        else:
            return
        targets = expand_paragraph_list(listed)
        if not targets:
            return
        open_heading.targets = targets
        span = listed
        open_heading.reference = Reference(
            targets=tuple(targets),
            scope=ReferenceScope.CONCLUDING_OBSERVATIONS,
            span=_fold(span),
            symbol=None,
        )

    def _heading_targets(self) -> list[str]:
        for open_heading in reversed(self.stack):
            if open_heading.targets:
                return self._narrowed(open_heading.targets)
        return []

    def _narrowed(self, targets: list[str]) -> list[str]:
        """A lone "(a)" narrows the recommendation the heading names to its sub-item (a)."""
        if self.narrow is None:
            return list(targets)
        bases = [t.split("(")[0] for t in targets]
        with_subs = [b for b, t in zip(bases, targets, strict=True) if "(" in t]
        narrowed_base = with_subs[-1] if with_subs else bases[-1]
        out: list[str] = []
        for base, target in zip(bases, targets, strict=True):
            if base != narrowed_base:
                if target not in out:
                    out.append(target)
                continue
            candidate = f"{base}({self.narrow})"
            if candidate not in out:
                out.append(candidate)
        return out

    def _path(self) -> tuple[str, ...]:
        return tuple(h.path_text for h in self.stack)

    def _heading_reference(self) -> Reference | None:
        for open_heading in reversed(self.stack):
            if open_heading.reference is not None:
                return open_heading.reference
        return None

    def _new_paragraph(self, number: str, ln: _Line) -> None:
        self._close()
        self.seen_numbered = True
        self.expected = int(number) + 1
        self.current = _Builder(
            id=number,
            numbered=True,
            headings=self._path(),
            responds_to=self._heading_targets(),
            heading_reference=None,
        )

    def _new_block(self, text: str, ln: _Line) -> None:
        self._close()
        self.block_count += 1
        self.current = _Builder(
            id=f"b{self.block_count}",
            numbered=False,
            headings=self._path(),
            responds_to=self._heading_targets(),
            heading_reference=self._heading_reference(),
        )
        if text:
            self._add_text(text, ln, self.source.footnote_anchors.get(ln.source_index, []))

    def _add_text(self, text: str, ln: _Line, anchors: list[str]) -> None:
        if self.current is None:
            self._new_block("", ln)
        assert self.current is not None
        if self.split_markers:
            text = self._cut_markers(text)
        self.current.add(text)
        for a in anchors:
            if a not in self.current.footnotes:
                self.current.footnotes.append(a)
                self.markers.add(a)
            if a.isdigit():
                self.next_marker = max(self.next_marker, int(a) + 1)

    def _cut_markers(self, text: str) -> str:
        """Cut footnote markers glued to words, when they follow the running sequence.

        Candidates from every pattern are taken in text order, so one marker the sequence
        skips ("education.57" before "17.56") cannot stall the count.
        """
        assert self.current is not None
        patterns = (
            _GLUED_MARKER_RE,
            _WORD_MARKER_RE,
            _DIGIT_DOT_MARKER_RE,
            _YEAR_DOT_MARKER_RE,
            _YEAR_SPACE_MARKER_RE,
            _SPACED_MARKER_RE,
        )
        candidates = sorted(
            (m.start(1), m.end(1), m.group(1)) for p in patterns for m in p.finditer(text)
        )
        if not candidates:
            return text
        pieces: list[str] = []
        pos = 0
        for start, end, number in candidates:
            if start < pos:
                continue
            if self.unanchored is None:
                if int(number) != self.next_marker:
                    continue
            elif number not in self.unanchored or int(number) < self.next_marker - 1:
                continue
            if _NOT_MARKER_BEFORE_RE.search(text[max(0, start - 16) : start]):
                continue
            self.current.footnotes.append(number)
            self.markers.add(number)
            self.next_marker = max(self.next_marker, int(number) + 1)
            if self.unanchored is not None:
                self.unanchored.discard(number)
            # A marker set off by a space ("officials. 3") takes the space with it.
            cut = start - 1 if start > 0 and text[start - 1] == " " else start
            pieces.append(text[pos:cut])
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces)

    def _close(self) -> None:
        current = self.current
        if current is not None:
            if (current.parts or current.numbered) and not current.closed:
                self.paragraphs.append(current)
                current.closed = True
            self.current = None

    def _finish(self) -> list[Paragraph]:
        self._close()
        context = ReferenceContext(
            answers_symbol=self.answers,
            default_scope=(
                ReferenceScope.CONCLUDING_OBSERVATIONS
                if self.kind in (DocumentKind.STATE_REPORT, DocumentKind.COMMITTEE_LETTER)
                else ReferenceScope.INTERNAL
                if self.kind is DocumentKind.CONCLUDING_OBSERVATIONS
                else ReferenceScope.OTHER
            ),
        )
        out: list[Paragraph] = []
        for b in self.paragraphs:
            text = b.text()
            refs = find_references(text, context)
            if b.heading_reference is not None:
                symbol = self.answers
                refs.insert(
                    0,
                    Reference(
                        targets=b.heading_reference.targets,
                        scope=ReferenceScope.CONCLUDING_OBSERVATIONS,
                        span=b.heading_reference.span,
                        symbol=symbol,
                    ),
                )
            responds = list(b.responds_to)
            if self.kind is not DocumentKind.CONCLUDING_OBSERVATIONS:
                for ref in refs:
                    if ref.scope is ReferenceScope.CONCLUDING_OBSERVATIONS:
                        for target in ref.targets:
                            if target not in responds:
                                responds.append(target)
            subs = tuple(
                SubItem(label=s[0], text=_join(s[1:])) for s in b.subs if len(s) > 1 or s[0]
            )
            out.append(
                Paragraph(
                    id=b.id,
                    text=text,
                    headings=b.headings,
                    numbered=b.numbered,
                    sub_items=subs,
                    references=tuple(refs),
                    responds_to=tuple(responds),
                    footnotes=tuple(dict.fromkeys(b.footnotes)),
                )
            )
        return out


def segment(
    source: SourceText, kind: DocumentKind | None = None, symbol: str | None = None
) -> Document:
    """Segment a reader's `SourceText` into a `Document`.

    `kind` overrides detection (the command line's `--as`); `symbol` overrides the masthead.
    """
    return _Segmenter(source, kind, symbol).run()
