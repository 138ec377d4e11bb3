"""Page cleanup shared by the PDF reader and pdftotext-style text (pages split on form feeds).

A paged source carries things that are not text of the document: running headers and footers
(the symbol, "GE.22-27770(E)" job numbers, page numbers), footnote blocks at the bottom of pages,
footnote markers glued to words ("Brazil,1") and words hyphenated across lines. This stage removes
or moves them, so the segmenter sees the document's own lines in reading order.

Readers that know the layout (PDF) fill in `PageLine.size`, `PageLine.top` and cut superscript
markers themselves; plain text (pdftotext output) has only line order, so the same decisions are
made from position in the page and from the text alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from drafter.documents.hyphens import BREAK_MARKS, Vocabulary, join_broken, join_marked
from drafter.documents.model import Footnote, SourceText

# How many non-blank lines at each end of a text page may be running headers or footers.
_EDGE_LINES_TOP = 3
_EDGE_LINES_BOTTOM = 6
# For PDFs: the share of the page height at the top and bottom where headers and footers sit.
_EDGE_FRACTION = 0.09

# "GE.22-27770(E)", alone or sharing its line with a page number or a date code.
_JOB_NUMBER = re.compile(r"^(\S+\s+)?GE\.\d{2}-\d{4,6}\s*(\(\w\))?(\s+\S+){0,3}$")
_BARCODE = re.compile(r"^\*\d{6,}\*$")
_DATE_CODE = re.compile(r"^\d{6}$")  # "130126": issue dates printed on UN first pages
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4})(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_RECYCLE = re.compile(r"^please recycle$", re.IGNORECASE)
_MARKER_ONLY = re.compile(r"^(\d{1,3}|\*{1,3})$")
_PARAGRAPH_START = re.compile(r"^(\d{1,3}\.|\([a-z]{1,4}\))(\s|$)")
_MARKER_LINE = re.compile(r"^(\d{1,3}|\*{1,3})\s+(\S.*)$")
# A footnote marker glued to the word before it: after a lowercase letter ("session12"), after
# punctuation that follows a letter ("Brazil,1", "literacy.5"), after a year ("2022.4") or
# after a number and a comma ("16/21,1"); only the next number of the sequence is taken.
# "paragraph 5.2", "No. 13,445", "G20" and "CERD/C/64" do not match.
_GLUED_MARKER = re.compile(
    r"(?:(?<=[a-z\u00e0-\u00ff”’\)])|(?<=[A-Za-z\u00c0-\u00ff”’\)][.,;:])|(?<=\b\d{4}[.,])"
    r"|(?<=\d,))"
    r"(\d{1,3})(?=[\s,.;:)]|$)"
    # … or standing after a sentence's end, before the next sentence or the line's end
    # ("officials. 3", "conditions. 27 On the basis").
    r"|(?<=[a-z\)”’][.;] )(\d{1,3})(?=$| [A-Z])"
)
# Words after which a number is a reference, not a marker ("para. 3").
_REFERENCE_WORDS = frozenset({"para", "paras", "no", "nos", "art", "arts", "p", "pp", "chap"})
# pdftotext can print a page's note texts after its markers; a longer block is body text.
_MAX_TRAILING_NOTE_LINES = 4


@dataclass(slots=True)
class PageLine:
    """One line of a page, with what the reader knows about its layout."""

    text: str
    size: float | None = None  # font size in points, when known
    top: float | None = None  # from the page's top to the line's baseline, share of its height
    anchors: list[str] = field(default_factory=list)  # markers the reader already cut out
    break_before: bool = False  # a vertical gap above this line: a new block starts


def clean_pages(pages: list[list[PageLine]], path: str) -> SourceText:
    """Turn raw pages into a `SourceText`: drop running matter, collect footnotes, join lines."""
    body_size = _body_size(pages)
    pages, page_numbers = _drop_running_matter(pages, layout=body_size is not None)
    body_pages: list[list[PageLine]] = []
    footnotes: list[Footnote] = []
    for page, page_number in zip(pages, page_numbers, strict=True):
        if body_size is not None:
            body, notes = _split_footnotes_by_size(page, body_size, footnotes)
        else:
            body, notes = _split_footnotes_by_text(page, footnotes, page_number)
        footnotes.extend(notes)
        body_pages.append(body)
    lines: list[PageLine] = [line for page in body_pages for line in page]
    if body_size is None:
        _cut_glued_markers(lines)
    return _to_source(lines, footnotes, path)


def split_text_pages(text: str) -> list[list[PageLine]]:
    """Pages of pdftotext-style text: form feeds separate pages, blank lines separate blocks."""
    pages: list[list[PageLine]] = []
    for raw_page in text.split("\f"):
        page: list[PageLine] = []
        gap = False
        for raw in raw_page.split("\n"):
            stripped = raw.strip()
            if not stripped:
                gap = True
                continue
            page.append(PageLine(stripped, break_before=gap))
            gap = False
        pages.append(page)
    while pages and not pages[-1]:
        pages.pop()  # pdftotext ends with a form feed
    return pages


# --- running headers and footers -----------------------------------------------------------


def _edge_indices(page: list[PageLine]) -> set[int]:
    if page and all(line.top is not None for line in page):
        return {
            i
            for i, line in enumerate(page)
            if line.top is not None and (line.top < _EDGE_FRACTION or line.top > 1 - _EDGE_FRACTION)
        }
    n = len(page)
    return set(range(min(_EDGE_LINES_TOP, n))) | set(range(max(0, n - _EDGE_LINES_BOTTOM), n))


def _running_key(text: str) -> str:
    # Exact text: digits are not wildcards, or every "14." near a page edge would look running.
    return " ".join(text.split()).strip(" *")


def _drop_running_matter(
    pages: list[list[PageLine]], layout: bool
) -> tuple[list[list[PageLine]], list[int | None]]:
    """Drop running headers and footers; return the pages and the page numbers still in them.

    With layout (PDF), page numbers are dropped here. In plain text a page number can print the
    same digits as a footnote marker beside it, so it is left for the footnote stage to tell
    apart, and its value is returned.
    """
    edges = [_edge_indices(page) for page in pages]
    seen: Counter[str] = Counter()
    for page, edge in zip(pages, edges, strict=True):
        seen.update({_running_key(page[i].text) for i in edge})
    threshold = max(2, math.ceil(0.3 * len(pages)))
    offset = _page_number_offset(pages, edges)
    cleaned: list[list[PageLine]] = []
    page_numbers: list[int | None] = []
    for number, (page, edge) in enumerate(zip(pages, edges, strict=True)):
        page_numbers.append(None if offset is None or layout else number + offset)
        page_number_dropped = False
        keep: list[PageLine] = []
        # Walk from the page's end so the page number nearest the bottom is the one dropped
        # when a footnote marker on the same page prints the same digits.
        for i in range(len(page) - 1, -1, -1):
            line = page[i]
            text = line.text.strip()
            if i in edge:
                if _JOB_NUMBER.match(text) or _BARCODE.match(text) or _RECYCLE.match(text):
                    continue
                if number == 0 and _DATE_CODE.match(text):
                    continue
                match = _PAGE_NUMBER.match(text)
                if (
                    match
                    and _alone(page, i)
                    and layout
                    and not page_number_dropped
                    and offset is not None
                    and int(match.group(1)) == number + offset
                ):
                    page_number_dropped = True
                    continue
                # The first page's masthead carries the symbol the later pages repeat: keep it.
                # "(a)" or "12." may well stand at the edge of many pages: never running.
                if (
                    number > 0
                    and len(pages) > 1
                    and seen[_running_key(text)] >= threshold
                    and not _PARAGRAPH_START.match(text)
                ):
                    continue
            keep.append(line)
        keep.reverse()
        cleaned.append(keep)
    return cleaned, page_numbers


def _alone(page: list[PageLine], i: int) -> bool:
    """A line in a block of its own: page numbers stand apart, footnote markers do not."""
    if page[i].top is not None:
        return True  # layout already placed it at the page's edge
    if i in (0, len(page) - 1):
        return True
    return page[i].break_before and page[i + 1].break_before


def _page_number_offset(pages: list[list[PageLine]], edges: list[set[int]]) -> int | None:
    """The difference between printed page numbers and page positions, by majority vote."""
    votes: Counter[int] = Counter()
    for number, (page, edge) in enumerate(zip(pages, edges, strict=True)):
        offsets = set()
        for i in edge:
            match = _PAGE_NUMBER.match(page[i].text.strip())
            if match and _alone(page, i):
                offsets.add(int(match.group(1)) - number)
        votes.update(offsets)
    if not votes:
        return None
    offset, count = votes.most_common(1)[0]
    return offset if count >= max(1, len(pages) // 2) else None


# --- footnotes ------------------------------------------------------------------------------


def _body_size(pages: list[list[PageLine]]) -> float | None:
    sizes: dict[float, int] = {}  # characters by font size, to a tenth of a point
    rounded: dict[float, float] = {}  # a page has a few sizes: each rounded once
    for page in pages:
        for line in page:
            size = line.size
            if size is None:
                return None
            key = rounded.get(size)
            if key is None:
                key = rounded[size] = round(size, 1)
            sizes[key] = sizes.get(key, 0) + len(line.text)
    return max(sizes, key=sizes.__getitem__) if sizes else None


def _split_footnotes_by_size(
    page: list[PageLine], body_size: float, earlier: list[Footnote]
) -> tuple[list[PageLine], list[Footnote]]:
    """PDF pages: footnotes are the trailing run of smaller lines that starts with a marker."""
    start = len(page)
    for i in range(len(page) - 1, -1, -1):
        size = page[i].size
        if size is None or size > body_size - 0.75:
            break
        if _MARKER_LINE.match(page[i].text):
            start = i
    # Only a run that opens with a marker is a footnote block; a small table is body text.
    while start < len(page) and not _MARKER_LINE.match(page[start].text):
        start += 1
    if start == len(page):
        start = _same_size_notes(page)
    if start == len(page):
        return page, []
    return page[:start], _group_footnote_lines([line.text for line in page[start:]], earlier)


def _same_size_notes(page: list[PageLine]) -> int:
    """Where notes printed at the body's size begin (a document without a footnote style): the
    trailing lines that open with exactly the markers raised in this page's text."""
    raised = {marker for line in page for marker in line.anchors}
    start = len(page)
    found: set[str] = set()
    if not raised:
        return start
    for i in range(len(page) - 1, -1, -1):
        line = page[i]
        if line.anchors or _PARAGRAPH_START.match(line.text):
            break  # body text: a line carrying a marker, or a numbered paragraph
        match = _MARKER_LINE.match(line.text)
        if match and match.group(1) in raised:
            start = i
            found.add(match.group(1))
    return start if found == raised else len(page)


