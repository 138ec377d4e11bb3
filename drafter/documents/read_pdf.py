"""PDF sources, read with pdfium (pypdfium2), then cleaned page by page (`pages.py`).

Why pdfium, measured on the corpus (`benchmarks/bench_parse.py`, medians on a 2-core machine):
its text for the 18-page Brazil concluding observations takes about 34 ms in-process against
55 ms for pdftotext run as a subprocess (0.6x; 0.6-0.8x on the other corpus PDFs); as whole
processes the issue measured pdftotext 0.16 s, pypdfium2 0.23 s, pypdf 1.66 s, pdfminer.six
3.5 s. pdfium keeps "15. The Committee …" on one line, gives each character's position and
font size (so superscript footnote markers, footnote blocks and running headers are told by
layout, not guessed from text, and line-end hyphens come marked), and ships as Apache/BSD
licensed wheels with no system dependency. pdftotext (GPL, a separate program) would need a
subprocess, loses font sizes and drops the hyphen of "Afro-Brazilian" at line ends.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.documents import limits
from drafter.documents.model import SourceText
from drafter.documents.pages import PageLine, clean_pages
from drafter.documents.pdf_damage import StreamBomb, damaged_streams, pages_using
from drafter.errors import ReadError

# A marker candidate glued to what precedes it; the font size decides whether it is superscript.
# (What precedes it is checked in Python: a look-behind, or an optional space, at the start of the
# pattern would cost a test at every character of every page.)
# (Written to open with a character class, so the regex engine skips to digits and asterisks.)
_MARKER_CANDIDATE = re.compile(r"[\d*](?:(?<=\d)\d{0,2}|(?<=\*)\*{0,2})(?=[\s,.;:)]|$)")
_DIGIT_OR_STAR = re.compile(r"[0-9*]")  # a line without one has no marker to look at
_BLANKS = re.compile(r"\s+")


_SUPERSCRIPT_RATIO = 0.8  # a marker at most this share of the size of the text before it is raised
_RAISED_LETTERS = 3  # the longest raised ending of a word: "o", "er", "ème"
_ORDINAL_INDICATORS = "ºª"
_SAME_BASELINE = 0.4  # share of the font size within which two pieces sit on one line
_BLOCK_GAP = 1.4  # a line pitch this many times the usual one opens a new block
_MASTHEAD_SHARE = 0.3  # the top of the first page, where masthead columns sit side by side
_COLUMN_GAP = 2.0  # a horizontal gap this many times the font size separates two columns
_EDGE_BAND = 0.08  # share of the page height at its top and bottom for headers and footers
# A line's text without its surrounding blanks (pdfium ends lines with "\r\n").
_LINE = re.compile(r"(?m)^[ \t]*(\S(?:[^\r\n]*\S)?)")


@dataclass(slots=True)
class _Piece(PageLine):
    """A line as pdfium gives it, with what the layout passes need; `top` is set at the end."""

    size: float = 0.0  # always known here
    bottom: float = 0.0  # the baseline, in points from the page's bottom
    column: bool = False  # split from its neighbours on purpose: never merged back
    # Opens with a raised letter that belongs to the word before it: "n" + raised "o" ("n°");
    # looked at (`_raised_start`) only when the piece joins the one before it on its line.
    raised_start: bool = False
    span: tuple[int, int, int] | None = None  # start, end, middle letter in the page's text


def read_pdf(path: Path) -> SourceText:
    """Read a PDF's text layer; a PDF without one is an error that suggests OCR.

    Damage pdfium would pass over in silence (a page's compressed content that cannot be
    decoded, a page that does not load) is a `ReadError` naming the page: part of a document
    must never pass for all of it.
    """
    import pypdfium2 as pdfium

    data = _check_streams(path)
    try:
        # The bytes the check read: pdfium reading them from memory is faster than its many
        # small reads of the file (1.5 ms of the Brazil CO's 35), and the file is read once.
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(path, exc) from exc
    try:
        count = len(document)
        if count > limits.PDF_MAX_PAGES:
            raise ReadError(
                f"the PDF has {count:,} pages, more than the {limits.PDF_MAX_PAGES:,} drafter "
                "reads",
                path,
            )
        pages = [_load_page(document, i, path) for i in range(count)]
    finally:
        document.close()
    if not pages:
        raise ReadError("the PDF has no pages", path)
    if not any(line.text.strip() for page in pages for line in page):
        raise ReadError(
            "the PDF has no text layer (scanned pages?); run OCR on it first "
            "(e.g. `ocrmypdf in.pdf out.pdf`) and read the result",
            path,
        )
    _mark_block_gaps(pages)
    return clean_pages(pages, str(path))


class _TooMuchText(Exception):
    pass


def _load_page(document: Any, index: int, path: Path) -> list[PageLine]:
    import pypdfium2 as pdfium

    try:
        return _read_page(document[index], first=index == 0)
    except _TooMuchText as exc:
        raise ReadError(
            f"page {index + 1} holds {exc} characters, more than the "
            f"{limits.PDF_MAX_PAGE_CHARS:,} drafter reads on one page",
            path,
        ) from None
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise ReadError(
            f"page {index + 1} cannot be read ({exc}): the PDF is damaged; download it again",
            path,
        ) from exc


def _check_streams(path: Path) -> bytes:
    """The file's bytes, after checking them for damaged or inflating compressed streams (see
    `pdf_damage`): a ReadError naming the page."""
    try:
        data = path.read_bytes()
        damage = damaged_streams(data)
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})", path) from exc
    except StreamBomb as exc:
        raise ReadError(f"the PDF is not an ordinary document: {exc}", path) from None
    if not damage:
        return data
    first = damage[0]
    pages = pages_using(data, first, _object_counts)
    if pages:
        where = "page" if len(pages) == 1 else "pages"
        raise ReadError(
            f"{where} {', '.join(map(str, pages))}: the PDF is damaged (the page's compressed "
            f"content {first.reason}), so its text would be incomplete; download it again",
            path,
        )
    which = first.what if first.what != "content" else "a compressed stream"
    if first.number is not None:
        which += f", object {first.number},"
    raise ReadError(
        f"the PDF is damaged ({which} {first.reason}), so its text may be incomplete; "
        "download it again",
        path,
    )


def _object_counts(data: bytes) -> list[int]:
    """How many objects pdfium finds on each page of a PDF given as bytes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(data)
    try:
        counts = []
        for i in range(len(document)):
            page = document[i]
            counts.append(int(pdfium_c.FPDFPage_CountObjects(page.raw)))
            page.close()
        return counts
    finally:
        document.close()


