"""Segmentation: logical lines (a `SourceText`) -> a `Document` of headings and paragraphs.

One pass over the lines, with a few lines of look-ahead, so the cost is linear:

1. Page furniture a reader may have left (running symbol headers, "GE.22-27770(E)" job numbers,
   page numbers, barcodes) is dropped, and the note block at the foot of each page of
   pdftotext output (pages split by form feeds) becomes footnotes (`notes.py`).
2. The language is detected from the words (`language.py`; the caller may give it), then the
   masthead (symbol, date, title) is read from the lines above the first heading or paragraph
   (`masthead.py`), and the kind is detected unless the caller gives it.
3. Every other line is a heading (`headings.py`: Roman numeral, letter, sub-section enumerator,
   reply heading, unnumbered topic), the start of a numbered paragraph ("16." + space, tab,
   nothing, or alone on its line), a sub-item ("(a)" or "a)", inline or alone), a lone sub-item
   marker that narrows the reply heading above it (a State report's "(a)" before numbered
   paragraphs), a footnote marker or note, or text continuing the paragraph (wrapped lines are
   rejoined).
4. Documents without paragraph numbers (letters, statements) become blocks "b1", "b2" … in
   document order, so their ids are stable across re-reads of the same text.

Then references are found in each paragraph (`references.py`) and, for concluding
observations, roles and follow-up are read (`concluding_observations.py`).
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafter.documents import concluding_observations
from drafter.documents.headings import (
    LABEL_ONLY_RE,
    LABELED_RE,
    MAX_REPLY_HEADING_WORDS,
    RANK_ENUMERATOR,
    RANK_FOLLOW_UP,
    RANK_LETTER,
    RANK_TOPIC,
    HeadingStack,
    ReplyHeading,
)
from drafter.documents.hyphens import Vocabulary, keeps_hyphen
from drafter.documents.language import Language, registry
from drafter.documents.lines import (
    BULLET_RE,
    MARKED_RE,
    MAX_HEADING_CHARS,
    Line,
    ends_sentence,
    heading_like,
    join_lines,
    next_text,
    printed_label,
    unmark,
)
from drafter.documents.masthead import (
    Masthead,
    answered_symbols,
    classify,
    detect_kind,
    find_symbol,
    has_masthead,
    is_date_received,
    masthead_end,
    read_masthead,
)
from drafter.documents.model import (
    Document,
    DocumentKind,
    Paragraph,
    Reference,
    ReferenceScope,
    SourceText,
    SubItem,
)
from drafter.documents.notes import (
    BARE_NUMBER_RE,
    NOTE_LINE_RE,
    EndnoteReader,
    MarkerCutter,
    Notes,
    read_inline_note,
    strip_page_furniture,
)
from drafter.documents.references import (
    ReferenceContext,
    clean_symbol,
    find_references,
    grammar,
)

_NUMBER_ONLY_RE = re.compile(r"^(\d{1,4})\.$")
_NUMBERED_RE = re.compile(r"^(\d{1,4})\.[ \t]*(\S.*)$")
# Beyond this a number must be exactly the next paragraph's: "2019. …" is more likely a year.
_MAX_FREE_PARAGRAPH_NUMBER = 999
# A paragraph number may skip this many numbers (an extraction lost one) without the following
# numbers confirming the jump.
_MAX_NUMBER_GAP = 3
_SUB_ONLY_RE = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)$")
_SUB_LINE_RE = re.compile(r"^\(([a-z]|[ivx]{1,5})\)[ \t]*(\S.*)$")
# The same in languages that write "a)": a letter (or Roman numeral) and a closing bracket.
_LETTER_SUB_ONLY_RE = re.compile(r"^([a-z]|[ivx]{2,5})\)$")
_LETTER_SUB_LINE_RE = re.compile(r"^([a-z]|[ivx]{2,5})\)[ \t]*(\S.*)$")
_ROMAN_LABELS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
# Sub-items run into one line ("dispone que: “a) La capacidad …; b) El juez …”"): a marker after
# a colon or an opening quote, then the next ones after semicolons.
_INLINE_SUB_RE = re.compile(r"(?<![\w(])\(?([a-z])\)(?=\s)")
_INLINE_SUB_LETTER_RE = re.compile(r"(?:(?<![\w(])\(([a-z])\)|(?<![\w(])([a-z])\))(?=\s)")
_OPENS_ITEMS = (":", "“", '"', "«")

# A heading label ("XXXVIII.") ends within this many characters of the line's start.
_LABEL_CHARS = 9
# A sub-section enumerator's heading ("1. Right to life") is at most this many words; a topic
# heading wrapped over lines at most this many words and characters.
_ENUMERATOR_WORDS = 24
_TOPIC_WORDS = 30
_TOPIC_CHARS = 250
# A topic line closing an unpunctuated list is at most five words.
_SHORT_TOPIC_CHARS = 60
# A "Notes" heading is a word or two.
_NOTES_HEADING_CHARS = 30
# A document is numbered when at least this many paragraph numbers follow each other.
MIN_NUMBERED_PARAGRAPHS = 3
# Masthead and letter dates sit in the first lines.
DATE_SCAN_LINES = 30
KIND_SCAN_LINES = 400


@dataclass(slots=True)
class _Builder:
    """A paragraph or block being collected."""

    id: str
    numbered: bool
    headings: tuple[str, ...]
    responds_to: list[str]
    heading_reference: Reference | None
    responds_to_list_of_issues: list[str] = field(default_factory=list)
    named_by_heading: list[str] = field(default_factory=list)
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

    def open_sub_item(self, label: str, printed: str) -> None:
        self.subs.append([label])
        self.parts.append(printed)

    def note(self, marker: str) -> None:
        if marker not in self.footnotes:
            self.footnotes.append(marker)


def _opens_list(text: str) -> bool:
    return text.rstrip().endswith(":")


def _paragraph_number(text: str) -> re.Match[str] | None:
    if not text[:1].isdigit():
        return None  # most lines: no regex to run
    return _NUMBERED_RE.match(text) or _NUMBER_ONLY_RE.match(text)


def _labeled_heading(text: str) -> re.Match[str] | None:
    m = LABELED_RE.match(text)
    return m if m is not None and heading_like(m.group(2), 30) else None


_NO_ANCHORS: tuple[str, ...] = ()  # a line without footnote markers the reader cut


class _Segmenter:
    def __init__(
        self,
        source: SourceText,
        kind: DocumentKind | None,
        symbol: str | None,
        language: str | None,
    ) -> None:
        self.source = source
        self.forced_kind = kind
        self.forced_symbol = clean_symbol(symbol) if symbol else None
        self.forced_language = language
        self.notes = Notes(source)
        self.markers = MarkerCutter(source)
        self.endnotes = EndnoteReader(self.notes)
        self.lang: Language = registry().language(language)
        self.default_scope = ReferenceScope.CONCLUDING_OBSERVATIONS
        self.headings = HeadingStack(self.lang, self.default_scope)
        self.paragraphs: list[_Builder] = []
        self.current: _Builder | None = None
        self.expected = 1  # the next paragraph number
        self.seen_numbered = False
        self.block_count = 0
        self.kind = DocumentKind.EVIDENCE
        self.numbered_mode = False
        self.answers: str | None = None
        self.answers_list_of_issues: str | None = None
        self.committee: str | None = None
        self.wrapped = False
        self.width = 80
        self.in_notes = False
        self.last_number_line = -1
        self.number_lines: list[tuple[int, int]] = []  # (line index, number) of number starts
        self.letter_subs = False  # the language writes sub-items "a)" as well as "(a)"
        self._closing = self.lang.phrases("letters", "closing")
        self._vocabulary = Vocabulary(lambda: source.lines, language)

    # -- the document ---------------------------------------------------------------------------

    def run(self) -> Document:
        lines = self._prepare()
        texts = [ln.text for ln in lines]
        reg = registry()
        code = self.forced_language or reg.detect("\n".join(texts))
        self.lang = reg.language(code)
        self.headings = HeadingStack(self.lang, self.default_scope)
        self.letter_subs = "a)" in self.lang.sub_item_styles
        self._closing = self.lang.phrases("letters", "closing")
        # Words broken at a hyphen at a line end: the reader's lines, the language's dictionary.
        self._vocabulary = Vocabulary(lambda: self.source.lines, self.lang.code)
        self.notes.keeps_hyphen = self._keeps_hyphen
        printed_symbol = find_symbol(texts)
        lines = strip_page_furniture(lines, printed_symbol, self.notes, self._notes_heading)
        lines = self._split_run_ins(lines)
        masthead, body = self._split_masthead(lines)
        symbol = self.forced_symbol or masthead.symbol or printed_symbol
        head_text = "\n".join(ln.text for ln in body[:KIND_SCAN_LINES])
        self.kind = self.forced_kind or detect_kind(symbol, masthead.title, head_text, self.lang)
        own = classify(symbol)
        self.committee = own.committee if own is not None else None
        self.number_lines = _number_lines(body)
        self.numbered_mode = _count_numbered(self.number_lines) >= MIN_NUMBERED_PARAGRAPHS
        if self.kind in (DocumentKind.STATE_REPORT, DocumentKind.COMMITTEE_LETTER):
            body_text = "\n".join([*masthead.lines, *(ln.text for ln in body)])
            self.answers, self.answers_list_of_issues = answered_symbols(body_text, symbol)
            if self.answers_list_of_issues and not self.answers:
                self.default_scope = ReferenceScope.LIST_OF_ISSUES
        self.headings = HeadingStack(self.lang, self.default_scope)
        self.headings.replies = self.kind not in (
            DocumentKind.CONCLUDING_OBSERVATIONS,
            DocumentKind.LIST_OF_ISSUES,
        )
        if self.headings.replies:
            split = self._split_glued_replies(body)
            if len(split) != len(body):
                body, self.number_lines = split, _number_lines(split)
        self._walk(body)
        headings = self.headings.headings
        title = masthead.title
        if title is None and not masthead.lines and headings and self.kind is DocumentKind.EVIDENCE:
            title = headings[0].text
        document = Document(
            kind=self.kind,
            symbol=symbol,
            paragraphs=self._finish(),
            title=title,
            date=masthead.date or _letter_date(body, self.lang),
            headings=headings,
            footnotes=self.notes.footnotes(),
            answers_symbol=self.answers,
            masthead=masthead.lines,
            language=self.lang.code,
            answers_list_of_issues=self.answers_list_of_issues,
        )
        if self.kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            concluding_observations.annotate(document, self.lang, self.committee)
        return document

    def _keeps_hyphen(self, line: str, next_line: str) -> bool:
        return keeps_hyphen(line, next_line, self._vocabulary)

    def _notes_heading(self, text: str) -> bool:
        return len(text) < _NOTES_HEADING_CHARS and self.lang.heading_is("notes", text)

    def _prepare(self) -> list[Line]:
        out: list[Line] = []
        last: Line | None = None  # the last non-blank line so far
        numbers = self.source.list_numbers
        marked = MARKED_RE.search
        for index, raw in enumerate(self.source.lines):
            if "\f" not in raw and not numbers:
                # Most lines: one piece, no list number of their own, nothing to unmark.
                line = Line((raw if marked(raw) is None else unmark(raw)).strip(), index)
                out.append(line)
                if line.text:
                    last = line
                continue
            for n, piece in enumerate(raw.split("\f")):
                if n > 0 and last is not None:
                    # The page ends at its last non-blank line (pdftotext leaves blanks first).
                    last.page_end = True
                text = unmark(piece).strip()
                number = numbers.get(index)
                if number and n == 0:
                    text = f"{printed_label(number)} {text}"
                line = Line(text, index)
                out.append(line)
                if text:
                    last = line
        return out

    def _split_masthead(self, lines: list[Line]) -> tuple[Masthead, list[Line]]:
        texts = [ln.text for ln in lines]
        if not has_masthead(texts, self.lang):
            return Masthead(None, None, None, []), lines
        end = len(lines)
        for i, t in enumerate(texts):
            if LABEL_ONLY_RE.match(t) or _labeled_heading(t) or _paragraph_number(t):
                end = i
                break
            if _reply_candidate(t) and self.headings.reply(t) is not None:
                end = i  # "Reply to paragraph 5 (a) of the list of issues" opens the body
                break
            if is_date_received(t, self.lang):
                # "[Date received: …]" closes a State document's masthead: what follows (a
                # title heading, "Introduction") is the document's own.
                end = i + 1
                break
        else:
            # No heading and no numbered paragraph: the masthead must not take the whole text.
            end = masthead_end(texts, self.lang)
        return read_masthead(texts[:end], self.lang), lines[end:]

    # -- the body ---------------------------------------------------------------------------------

    def _split_run_ins(self, lines: list[Line]) -> list[Line]:
        """Text pasted from a PDF or a web page runs lines together: "Views under the Optional
        Protocol 5. The Committee …", "… of the Convention. Women with disabilities (art. 6)" and
        then "13. The Committee …". The next paragraph number inside a line starts a line of its
        own, and a heading glued to the end of the paragraph before it goes on its own line.

        One pass, following the paragraph numbers as they come (so linear), before anything
        else reads the lines.
        """
        expected = 1
        expected_at, expected_text = 1, "1."  # `expected` as printed, made once per number
        out: list[Line] = []
        stop_words = self._number_words()
        for k, ln in enumerate(lines):
            t = ln.text
            m = _paragraph_number(t) if t[:1].isdigit() else None
            if m is not None:
                n = int(m.group(1))
                if expected <= n <= expected + _MAX_NUMBER_GAP:
                    expected = n + 1
            pieces: list[str] = []
            rest = t
            if expected != expected_at:
                expected_at, expected_text = expected, f"{expected}."
            if expected_text in t:
                for found in _RUN_IN_RE.finditer(t):
                    if int(found.group(1)) != expected:
                        continue
                    before = t[len(t) - len(rest) : found.start()].strip()
                    split = _run_in_split(before, t, found.start(), stop_words)
                    if split is None:
                        continue
                    pieces.extend(split)
                    rest = t[found.start(1) :]
                    expected += 1
            after = None
            if len(rest) > 40:
                nxt = _next_text_of(lines, k)
                if nxt[:1].isdigit():
                    after = _paragraph_number(nxt)
            if after is not None and int(after.group(1)) == expected and not _full_stop(rest):
                # "… end of the paragraph. Education (art. 24)" above "48. …".
                split_tail = _heading_tail(rest)
                if split_tail is not None:
                    pieces.append(split_tail[0])
                    rest = split_tail[1]
            if not pieces:
                out.append(ln)
                continue
            out.extend(Line(piece, ln.source_index) for piece in pieces)
            out.append(Line(rest, ln.source_index, ln.page_end))
        return out

    def _split_glued_replies(self, lines: list[Line]) -> list[Line]:
        """A reply heading run into the end of a bullet line ("• mobile health units.
        Information relating to paragraph 19 (c)", pasted text) goes on a line of its own, so
        it opens the next block and the text under it answers the paragraph it names."""
        out: list[Line] = []
        for ln in lines:
            t = ln.text
            split = None
            if BULLET_RE.match(t) is not None and any(ch.isdigit() for ch in t):
                split = self._glued_reply(t)
            if split is None:
                out.append(ln)
                continue
            out.append(Line(split[0], ln.source_index))
            out.append(Line(split[1], ln.source_index, ln.page_end))
        return out

    def _glued_reply(self, text: str) -> tuple[str, str] | None:
        """(the bullet item, the reply heading that ends its line), or None. The heading is
        the longest capitalised tail that is one; without a full stop or semicolon ending the
        item, a tail that opens with the paragraph word ("Paragraph 11", "Recommendation
        No. 32") is taken for the item's own words."""
        keyword = grammar(self.lang.code, headings=True).anchor_re
        for word in _WORD_START_RE.finditer(text):
            if not word.group().isupper():
                continue
            before, tail = text[: word.start()].rstrip(), text[word.start() :]
            if BULLET_RE.fullmatch(before) is not None or not _reply_candidate(tail):
                continue
            if not before.endswith((".", ";")) and keyword.match(tail) is not None:
                continue
            if self.headings.reply(tail) is not None:
                return before, tail
        return None

    def _number_words(self) -> frozenset[str]:
        """Words after which a number is no paragraph number ("article 5. The …")."""
        words = self.lang.words("references", "number_words")
        words += self.lang.words("references", "paragraph")
        return frozenset(w.lower().rstrip(".") for w in words)

    def _walk(self, lines: list[Line]) -> None:
        if not self.numbered_mode:  # only blocks are split by line shape
            self.wrapped = _looks_wrapped(lines)
            lengths = sorted(len(ln.text) for ln in lines if ln.text)
            self.width = lengths[len(lengths) * 3 // 4] if lengths else 80
        self.last_number_line = self.number_lines[-1][0] if self.number_lines else -1
        i = 0
        pending_break = True
        prev_text = ""
        while i < len(lines):
            t = lines[i].text
            if not t:
                pending_break = True
                i += 1
            elif self.in_notes:
                i = self.endnotes.read(lines, i)
            elif self.seen_numbered and len(t) < _NOTES_HEADING_CHARS and self._notes_heading(t):
                self.in_notes = True
                self._close()
                self.headings.add_outside(t)
                i += 1
            else:
                i, prev_text = self._line(lines, i, pending_break, prev_text)
                pending_break = False

    def _line(
        self, lines: list[Line], i: int, pending_break: bool, prev_text: str
    ) -> tuple[int, str]:
        """Classify one non-blank line; return the next index and the text just read."""
        ln = lines[i]
        t = ln.text
        anchors = self.source.footnote_anchors.get(ln.source_index, _NO_ANCHORS)

        first = t[0]
        if first.islower():
            # Most lines go on a sentence: no heading, paragraph number or "(a)" starts so.
            current = self.current
            if (
                self.numbered_mode
                and current is not None
                and not anchors
                and not self.letter_subs
                and not self.markers.active
                and not self.headings.in_follow_up()
            ):
                current.add(t)  # `_lowercase_line` in one step, for most lines
                return i + 1, t
            return self._lowercase_line(lines, i, pending_break, prev_text, anchors)
        # Each shape below starts so: a label ("B.", "IV.") within a few characters, a number,
        # a bracket; only a reply heading can be any capitalised line.
        if self.headings.replies or "." in t[:_LABEL_CHARS]:
            found = self._heading_line(lines, i)
            if found is not None:
                return found
        m = None
        if first.isdigit():
            found = self._numbered_line(lines, i, anchors)
            if found is not None:
                return found
            m = BARE_NUMBER_RE.match(t)
        if m is not None and self.numbered_mode:
            # A footnote number on its own line (PDF-extracted text) when it is the next in
            # sequence; otherwise a stray page number, dropped.
            if self.markers.is_next(m.group(1)):
                if self.current is not None:
                    self.current.note(m.group(1))
                self.markers.met(m.group(1))
                nxt = next_text(lines, i)[1]
                ended = prev_text.rstrip().endswith(".")
                if i > self.last_number_line and ended and nxt[:1].islower():
                    # After the last paragraph's last sentence and its note marker, text that
                    # goes on in lowercase is the endnotes, their heading and numbers lost.
                    self._close()
                    self.in_notes = True
            return i + 1, prev_text

        found = self._sub_item_or_closing(lines, i, anchors, sub_item=first == "(")
        if found is not None:
            return found
        if self.numbered_mode:
            return self._numbered_text(lines, i, prev_text, anchors)
        return self._block_text(lines, i, pending_break, prev_text, anchors)

    def _lowercase_line(
        self, lines: list[Line], i: int, pending_break: bool, prev_text: str, anchors: Sequence[str]
    ) -> tuple[int, str]:
        """`_line` for a line that opens with a lowercase letter: only a sub-item "a)" (in
        languages that write them so) or a letter's closing formula can be more than text."""
        t = lines[i].text
        found = self._sub_item_or_closing(lines, i, anchors, sub_item=self.letter_subs)
        if found is not None:
            return found
        if self.numbered_mode:
            # `_numbered_text` finds a topic heading only on a capitalised line.
            self._add_text(t, anchors)
            return i + 1, t
        return self._block_text(lines, i, pending_break, prev_text, anchors)

    def _sub_item_or_closing(
        self, lines: list[Line], i: int, anchors: Sequence[str], *, sub_item: bool
    ) -> tuple[int, str] | None:
        """A sub-item line ("(a)", or "a)" where the language writes them so) when `sub_item`
        may be one: its result. A letter's closing formula ends the follow-up part (the line
        itself is text). Otherwise None: the caller reads the line as text."""
        if sub_item:
            found = self._sub_item_line(lines, i, anchors)
            if found is not None:
                return found
        if self.headings.in_follow_up() and self._closing.match(lines[i].text):
            self.headings.close_follow_up()
            self._close()
        return None

    def _heading_line(self, lines: list[Line], i: int) -> tuple[int, str] | None:
        ln = lines[i]
        t = ln.text
        m = LABEL_ONLY_RE.match(t)
        if m is not None:
            j, nxt = next_text(lines, i)
            if nxt and not self._starts_paragraph(nxt) and not LABEL_ONLY_RE.match(nxt):
                return self._heading_with_label(m.group(1), nxt, lines, j), nxt
        m = _labeled_heading(t)
        if m is not None:
            return self._heading_with_label(m.group(1), m.group(2), lines, i), t
        if self.headings.replies and t[:1].isupper():
            if _reply_candidate(t):
                text, end = self._continued(t, lines, i)
                reply = self.headings.reply(text)
                if reply is not None:
                    self._push_heading(RANK_FOLLOW_UP, text, None, reply)
                    return end, text
            lead = self.headings.reply(t, lead_in=True) if ":" in t[:200] else None
            if lead is not None:
                # A letter's "Paragraph 8 of the Concluding Observations: The Committee …".
                heading = t[: lead.heading_end].rstrip(" :.")
                self._push_heading(RANK_FOLLOW_UP, heading, None, lead)
                if lead.rest:
                    self._new_block()
                    anchors = self.source.footnote_anchors.get(ln.source_index, [])
                    self._add_text(lead.rest, anchors)
                return i + 1, t
        return None

    def _numbered_line(
        self, lines: list[Line], i: int, anchors: Sequence[str]
    ) -> tuple[int, str] | None:
        """A paragraph number, or a sub-section enumerator ("1. Right to life"): a heading."""
        t = lines[i].text
        m = _paragraph_number(t)
        if m is None or not self.numbered_mode:
            return None
        n = int(m.group(1))
        inline = m.re is _NUMBERED_RE
        if n > _MAX_FREE_PARAGRAPH_NUMBER and n != self.expected:
            return None
        if inline and m.group(2)[0].isdigit() and n != self.expected:
            return None  # "1.5 million" is no paragraph; "54.2025 has been declared" is 54
        if inline:
            rest, rest_index = m.group(2), i
        else:
            rest_index, rest = next_text(lines, i)
        full_rest: str | None = ""
        rest_end = i
        if rest:
            full_rest, rest_end = self._continued_heading(
                rest, lines, rest_index, _ENUMERATOR_WORDS, MAX_HEADING_CHARS
            )
        heading_shape = (
            full_rest is not None
            and heading_like(full_rest, _ENUMERATOR_WORDS)
            and not _NUMBERED_RE.match(rest)
        )
        after = next_text(lines, rest_end - 1)[1] if rest and heading_shape else ""
        if n > self.expected + _MAX_NUMBER_GAP and not self._sequence_goes_on(i, n):
            # "112. At the moment …" after paragraph 31: the emergency number at a line start,
            # not paragraph 112, unless the next numbers go on from it.
            return None
        if n == self.expected or (n > self.expected and not heading_shape):
            # "3. Right to health" right above "3." is the enumerator, then the paragraph.
            after_number = _paragraph_number(after)
            enumerator = (
                heading_shape
                and n == self.expected
                and after_number is not None
                and int(after_number.group(1)) == n
            )
            if not enumerator:
                self._new_paragraph(str(n))
                if inline:
                    self._add_text(m.group(2), anchors)
                return i + 1, t
        if heading_shape and full_rest is not None:
            self._push_heading(RANK_ENUMERATOR, full_rest, m.group(1))
            return rest_end, full_rest
        if self._repeated_number(n, rest):
            # The number of the paragraph before printed again, right under a heading ("63."
            # twice in a row, the second under "Respuesta al párrafo 13 c)"): a paragraph of
            # its own, "63bis", so no text joins the wrong answer.
            self._new_paragraph(f"{n}bis")
            self.expected = n + 1
            if inline:
                self._add_text(m.group(2), anchors)
            return i + 1, t
        return None

    def _repeated_number(self, n: int, rest: str) -> bool:
        if self.current is not None or n != self.expected - 1 or not self.paragraphs:
            return False
        last = self.paragraphs[-1]
        return last.id == str(n) and last.headings != self.headings.path() and rest[:1].isupper()

    def _sub_item_line(
        self, lines: list[Line], i: int, anchors: Sequence[str]
    ) -> tuple[int, str] | None:
        t = lines[i].text
        m = _SUB_ONLY_RE.match(t)
        if m is None and self.letter_subs:
            m = _LETTER_SUB_ONLY_RE.match(t)
            if m is not None and not self._next_sub_label(m.group(1)):
                m = None
        if m is not None:
            j, nxt = next_text(lines, i)
            after = next_text(lines, j)[1]
            marker = self._starts_paragraph(nxt) or (
                heading_like(nxt) and self._starts_paragraph(after)
            )
            if marker and self.kind is not DocumentKind.CONCLUDING_OBSERVATIONS:
                # A State report's "(a)" before numbered paragraphs: they answer sub-item (a).
                self._close()
                self.headings.narrow = m.group(1)
                return i + 1, t
            current = self.current or self._new_block()
            current.open_sub_item(m.group(1), t)
            return i + 1, t
        m = _SUB_LINE_RE.match(t)
        printed = "({})"
        if m is None and self.letter_subs:
            m = _LETTER_SUB_LINE_RE.match(t)
            printed = "{})"
            if m is not None and not self._next_sub_label(m.group(1)):
                m = None  # "e) de la Convención" wrapped to a line start: not an item
        if m is not None and self.current is not None:
            self.current.open_sub_item(m.group(1), printed.format(m.group(1)))
            self._add_text(m.group(2), anchors)
            return i + 1, t
        return None

    def _next_sub_label(self, label: str) -> bool:
        """Whether "x)" can be the next sub-item here: "a)" (or "i)") opens a list, then each
        label follows the last (a letter may be skipped, as printed lists sometimes do)."""
        current = self.current
        last = current.subs[-1][0] if current is not None and current.subs else None
        if last is None:
            return label in ("a", "i")
        if last in _ROMAN_LABELS and label in _ROMAN_LABELS and len(last) + len(label) > 2:
            return _ROMAN_LABELS.index(label) == _ROMAN_LABELS.index(last) + 1
        if len(label) == 1 and len(last) == 1:
            return 1 <= ord(label) - ord(last) <= 2
        return False

    def _numbered_text(
        self, lines: list[Line], i: int, prev_text: str, anchors: Sequence[str]
    ) -> tuple[int, str]:
        """Text in a numbered document: a topic heading, or more of the paragraph."""
        t = lines[i].text
        opening = self.current is not None and not self.current.parts  # "4." then its text
        if (
            t[:1].isupper()
            and not opening
            and (not prev_text or self.current is None or ends_sentence(prev_text))
            and not _opens_list(prev_text)
        ):
            # A topic heading, perhaps wrapped ("… address legacies of / historical
            # injustices"), directly above a paragraph, a lettered heading or a marker.
            full, end = self._continued_heading(t, lines, i, _TOPIC_WORDS, _TOPIC_CHARS)
            # (None: longer than a heading, and the text went on to a following line.)
            j, nxt = next_text(lines, end - 1) if full is not None else (end, "")
            # A topic heading wrapped over lines may be long: "Ensuring that a broad range of
            # persons with disabilities, through their representative organizations, …".
            if (
                full is not None
                and heading_like(full, _TOPIC_WORDS, _TOPIC_CHARS)
                and nxt
                and self._structural(nxt)
            ):
                self._push_heading(RANK_TOPIC, full, None)
                return end, full
            after = next_text(lines, j)[1] if full is not None else ""
            if (
                full is not None
                and end == i + 1
                and heading_like(t)
                and heading_like(nxt)
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
        self._add_text(t, anchors)
        return i + 1, t

    def _block_text(
        self, lines: list[Line], i: int, pending_break: bool, prev_text: str, anchors: Sequence[str]
    ) -> tuple[int, str]:
        """Text in an unnumbered document: blocks end at blank lines, bullets, or (in wrapped
        text) a short line that ends a sentence."""
        t = lines[i].text
        new_block = (
            self.current is None
            or pending_break
            or BULLET_RE.match(t) is not None
            or (self.wrapped and self._short_end(prev_text))
        )
        if new_block and t[:1].islower():
            # A sentence resumed after a page break or an address block ("H.E. Mr …"): the
            # resumed block takes the following wrapped lines too.
            open_block = self._unfinished_block()
            if open_block is not None:
                self._close()
                self.current = open_block
                open_block.add(t)
                return i + 1, t
        if new_block:
            note = NOTE_LINE_RE.match(t)
            open_markers = self.markers.open_markers(self.notes) if note is not None else set()
            if note is not None and note.group(1) in open_markers:
                end = read_inline_note(
                    lines, i, note.group(1), note.group(2), open_markers, self.notes
                )
                return end, ""
            j, nxt = next_text(lines, i)
            if self.wrapped:
                # In wrapped text a heading is a short line, well short of the text width.
                standalone = len(t) < 0.7 * self.width and heading_like(t, 14)
            else:
                standalone = (j > i + 1 or not nxt) and heading_like(t, 25)
            if self.kind is not DocumentKind.COMMITTEE_LETTER and standalone:
                self._push_heading(RANK_TOPIC, t, None)
                return i + 1, t
            self._new_block()
        if new_block and self._addressee(t) and self.current is not None:
            # The addressee printed at a page foot ("H.E. Mr …") answers no CO paragraph.
            self.current.responds_to = []
            self.current.heading_reference = None
        self._add_text(t, anchors)
        return i + 1, t

    # -- look-ahead helpers ---------------------------------------------------------------------

    def _sequence_goes_on(self, i: int, n: int) -> bool:
        """The next paragraph number after line i is n + 1 (or there is none)."""
        numbers = self.number_lines
        for k in range(bisect.bisect_right(numbers, (i, sys.maxsize)), len(numbers)):
            later = numbers[k][1]
            if later > n:
                return later == n + 1
            if later == self.expected:
                return False  # the sequence goes on from before: n was no paragraph
        return True

    def _starts_paragraph(self, text: str) -> bool:
        m = _paragraph_number(text)
        return m is not None and int(m.group(1)) == self.expected

    def _structural(self, text: str) -> bool:
        """Starts a paragraph, a labelled or reply heading, or is a sub-item marker."""
        return bool(
            self._starts_paragraph(text)
            or LABEL_ONLY_RE.match(text)
            or _SUB_ONLY_RE.match(text)
            or (self.letter_subs and _LETTER_SUB_ONLY_RE.match(text))
            or _labeled_heading(text)
            or (
                self.headings.replies
                and _reply_candidate(text)
                and self.headings.reply(text) is not None
            )
        )

    def _continued(self, text: str, lines: list[Line], i: int) -> tuple[str, int]:
        """A heading wrapped over lines: continuation lines start lowercase or with "(".

        One blank line may sit in between (double-spaced extractions).
        """
        parts, j = self._continuation(text, lines, i)
        assert parts is not None  # no length bound given
        return join_lines(parts, self._keeps_hyphen), j

    def _continued_heading(
        self, text: str, lines: list[Line], i: int, max_words: int, max_chars: int
    ) -> tuple[str | None, int]:
        """`_continued`, when its text can be heading-like (`heading_like(…, max_words,
        max_chars)`); (None, index) once the lines taken are too long for that, which for
        a paragraph's first line and the sentence going on below it is soon."""
        parts, j = self._continuation(text, lines, i, max_chars)
        if parts is None:
            return None, j
        return join_lines(parts, self._keeps_hyphen), j

    def _continuation(
        self, text: str, lines: list[Line], i: int, max_chars: int | None = None
    ) -> tuple[list[str], int] | tuple[None, int]:
        """The lines `_continued` joins, and the index after them; None instead of the lines
        once they are sure to join into more than `max_chars` characters (their characters
        other than blanks, less one a line for a hyphen a join may drop)."""
        parts = [text]
        j = i + 1
        solid = 0  # characters other than blanks in the lines taken after the first
        while j < len(lines) and len(parts) < 4:
            k = j + 1 if not lines[j].text and j + 1 < len(lines) else j
            nxt = lines[k].text
            go_on = nxt[:1].islower()
            if not go_on and nxt:
                bracket = nxt[:1] == "(" and not _SUB_ONLY_RE.match(nxt) and k == j
                # "Respuestas del Estado de Kuwait a la lista de" / "cuestiones relativa …" /
                # "Convención sobre …": a line ending in "de" or "the" goes on.
                joined = k == j and self._ends_with_joiner(parts[-1]) and nxt[:1].isalpha()
                # "… or punishment (art." / "15)": a bracket left open goes on.
                unclosed = k == j and sum(p.count("(") - p.count(")") for p in parts) > 0
                if unclosed and not self._structural(nxt):
                    joined = True
                go_on = bracket or joined
            if not nxt or not go_on or _SUB_LINE_RE.match(nxt):
                break
            if self.letter_subs and _LETTER_SUB_LINE_RE.match(nxt):
                break
            parts.append(nxt)
            j = k + 1
            if max_chars is not None:
                if len(parts) == 2:
                    solid = len("".join(text.split()))
                solid += len("".join(nxt.split())) - 1
                if solid > max_chars:
                    return None, j
        return parts, j

    def _ends_with_joiner(self, text: str) -> bool:
        last = text.rsplit(None, 1)[-1].lower() if text.strip() else ""
        return last in self.lang.line_end_joiners

    def _list_ends_with_heading(self, t: str, lines: list[Line], i: int) -> bool:
        """A short topic line right after an unpunctuated list ("…: / Item one / Item two /
        Legal and institutional measures / 404."), clearly shorter than the list's items."""
        current = self.current
        if current is None or len(current.parts) < 2 or len(t) > _SHORT_TOPIC_CHARS:
            return False
        if not heading_like(t):
            return False
        words = len(t.split())
        if words > 5 or ends_sentence(current.last_line):
            return False
        nxt = next_text(lines, i)[1]
        if not nxt or not self._starts_paragraph(nxt):
            return False
        items: list[str] = []
        for part in reversed(current.parts):
            if _opens_list(part):
                break
            if ends_sentence(part):
                return False
            items.append(part)
        else:
            return False
        average = sum(len(item.split()) for item in items) / max(len(items), 1)
        return len(items) >= 2 and average >= max(2 * words, 6)

    def _addressee(self, text: str) -> bool:
        return bool(self.lang.phrases("letters", "addressee").match(text))

    def _unfinished_block(self) -> _Builder | None:
        """The last block, skipping address blocks, if it stops mid-sentence."""
        candidates = [*self.paragraphs[-3:], *([self.current] if self.current else [])]
        for b in reversed(candidates):
            if b.parts and self._addressee(b.parts[0]):
                continue
            return b if b.parts and not ends_sentence(b.last_line) else None
        return None

    def _short_end(self, prev: str) -> bool:
        ends = prev.rstrip().endswith((".", "?", "!", ":"))
        return bool(prev) and ends and len(prev) < 0.85 * self.width

    # -- building ---------------------------------------------------------------------------

    def _heading_with_label(self, label: str, text: str, lines: list[Line], i: int) -> int:
        full, end = self._continued(text, lines, i)
        self._push_heading(self.headings.label_rank(label), full, label)
        return end

    def _push_heading(
        self, rank: int, text: str, label: str | None, reply: ReplyHeading | None = None
    ) -> None:
        self._close()
        self.headings.push(rank, text, label, reply)

    def _new_paragraph(self, number: str) -> _Builder:
        self._close()
        self.seen_numbered = True
        self.expected = int(number.removesuffix("bis")) + 1
        self.current = self._builder(number, numbered=True)
        self.current.heading_reference = None
        return self.current

    def _builder(self, pid: str, numbered: bool) -> _Builder:
        scope, targets, named = self.headings.targets()
        loi = scope is ReferenceScope.LIST_OF_ISSUES
        return _Builder(
            id=pid,
            numbered=numbered,
            headings=self.headings.path(),
            responds_to=[] if loi else targets,
            responds_to_list_of_issues=targets if loi else [],
            named_by_heading=named,
            heading_reference=self.headings.reference(),
        )

    def _new_block(self) -> _Builder:
        self._close()
        self.block_count += 1
        self.current = self._builder(f"b{self.block_count}", numbered=False)
        return self.current

    def _add_text(self, text: str, anchors: Sequence[str]) -> None:
        current = self.current or self._new_block()
        text, cut = self.markers.cut(text)
        for marker in cut:
            current.note(marker)
        current.add(text)
        for marker in anchors:
            current.note(marker)
            self.markers.met(marker)

    def _close(self) -> None:
        current = self.current
        if current is not None:
            if (current.parts or current.numbered) and not current.closed:
                self.paragraphs.append(current)
                current.closed = True
            self.current = None

    def _finish(self) -> list[Paragraph]:
        self._close()
        if self.kind in (DocumentKind.STATE_REPORT, DocumentKind.COMMITTEE_LETTER):
            default_scope = self.default_scope
        elif self.kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            default_scope = ReferenceScope.INTERNAL
        else:
            # A list of issues cites the State report's paragraphs; evidence anything.
            default_scope = ReferenceScope.OTHER
        context = ReferenceContext(
            answers_symbol=self.answers,
            default_scope=default_scope,
            answers_list_of_issues=self.answers_list_of_issues,
            language=self.lang.code,
        )
        return [self._paragraph(b, context) for b in self.paragraphs]

    def _paragraph(self, b: _Builder, context: ReferenceContext) -> Paragraph:
        text = join_lines(b.parts, self._keeps_hyphen)
        refs = find_references(text, context)
        if b.heading_reference is not None and not b.numbered:
            # A letter's "Paragraph 8 of the Concluding Observations:" lead-in.
            lead = b.heading_reference
            symbol = (
                self.answers_list_of_issues
                if lead.scope is ReferenceScope.LIST_OF_ISSUES
                else self.answers
            )
            refs.insert(
                0, Reference(targets=lead.targets, scope=lead.scope, span=lead.span, symbol=symbol)
            )
        responds = list(b.responds_to)
        responds_loi = list(b.responds_to_list_of_issues)
        if self.kind not in (DocumentKind.CONCLUDING_OBSERVATIONS, DocumentKind.LIST_OF_ISSUES):
            for ref in refs:
                if ref.scope is ReferenceScope.CONCLUDING_OBSERVATIONS:
                    responds.extend(t for t in ref.targets if t not in responds)
                elif ref.scope is ReferenceScope.LIST_OF_ISSUES:
                    responds_loi.extend(t for t in ref.targets if t not in responds_loi)
        sub_items = tuple(
            SubItem(label=s[0], text=join_lines(s[1:], self._keeps_hyphen)) for s in b.subs
        )
        if not sub_items and b.numbered:
            sub_items = _inline_sub_items(text, self.letter_subs)
        return Paragraph(
            id=b.id,
            text=text,
            headings=b.headings,
            numbered=b.numbered,
            sub_items=sub_items,
            references=tuple(refs),
            responds_to=tuple(dict.fromkeys(responds)),
            footnotes=tuple(b.footnotes),
            responds_to_list_of_issues=tuple(dict.fromkeys(responds_loi)),
            named_by_heading=tuple(b.named_by_heading),
        )


def _inline_sub_items(text: str, letter_subs: bool) -> tuple[SubItem, ...]:
    """Sub-items printed inside one run of text: "(a)" (or "a)") after a colon or an opening
    quote, each next letter after a semicolon; at least two, in order."""
    if ")" not in text or not any(mark in text for mark in _OPENS_ITEMS):
        return ()
    pattern = _INLINE_SUB_LETTER_RE if letter_subs else _INLINE_SUB_RE
    found: list[tuple[str, int, int]] = []  # label, marker start, text start
    for m in pattern.finditer(text):
        label = next(g for g in m.groups() if g)
        before = text[: m.start()].rstrip()
        if not found:
            if label == "a" and before.endswith(_OPENS_ITEMS):
                found.append((label, m.start(), m.end()))
            continue
        if ord(label) == ord(found[-1][0]) + 1 and _after_semicolon(before):
            found.append((label, m.start(), m.end()))
    if len(found) < 2:
        return ()
    items: list[SubItem] = []
    for k, (label, _, start) in enumerate(found):
        end = found[k + 1][1] if k + 1 < len(found) else len(text)
        items.append(SubItem(label=label, text=text[start:end].strip()))
    return tuple(items)


def _after_semicolon(before: str) -> bool:
    """ "…; b)", "…; and (b)", "…; y b)": the text before a marker ends an item."""
    if before.endswith(";"):
        return True
    head, _, last = before.rpartition(" ")
    return head.rstrip().endswith(";") and last.lower() in ("and", "or", "y", "o", "et", "ou")


_WORD_START_RE = re.compile(r"(?<=\s)[^\W\d_]")  # a word's first letter
_RUN_IN_RE = re.compile(r"(?<=\S)[ \t]+(\d{1,4})\.[ \t]+(?=[^\W\d_])")
# The end of a sentence inside a line, before the next one (or a heading's label) starts.
_SENTENCE_END_RE = re.compile(r"[.;!?…][”\"’)]?[ \t]+(?=[^\W\d_]|\d{1,2}\.[ \t])")
_LABEL_AT_END_RE = re.compile(r"[.;!?…][”\"’)]?[ \t]+((?:[IVX]+|[A-Z])\.)[ \t]*$")
_LEADING_LABEL_RE = re.compile(r"^(?:[IVX]+|[A-Z]|\d{1,2})\.[ \t]+")
_LONG_LINE = 150
_FULL_STOP_RE = re.compile(r"[.;!?…:][”\"’)»]*(?:\s?\d{1,3})?$")


def _full_stop(text: str) -> bool:
    """Ends a sentence (a closing bracket alone does not: "… (art. 11)" is a heading's end)."""
    return (
        _FULL_STOP_RE.search(text.rstrip()) is not None
    )  # pasted text keeps a paragraph on one line: longer than any wrapped line


def _next_text_of(lines: list[Line], k: int) -> str:
    """The next non-blank line after k (within two lines)."""
    for j in (k + 1, k + 2):
        if j < len(lines) and lines[j].text:
            return lines[j].text
    return ""


def _run_in_split(before: str, line: str, at: int, stop_words: frozenset[str]) -> list[str] | None:
    """Where to split a line at a paragraph number run into it: the pieces before the number
    (the end of the paragraph before, a heading), or None when it is no paragraph number."""
    if not before:
        return None
    last_word = before.rsplit(None, 1)[-1].lower().rstrip(".,;:")
    if last_word.isdigit() or last_word in stop_words:
        return None  # "article 12 5. The", "article 5. The …": a number of something else
    if heading_like(before, 30, 250):
        return [before]  # "Views under the Optional Protocol 5. The Committee …"
    if not _full_stop(before):
        tail = _heading_tail(before)
        return list(tail) if tail is not None and len(line) >= _LONG_LINE else None
    return [before] if len(line) >= _LONG_LINE else None


def _heading_tail(text: str) -> tuple[str, str] | None:
    """ "… of the Convention. Women with disabilities (art. 6)": the sentence, then a heading."""
    if _full_stop(text):
        return None
    ends = list(_SENTENCE_END_RE.finditer(text))
    if not ends:
        return None
    cut = ends[-1].end()
    label = _LABEL_AT_END_RE.search(text[:cut])
    if label is not None:
        cut = label.start(1)  # "… Convention. II. Positive aspects": the label goes with it
    head, tail = text[:cut].strip(), text[cut:].strip()
    # No sentence goes on into the next paragraph: an unfinished tail before a paragraph number
    # is a heading, even a long one ("Ensuring that a broad range of persons …").
    if head and heading_like(_LEADING_LABEL_RE.sub("", tail), 30, 250):
        return head, tail
    return None


def _number_lines(lines: list[Line]) -> list[tuple[int, int]]:
    """(line index, number) of every line that starts with a paragraph number."""
    return [
        (k, int(m.group(1)))
        for k, ln in enumerate(lines)
        if ln.text[:1].isdigit() and (m := _paragraph_number(ln.text)) is not None
    ]


def _count_numbered(number_lines: list[tuple[int, int]]) -> int:
    """How many paragraph numbers follow each other from the first one."""
    count, expected = 0, None
    for _, n in number_lines:
        if expected is None or n == expected:
            count += 1
            expected = n + 1
    return count


def _looks_wrapped(lines: list[Line]) -> bool:
    """pdftotext-style text: many lines stop mid-sentence."""
    texts = [ln.text for ln in lines if ln.text]
    if len(texts) < 6:
        return False
    unended = sum(1 for t in texts if not ends_sentence(t))
    return unended > len(texts) * 0.35


def _letter_date(body: list[Line], lang: Language) -> str | None:
    date_line = lang.date_line
    if date_line is None:
        return None
    for ln in body[:DATE_SCAN_LINES]:
        m = date_line.match(ln.text)
        if m is not None:
            return m.group(1)
    return None


def _reply_candidate(text: str) -> bool:
    """Could open a reply heading: capitalised, short, not a finished sentence."""
    if not text[:1].isupper() or len(text.split()) > MAX_REPLY_HEADING_WORDS:
        return False
    return not text.rstrip().endswith((";", ","))


def segment(
    source: SourceText,
    kind: DocumentKind | None = None,
    symbol: str | None = None,
    language: str | None = None,
) -> Document:
    """Segment a reader's `SourceText` into a `Document`.

    `kind` overrides detection (the command line's `--as`); `symbol` overrides the masthead;
    `language` (a code such as "fr") overrides language detection.
    """
    return _Segmenter(source, kind, symbol, language).run()