def _group_footnote_lines(texts: list[str], earlier: list[Footnote]) -> list[Footnote]:
    notes: list[Footnote] = []
    for text in _split_run_together(texts, earlier):
        match = _MARKER_LINE.match(text)
        alone = _MARKER_ONLY.match(text)
        if match:
            notes.append(Footnote(match.group(1), match.group(2).strip()))
        elif alone:  # a raised marker pdfium put on a line of its own
            notes.append(Footnote(alone.group(1), ""))
        elif notes:
            notes[-1] = Footnote(notes[-1].id, _join_words(notes[-1].text, text))
        elif earlier:  # a footnote running over from the previous page
            earlier[-1] = Footnote(earlier[-1].id, _join_words(earlier[-1].text, text))
    return notes


def _split_run_together(texts: list[str], earlier: list[Footnote]) -> list[str]:
    """Split "8 Ibid., para. 9. 9 Ibid., para. 15." where two short notes share a line."""
    last = next((int(n.id) for n in reversed(earlier) if n.id.isdigit()), 0)
    out: list[str] = []
    for text in texts:
        match = _MARKER_LINE.match(text)
        if match and match.group(1).isdigit():
            last = int(match.group(1))
        while True:
            split = re.search(rf"(?<=[.;]) ({last + 1}) (?=\S)", text)
            if not split or not match:
                break
            out.append(text[: split.start()])
            text = text[split.start() + 1 :]
            last += 1
        out.append(text)
    return out