def extract_plain_text(path: Path) -> str:
    """The extractor alone (no cleanup): the benchmark's baseline."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return "\f".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def _open_error(path: Path, exc: Exception) -> ReadError:
    message = str(exc).lower()
    if "password" in message or "security" in message:
        return ReadError(
            "the PDF is encrypted (password-protected); save an unprotected copy and read that",
            path,
        )
    return ReadError(f"the PDF is damaged or not a PDF ({exc})", path)


def _read_page(page: Any, first: bool = False) -> list[PageLine]:
    import pypdfium2.raw as pdfium_c

    height = float(page.get_height()) or 1.0
    textpage = page.get_textpage()
    try:
        chars_on_page = textpage.count_chars()
        if chars_on_page > limits.PDF_MAX_PAGE_CHARS:
            raise _TooMuchText(f"{chars_on_page:,}")
        text: str = textpage.get_text_range()
        if textpage.count_chars() != len(text):
            # Character indices and string offsets disagree (rare surrogate pairs): keep the
            # text and let the page cleanup work from line order alone.
            return [PageLine(m.group(1)) for m in _LINE.finditer(text)]
        chars = _Chars(textpage.raw, pdfium_c)
        # The loop below runs once per line of every page: its calls are bound to locals.
        tp, origin, get_font_size = chars.handle, chars.char_origin, chars.font_size
        px, py, y = chars.px, chars.py, chars.y
        masthead_bottom = height * (1 - _MASTHEAD_SHARE)
        has_digit = _DIGIT_OR_STAR.search
        pieces: list[_Piece] = []
        for match in _LINE.finditer(text):
            start, end = match.span(1)
            middle = (start + end) // 2
            if not text[middle].isalpha():
                # Most often a space between two words: the letter after it, or before it, is
                # the one `_middle_letter` would find.
                if middle + 1 < end and text[middle + 1].isalpha():
                    middle += 1
                elif middle > start and text[middle - 1].isalpha():
                    middle -= 1
                else:
                    middle = start + _middle_letter(match.group(1))
            origin(tp, middle, px, py)
            bottom = y.value
            if first and bottom > masthead_bottom:
                # The masthead prints columns side by side ("United Nations   CERD/C/…"):
                # split them, so the symbol stands on a line of its own as in the printed text.
                columns = _split_columns(chars, start, match.group(1))
                for offset, part in columns:
                    piece = _piece(chars, text, start + offset, start + offset + len(part))
                    piece.column = len(columns) > 1
                    pieces.append(piece)
                continue
            # (Every field in order, no keywords: a third cheaper, once per line.)
            piece = _Piece(
                match.group(1), get_font_size(tp, middle), None, [], False, bottom, False,
                False, (start, end, middle),
            )  # fmt: skip
            if has_digit(text, start, end) is not None:
                _cut_raised_markers(chars, text, start, end, piece)
            pieces.append(piece)

        def raised(piece: _Piece) -> bool:
            if piece.span is None:
                return False
            start, end, middle = piece.span
            return _raised_start(chars, text, start, end, middle, piece.size)

        lines = _merge_baselines(pieces, raised)
    finally:
        textpage.close()
    ordered: list[PageLine] = []
    for piece in _reading_order(lines, height, first):
        piece.top = (height - piece.bottom) / height
        ordered.append(piece)
    return ordered


class _Chars:
    """pdfium's per-character calls, with their output buffers allocated once per page.

    The two calls made for every line of every page (a character's baseline and its font
    size) go through prototypes that take plain addresses: pypdfium2's bindings check each
    argument against its declared pointer type on every call, which doubled their cost.
    """

    def __init__(self, textpage: Any, pdfium_c: Any) -> None:
        import ctypes

        self.textpage = textpage
        self.c = pdfium_c
        self.handle: int = ctypes.cast(textpage, ctypes.c_void_p).value or 0
        self.char_origin, self.font_size = _direct_calls(pdfium_c)
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.px, self.py = ctypes.addressof(self.x), ctypes.addressof(self.y)
        self.box = [ctypes.c_double() for _ in range(4)]
        self.pbox = [ctypes.byref(v) for v in self.box]

    def size(self, index: int) -> float:
        return float(self.font_size(self.handle, index))

    def origin(self, index: int) -> tuple[float, float]:
        """Where the character sits on its baseline: (x, y) in points from the bottom left."""
        self.char_origin(self.handle, index, self.px, self.py)
        return self.x.value, self.y.value

    def horizontal(self, index: int) -> tuple[float, float]:
        """Left and right edges of the character's box."""
        self.c.FPDFText_GetCharBox(self.textpage, index, *self.pbox)
        return self.box[0].value, self.box[1].value


