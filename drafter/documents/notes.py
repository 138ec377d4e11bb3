"""Footnotes and endnotes as the segmenter meets them, and the page furniture around them.

The readers cut markers and notes from the text they extract (see `pages.py`); this module is
what lets the segmenter cope with text they did not clean (a pdftotext `.txt` handed over as is,
a note marker a reader missed): running headers, job numbers and page numbers are dropped, the
note block at the foot of each form-feed page and the "Notes" section become footnotes, and
markers still glued to words ("Brazil,1", "first.4", "officials. 3") are cut out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from drafter.documents.lines import Line, drop_private_use, ends_sentence, join_lines, next_text
from drafter.documents.model import Footnote, SourceText
from drafter.documents.references import clean_symbol

NOTE_LINE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
BARE_NUMBER_RE = re.compile(r"^(\d{1,3})$")
_FOOT_STAR_RE = re.compile(r"^(\*{1,3})\s*(\S.*)$")
_JOB_NUMBER_RE = re.compile(r"^GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?$")
_BARCODE_RE = re.compile(r"^(?:\d{6,}|\*\d{5,}\*)$")
# The id of endnote text whose numbers the extraction lost.
LOST_NUMBERS = "notes"
# How far an endnote number may jump: extraction sometimes loses a number or two.
_MAX_ENDNOTE_GAP = 3
# How far ahead a lost note looks for the next printed number.
_LOOK_AHEAD_LINES = 8

# Inline footnote markers a reader did not cut: "Brazil,1 submitted", "first.4", "officials. 3".
_GLUED_MARKER_RE = re.compile(r"(?<=[^\W\d_][.,;:”’\")]|[^\W\d_]”)(\d{1,3})(?=[\s.,;:]|$)")
_WORD_MARKER_RE = re.compile(r"(?<=[a-z]{3})(\d{1,3})(?=[\s.,;:]|$)")  # "observations10 and"
# "at 17.56 UNESCO …": a marker after a number ending a sentence, when a sentence follows;
# at a line end only after a year ("in 2021.55", "by 2007,9 progress"): "39.1" is a number.
_DIGIT_DOT_MARKER_RE = re.compile(r"(?<=\d\.)(\d{1,3})(?=\s+[A-Z])")
_YEAR_DOT_MARKER_RE = re.compile(r"(?<=\b(?:19|20)\d\d[.,;])(\d{1,3})(?=\s|$)")
_YEAR_SPACE_MARKER_RE = re.compile(r"(?<=\b(?:19|20)\d\d)\s(\d{1,3})(?=\s)")  # "2014 6 and"
_SPACED_MARKER_RE = re.compile(r"(?<=[.,;:”)])\s(\d{1,3})(?=\s|$)")
_DIGIT_RE = re.compile(r"\d")
_MARKER_PATTERNS = (
    _GLUED_MARKER_RE,
    _WORD_MARKER_RE,
    _DIGIT_DOT_MARKER_RE,
    _YEAR_DOT_MARKER_RE,
    _YEAR_SPACE_MARKER_RE,
    _SPACED_MARKER_RE,
)
# Words after which a number is a reference, not a marker ("para. 3", "No. 4").
_NOT_MARKER_BEFORE_RE = re.compile(
    r"(?:\bparas?|\bNo|\bNos|\barts?|\bp|\bpp|\bch|\bsect|\bvol|\bresolution)\.?\s*[.,]?\s*$",
    re.IGNORECASE,
)


class Notes:
    """The document's footnotes: the reader's, then those found while segmenting, by id."""

    def __init__(self, source: SourceText) -> None:
        texts = [(f.id, drop_private_use(f.text).strip()) for f in source.footnotes]
        self.texts: dict[str, str] = dict(texts)
        self._from_reader = [Footnote(key, text) for key, text in texts]
        self._found: list[str] = []
        self._highest = max((int(k) for k in self.texts if k.isdigit()), default=0)
        # Whether a hyphen at a line end is the word's (the segmenter's rule, `hyphens.py`).
        self.keeps_hyphen: Callable[[str, str], bool] | None = None

    def add(self, key: str, text: str) -> None:
        if key in self.texts:
            self.texts[key] = join_lines([self.texts[key], text], self.keeps_hyphen)
        else:
            self.texts[key] = text
            self._found.append(key)
            if key.isdigit():
                self._highest = max(self._highest, int(key))

    def highest_number(self) -> int:
        return self._highest

    def footnotes(self) -> list[Footnote]:
        known = {f.id for f in self._from_reader}
        found = [Footnote(k, self.texts[k]) for k in self._found if k not in known]
        return [*self._from_reader, *found]


# --- page furniture and page feet --------------------------------------------------------------


def _is_symbol_line(text: str, symbol: str | None) -> bool:
    """The document's symbol alone on a line: a running header after the first page."""
    return symbol is not None and text.startswith(symbol) and clean_symbol(text) == symbol