def _split_footnotes_by_text(
    page: list[PageLine], earlier: list[Footnote], page_number: int | None = None
) -> tuple[list[PageLine], list[Footnote]]:
    """pdftotext pages: the trailing blocks of markers and their texts form the footnotes.

    pdftotext prints a footnote block either as "1 text" lines or as a column of markers
    followed by a column of texts ("1", "2", "", "text one", "text two"), sometimes with the
    page number among them. Markers run in sequence through the document: a number that
    does not continue the sequence and equals the page number is the page number.
    """
    page = _drop_page_number(page, page_number, earlier)
    blocks = _blocks(page)
    start: int | None = None
    for b in range(len(blocks) - 1, -1, -1):
        block = blocks[b]
        if any(_PARAGRAPH_START.match(line.text) for line in block):
            break  # "14." or "(a)" opens body text, never a note
        short = len(block) <= _MAX_TRAILING_NOTE_LINES
        if (
            _MARKER_LINE.match(block[0].text)
            or _MARKER_ONLY.match(block[0].text)
            or (short and any(_MARKER_ONLY.match(line.text) for line in block))
        ):
            start = b
        elif not short:
            break
    if start is None:
        return page, []
    tail = [line for block in blocks[start:] for line in block]
    markers = [line.text for line in tail if _MARKER_ONLY.match(line.text)]
    texts = [line.text for line in tail if not _MARKER_ONLY.match(line.text)]
    notes: list[Footnote] = []
    loose: list[str] = []
    for text in texts:
        match = _MARKER_LINE.match(text)
        # "* text" lines, and "1 text" lines when no marker column was printed, are whole notes.
        if match and (not markers or match.group(1).startswith("*")):
            notes.append(Footnote(match.group(1), match.group(2).strip()))
        else:
            loose.append(text)
    if markers:
        loose = _fit_texts(loose, len(markers))
        notes.extend(Footnote(m, t) for m, t in zip(markers, loose, strict=False))
        if len(loose) > len(markers) and notes:
            rest = " ".join(loose[len(markers) :])
            notes[-1] = Footnote(notes[-1].id, _join_words(notes[-1].text, rest))
    elif loose:
        if notes:
            notes[-1] = Footnote(notes[-1].id, _join_words(notes[-1].text, " ".join(loose)))
        elif earlier:
            earlier[-1] = Footnote(earlier[-1].id, _join_words(earlier[-1].text, " ".join(loose)))
        else:
            return page, []
    body_count = sum(len(block) for block in blocks[:start])
    return page[:body_count], notes