@cache
def _direct_calls(pdfium_c: Any) -> tuple[Any, Any]:
    """FPDFText_GetCharOrigin(textpage, index, double *x, double *y) and
    FPDFText_GetFontSize(textpage, index) as prototypes on plain addresses."""
    import ctypes

    def address(function: Any) -> int:
        return ctypes.cast(function, ctypes.c_void_p).value or 0

    origin = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p
    )(address(pdfium_c.FPDFText_GetCharOrigin))
    size = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_void_p, ctypes.c_int)(
        address(pdfium_c.FPDFText_GetFontSize)
    )
    return origin, size


def _piece(chars: _Chars, text: str, start: int, end: int) -> _Piece:
    middle = start + _middle_letter(text[start:end])
    _, bottom = chars.origin(middle)
    piece = _Piece(text[start:end], chars.size(middle), anchors=[], bottom=bottom)
    _cut_raised_markers(chars, text, start, end, piece)
    return piece


def _cut_raised_markers(chars: _Chars, text: str, start: int, end: int, piece: _Piece) -> None:
    """Cut footnote markers from the piece: raised and smaller than the character before them,
    whatever size the rest of the line is ("United Nations CERD/C/…/18-20" mixes sizes).

    A candidate is glued to what precedes it, or set off from it by one space; digits (or
    asterisks) that go on from the character before are one run ("2022", "2931st"), no marker.
    """
    size = chars.size
    cuts: list[tuple[int, int, str]] = []  # (start with the space before, end, marker)
    for m in _MARKER_CANDIDATE.finditer(text, start, end):
        at = m.start()
        if at == 0:
            continue
        before = text[at - 1]
        if before.isspace():
            if before != " " or at < 2 or text[at - 2].isspace() or at - 1 < start:
                continue
            cut_from = at - 1
        elif before.isdigit() or (before == "*" and text[at] == "*"):
            continue
        else:
            cut_from = at
        if size(at) <= size(cut_from - 1) * _SUPERSCRIPT_RATIO:
            cuts.append((cut_from, m.end(), m.group()))
    if not cuts:
        return
    line = piece.text
    for cut_from, cut_end, marker in reversed(cuts):
        piece.anchors.insert(0, marker)
        line = line[: cut_from - start] + line[cut_end - start :]
    piece.text = line


def _split_columns(chars: _Chars, start: int, text: str) -> list[tuple[int, str]]:
    """Split a line where a wide horizontal gap separates two columns.

    pdfium puts blanks wherever its text jumps to the right, so only the characters on either
    side of a run of blanks are measured (a masthead line has a few, and a character's box is
    one call into pdfium).
    """
    parts: list[tuple[int, str]] = []
    begin = 0
    for blank in _BLANKS.finditer(text):
        before, after = blank.start() - 1, blank.end()
        _, last_right = chars.horizontal(start + before)
        left, _ = chars.horizontal(start + after)
        if left - last_right > _COLUMN_GAP * chars.size(start + after):
            parts.append((begin, text[begin : blank.start()].strip()))
            begin = after
    parts.append((begin, text[begin:].strip()))
    return [(offset, part) for offset, part in parts if part]