def is_furniture(text: str) -> bool:
    first = text[:1]
    if first != "G" and first != "*" and not first.isdigit():
        return False  # neither a job number nor a barcode: most lines, no regex to run
    return bool(_JOB_NUMBER_RE.match(text) or _BARCODE_RE.match(text))


def strip_page_furniture(
    lines: list[Line], symbol: str | None, notes: Notes, notes_heading: Callable[[str], bool]
) -> list[Line]:
    """Remove running headers, job numbers, barcodes; turn page-foot blocks into notes."""
    paged = any(ln.page_end for ln in lines)
    if paged:
        lines = _strip_page_feet(lines, symbol, notes, notes_heading)
    out: list[Line] = []
    seen_symbol = False
    for ln in lines:
        t = ln.text
        first = t[:1]
        if (first == "G" or first == "*" or first.isdigit()) and is_furniture(t):
            continue
        if symbol is not None and t.startswith(symbol) and _is_symbol_line(t, symbol):
            if seen_symbol:
                continue  # the running header of every page after the first
            seen_symbol = True
        if paged and ln.page_end and BARE_NUMBER_RE.match(t):
            continue  # a page number
        out.append(ln)
    return out


def _strip_page_feet(
    lines: list[Line], symbol: str | None, notes: Notes, notes_heading: Callable[[str], bool]
) -> list[Line]:
    pages: list[list[Line]] = [[]]
    for ln in lines:
        pages[-1].append(ln)
        if ln.page_end:
            pages.append([])
    out: list[Line] = []
    in_notes = False
    for page in pages:
        # An endnotes section ("Notes") is all notes: the endnote reader takes it, not this.
        in_notes = in_notes or any(notes_heading(ln.text) for ln in page)
        start = len(page) if in_notes else _foot_start(page)
        out.extend(page[:start])
        if start < len(page):
            _read_page_foot(page[start:], symbol, notes)
            if out:
                out[-1].page_end = True
    return out


def _foot_start(page: list[Line]) -> int:
    """Where the foot of a pdftotext page begins: a blank line, then a note or a number."""
    for i in range(1, len(page)):
        t = page[i].text
        if page[i - 1].text or not t:
            continue
        if BARE_NUMBER_RE.match(t) or _FOOT_STAR_RE.match(t):
            return i
    return len(page)


def _read_page_foot(foot: list[Line], symbol: str | None, notes: Notes) -> None:
    """Pair note texts with the note numbers pdftotext printed before them (or after)."""
    highest = notes.highest_number()
    queue: list[str] = []  # note numbers seen on this foot, in order
    texts: list[tuple[str | None, str]] = []
    for ln in foot:
        t = ln.text
        if not t or is_furniture(t) or _is_symbol_line(t, symbol):
            continue
        if BARE_NUMBER_RE.match(t):
            if int(t) > highest and t not in queue:
                queue.append(t)
            continue
        star = _FOOT_STAR_RE.match(t)
        if star is not None:
            texts.append((star.group(1), star.group(2)))
            continue
        note = NOTE_LINE_RE.match(t)
        if note is not None and int(note.group(1)) > highest:
            texts.append((note.group(1), note.group(2)))
            continue
        if texts and (t[:1].islower() or t[:1] in "-–/" or not ends_sentence(texts[-1][1])):
            key, previous = texts[-1]
            texts[-1] = (key, join_lines([previous, t], notes.keeps_hyphen))
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
        notes.add(key, text)


# --- endnotes and notes in plain text ---------------------------------------------------------