def _drop_page_number(
    page: list[PageLine], page_number: int | None, earlier: list[Footnote]
) -> list[PageLine]:
    if page_number is None:
        return page
    expected = next((int(n.id) + 1 for n in reversed(earlier) if n.id.isdigit()), 1)
    edge = _edge_indices(page)
    candidates = [i for i in sorted(edge) if page[i].text == str(page_number) and _alone(page, i)]
    if not candidates:
        return page
    in_sequence = [i for i in sorted(edge) if _MARKER_ONLY.match(page[i].text)]
    # The markers before a candidate that continue the sequence: is the candidate next?
    for i in reversed(candidates):
        seen = expected
        for j in in_sequence:
            if j >= i:
                break
            if page[j].text == str(seen):
                seen += 1
        text_follows = any(not _MARKER_ONLY.match(line.text) for line in page[i + 1 :])
        if page_number != seen or len(candidates) > 1 or not text_follows:
            return page[:i] + page[i + 1 :]
    return page


def _fit_texts(texts: list[str], count: int) -> list[str]:
    """Join wrapped footnote lines until there is one text per marker (when possible)."""
    texts = list(texts)
    while len(texts) > count:
        # Join the first line that does not end a sentence with the next one.
        for i in range(len(texts) - 1):
            if not texts[i].rstrip().endswith((".", ";", ")")) or texts[i + 1][:1].islower():
                texts[i : i + 2] = [_join_words(texts[i], texts[i + 1])]
                break
        else:
            break
    return texts


def _blocks(page: list[PageLine]) -> list[list[PageLine]]:
    blocks: list[list[PageLine]] = []
    for line in page:
        if not blocks or line.break_before:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _cut_glued_markers(lines: list[PageLine]) -> None:
    """Text pages: cut markers glued to words when they continue the marker sequence."""
    expected = 1
    for line in lines:
        if not any(ch.isdigit() for ch in line.text):
            continue
        pieces: list[str] = []
        last = 0
        for match in _GLUED_MARKER.finditer(line.text):
            marker = match.group(1) or match.group(2)
            value = int(marker)
            before = line.text[: match.start()].split()
            if match.group(2) and before and before[-1].rstrip(".;").lower() in _REFERENCE_WORDS:
                continue
            # Mid-line, a spaced number must be exactly the next marker: "in 2014 6 and".
            if match.group(2) and match.end() < len(line.text) and value != expected:
                continue
            if expected <= value <= expected + 2:
                pieces.append(line.text[last : match.start()].rstrip())
                last = match.end()
                line.anchors.append(marker)
                expected = value + 1
        if pieces:
            pieces.append(line.text[last:])
            line.text = "".join(pieces)


# --- joining lines ---------------------------------------------------------------------------


def _join_words(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if not (left and right):
        return left or right
    last = left.rsplit(None, 1)[-1]
    if ("://" in last or last.startswith("www.")) and not last.endswith((".", ";", ",")):
        return left + right  # a web address broken across lines
    return f"{left} {right}"


def _to_source(lines: list[PageLine], footnotes: list[Footnote], path: str) -> SourceText:
    vocabulary = Vocabulary(lambda: (line.text for line in lines))
    out: list[str] = []
    anchors: dict[int, list[str]] = {}
    for line in lines:
        text = line.text
        if "\ufffe" in text or "\u00ad" in text or "\u0002" in text:
            text = join_marked(text, vocabulary)
        previous = out[-1] if out else ""
        if (
            len(previous) > 2
            and previous[-1] in BREAK_MARKS
            and previous[-2].isalpha()
            and text[:1].isalpha()
        ):
            out[-1] = join_broken(previous, text, vocabulary)  # "recommen-" + "dation …"
        else:
            if line.break_before and out and out[-1]:
                out.append("")
            out.append(text)
        if line.anchors:
            anchors.setdefault(len(out) - 1, []).extend(line.anchors)
    # Ids are unique in a well-formed document; keep the first of any repeat.
    unique: dict[str, Footnote] = {}
    for note in footnotes:
        unique.setdefault(note.id, Footnote(note.id, join_marked(note.text, vocabulary)))
    return SourceText(
        path=path, lines=out, footnotes=list(unique.values()), footnote_anchors=anchors
    )