def _raised_start(chars: _Chars, text: str, start: int, end: int, middle: int, size: float) -> bool:
    """Whether the piece opens with raised letters that end the word before it on the line:
    the "o" of "n" + "o" (French "no", printed nᵒ), the "er" of "1" + "er", the "º" of
    "n." + "º" (Spanish "n.º"). pdfium starts a new line at such a raised run; the piece then
    reads "o 2 (2014) …", and its run, one to three letters before a space, is smaller than
    the text after it (`size`, the size at `middle`, or the next character's when `middle`
    falls in the run itself, as in the short piece "o 2")."""
    run = start
    while run < end and run - start < _RAISED_LETTERS and text[run].isalpha():
        run += 1
    if run == start or run >= end - 1 or text[run] != " ":
        return False
    if middle < run:
        size = chars.size(run + 1)
    limit = size * _SUPERSCRIPT_RATIO
    return chars.size(start) <= limit and (run == start + 1 or chars.size(run - 1) <= limit)


def _middle_letter(text: str) -> int:
    """Index of a letter near the middle: its size and baseline are the line's, not a marker's."""
    middle = len(text) // 2
    if text[middle].isalpha():
        return middle
    for offset in range(len(text)):
        for index in (middle + offset, middle - offset):
            if 0 <= index < len(text) and text[index].isalpha():
                return index
    return middle


def _merge_baselines(
    pieces: list[_Piece], raised: Callable[[_Piece], bool] | None = None
) -> list[_Piece]:
    """pdfium breaks a line after a superscript ("Brazil,1" / "submitted …"): join it back.

    `raised` says whether a piece opens with raised letters (`_raised_start`), asked only of a
    piece that joins a line ending so that they could end its word."""
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not (last.column or piece.column)
            and abs(last.bottom - piece.bottom) < _SAME_BASELINE * max(last.size, piece.size)
        ):
            # "n" + "o", "1" + "er"; "n." + "º" (the ordinal indicators are raised letters).
            before = last.text[-1:]
            glued = (
                before.isalnum() or (before == "." and piece.text[:1] in _ORDINAL_INDICATORS)
            ) and (piece.raised_start or (raised is not None and raised(piece)))
            last.text = f"{last.text}{'' if glued else ' '}{piece.text}"
            last.anchors.extend(piece.anchors)
            if piece.size > last.size:
                last.size = piece.size
            continue
        merged.append(piece)
    return merged


def _reading_order(pieces: list[_Piece], height: float, first: bool) -> list[_Piece]:
    """Reading order: the page's content order, with what a producer draws out of turn moved.

    pdfium returns text in the order the page draws it: the body in reading order (column by
    column where there are columns), but running headers and page numbers wherever the producer
    put them, and UN first pages draw their masthead last. So pieces in the top and bottom
    bands go first and last, and on the first page the trailing pieces that all sit above the
    first one drawn (the masthead) go before it. Nothing else moves, so columns stay whole.
    """
    top_edge, bottom_edge = height * (1 - _EDGE_BAND), height * _EDGE_BAND
    head: list[_Piece] = []
    body: list[_Piece] = []
    foot: list[_Piece] = []
    for p in pieces:
        if p.bottom > top_edge:
            head.append(p)
        elif p.bottom < bottom_edge:
            foot.append(p)
        else:
            body.append(p)
    head.sort(key=lambda p: -round(p.bottom))
    foot.sort(key=lambda p: -round(p.bottom))
    if first and body:
        k = len(body)
        while k > 1 and body[k - 1].bottom > body[0].bottom:
            k -= 1
        if k < len(body):
            body = sorted(body[k:], key=lambda p: -round(p.bottom)) + body[:k]
    return head + body + foot


def _mark_block_gaps(pages: list[list[PageLine]]) -> None:
    """Mark lines after a larger vertical gap, as text files mark paragraphs with blank lines."""
    pitches: list[float] = []
    for page in pages:
        for above, below in itertools.pairwise(page):
            if above.top is not None and below.top is not None and below.top > above.top:
                pitches.append(below.top - above.top)
    if not pitches:
        return
    usual = statistics.median(pitches)
    for page in pages:
        for above, below in itertools.pairwise(page):
            if above.top is not None and below.top is not None:
                below.break_before = below.top - above.top > _BLOCK_GAP * usual