class EndnoteReader:
    """Reads a "Notes" section line by line: "12 Ibid., para. 4." or "12" then its text."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.last = 0
        self.lost = False  # numbers have been lost: each new sentence opens the next note

    def read(self, lines: list[Line], i: int) -> int:
        """Take the note text at line i; return the index of the next line to read."""
        t = lines[i].text
        if BARE_NUMBER_RE.match(t):
            if self.last < int(t) <= self.last + _MAX_ENDNOTE_GAP:
                j, nxt = next_text(lines, i)
                if nxt and not BARE_NUMBER_RE.match(nxt) and not NOTE_LINE_RE.match(nxt):
                    self._add(t, nxt)
                    return j + 1
                self._add(t, "")
            return i + 1  # a page number
        note = NOTE_LINE_RE.match(t)
        if note is not None and self.last < int(note.group(1)) <= self.last + _MAX_ENDNOTE_GAP:
            self._add(note.group(1), note.group(2))
            return i + 1
        # A wrapped line of the note before, or a note whose number was lost (text pasted from
        # a PDF or a web page loses the raised numbers): a new sentence after a finished note
        # is the next note when the numbers ahead leave room for it, or when none are left.
        if self._starts_lost_note(lines, i):
            self.lost = True
            self._add(str(self.last + 1), t)
            return i + 1
        self._add(str(self.last) if self.last else LOST_NUMBERS, t)
        return i + 1

    def _starts_lost_note(self, lines: list[Line], i: int) -> bool:
        t = lines[i].text
        if not (t[:1].isupper() or t[:1] in '“"«('):
            return False
        if not self.last and LOST_NUMBERS in self.notes.texts:
            return False  # notes that began mid-sentence (a page lost): no numbering to follow
        current = self.notes.texts.get(str(self.last)) if self.last else None
        if self.last and (current is None or not ends_sentence(current)):
            return False
        if current and _NOT_MARKER_BEFORE_RE.search(current):
            return False  # "… paras." / "27–30.": an abbreviation, not the note's end
        ahead = self._next_number(lines, i)
        if ahead is None:
            return self.lost or self.last == 0
        return ahead >= self.last + 2

    def _next_number(self, lines: list[Line], i: int) -> int | None:
        """The next note number printed after line i, if any (looking a few lines ahead)."""
        for ln in lines[i + 1 : i + 1 + _LOOK_AHEAD_LINES]:
            m = BARE_NUMBER_RE.match(ln.text) or NOTE_LINE_RE.match(ln.text)
            if m is not None and int(m.group(1)) > self.last:
                return int(m.group(1))
        return None

    def _add(self, key: str, text: str) -> None:
        if key.isdigit():
            self.last = max(self.last, int(key))
        self.notes.add(key, text)


def read_inline_note(
    lines: list[Line], i: int, key: str, text: str, open_markers: set[str], notes: Notes
) -> int:
    """A note printed at the foot of a page of plain text: "1 This information …"."""
    parts = [text]
    j = i + 1
    while j < len(lines) and lines[j].text:
        note = NOTE_LINE_RE.match(lines[j].text)
        if note is not None and note.group(1) in open_markers and note.group(1) != key:
            notes.add(key, join_lines(parts, notes.keeps_hyphen))
            key, parts = note.group(1), [note.group(2)]
        else:
            parts.append(lines[j].text)
        j += 1
    notes.add(key, join_lines(parts, notes.keeps_hyphen))
    return j


# --- markers left in the text ------------------------------------------------------------------


class MarkerCutter:
    """Cuts footnote markers out of text when they follow the running sequence of markers.

    In raw text every marker is a candidate; when a reader supplied the notes, only the notes it
    anchored nowhere are looked for ("2014 6 and" that pdftotext's layout hid from it).
    """

    def __init__(self, source: SourceText) -> None:
        anchored = {a for found in source.footnote_anchors.values() for a in found}
        self.unanchored: set[str] | None = (
            {f.id for f in source.footnotes if f.id not in anchored} if source.footnotes else None
        )
        # Only numbered notes have markers to look for ("*" title notes have none in the text).
        self.active = self.unanchored is None or any(k.isdigit() for k in self.unanchored)
        self.next_marker = 1
        self.seen: set[str] = set()  # every marker met in the text so far

    def met(self, marker: str) -> None:
        """A marker anchored by the reader or printed on its own line."""
        self.seen.add(marker)
        if marker.isdigit():
            self.next_marker = max(self.next_marker, int(marker) + 1)

    def is_next(self, marker: str) -> bool:
        return marker.isdigit() and int(marker) == self.next_marker

    def open_markers(self, notes: Notes) -> set[str]:
        """Markers met in the text whose note has not been read yet."""
        return {m for m in self.seen if m not in notes.texts}

    def cut(self, text: str) -> tuple[str, list[str]]:
        """The text without its markers, and the markers in order.

        Candidates from every pattern are taken in text order, so one marker the sequence
        skips ("education.57" before "17.56") cannot stall the count.
        """
        if not self.active or _DIGIT_RE.search(text) is None:
            return text, []
        candidates = sorted(
            (m.start(1), m.end(1), m.group(1)) for p in _MARKER_PATTERNS for m in p.finditer(text)
        )
        if not candidates:
            return text, []
        pieces: list[str] = []
        found: list[str] = []
        pos = 0
        for start, end, number in candidates:
            if start < pos or not self._expected(number):
                continue
            if _NOT_MARKER_BEFORE_RE.search(text[max(0, start - 16) : start]):
                continue
            found.append(number)
            self.met(number)
            if self.unanchored is not None:
                self.unanchored.discard(number)
            # A marker set off by a space ("officials. 3") takes the space with it.
            cut = start - 1 if start > 0 and text[start - 1] == " " else start
            pieces.append(text[pos:cut])
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces), found

    def _expected(self, number: str) -> bool:
        if self.unanchored is None:
            return int(number) == self.next_marker
        return number in self.unanchored and int(number) >= self.next_marker - 1
