"""Lines as the segmenter sees them, and the shapes it recognises in them.

A `Line` is one line of the source after Markdown/HTML residue is removed and page breaks are
split off; it remembers its index in `SourceText.lines`, which keys footnote anchors and list
numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

MAX_HEADING_WORDS = 16
MAX_HEADING_CHARS = 160

SENTENCE_END = (".", ";", "?", "!", ")", "”", '"', "’", "…")
BULLET_RE = re.compile(r"^[-•▪◦●■\u2013\uf0b7\uf0a7\uf0d8\uf076\uf02d]\s*")
# A footnote marker after a sentence's full stop ("first.4") does not stop it ending there.
_TRAILING_MARKER_RE = re.compile(r"(?<=[.;:)”\"’])\s?\d{1,3}$")

# Markdown and HTML left in converted text: "**Paragraph 8 …:**", "88<sup>th</sup>", links.
_BOLD_RE = re.compile(r"\*\*([^*\n]+?)\*\*")
_TAG_RE = re.compile(r"</?(?:sup|sub|b|i|em|strong|span)[^>]*>", re.IGNORECASE)
_LINK_RE = re.compile(r"\[([^\]\n]+)\]\(((?:mailto:|https?://)([^)\s]*))\)")
# Private-use glyphs (U+E000-U+F8FF): PDF fonts draw barcodes ("*1509868*"), symbols after a
# document symbol ("CRPD/C/AUT/CO/2-3" + U+F02A) and bullets with them. A glyph that opens a line
# before a space is a bullet; every other one is dropped (it is no text of the document).
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]+")
_PRIVATE_BULLET_RE = re.compile("^([ \t]*)[\ue000-\uf8ff](?=[ \t])")


@dataclass(slots=True)
class Line:
    text: str
    source_index: int  # index into SourceText.lines (anchors and list numbers are keyed by it)
    page_end: bool = False  # last non-blank line before a form feed


def fold(text: str) -> str:
    """Runs of whitespace as one space, none at the ends."""
    # Printable text has no whitespace but the space (tabs, newlines, no-break spaces are not
    # printable): without a double space or a space at an end, it is folded already, and
    # checking that is far cheaper than splitting it into words.
    if (
        text.isprintable()
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    ):
        return text
    return " ".join(text.split())


def join_lines(parts: list[str], keeps_hyphen: Callable[[str, str], bool] | None = None) -> str:
    """Wrapped lines rejoined into one whitespace-folded text.

    A line ending in a hyphen or dash joins the next without a space ("non-" + "citizens",
    "2022–" + "2024"); `keeps_hyphen(line, next line)` says whether a hyphen there is the word's
    own or only the line break's ("recommen-" + "dation"; see `hyphens.py`), else it stays.
    """
    stripped = [part.strip() for part in parts]
    joined = "\n".join(stripped)
    if "-\n" not in joined and "–\n" not in joined:
        return fold(" ".join(filter(None, stripped)))  # no line ends at a hyphen or dash
    pieces: list[str] = []
    previous = ""
    for part in stripped:
        if not part:
            continue
        broken = (
            previous.endswith(("-", "–"))
            and len(previous) > 1
            and previous[-2].isalnum()
            and part[:1].isalnum()
        )
        if (
            broken
            and keeps_hyphen is not None
            and previous[-1] == "-"
            and not keeps_hyphen(previous[:-1], part)
        ):
            pieces[-1] = previous[:-1]
        if pieces and not broken:
            pieces.append(" ")
        pieces.append(part)  # broken at a hyphen or dash ("non-\ncitizens", "2022–\n2024")
        previous = part
    return fold("".join(pieces))


# Any of what `unmark` removes or changes; a line without one (most lines) is left as it is.
MARKED_RE = re.compile("[<*\\]\u00a0\u200b\ue000-\uf8ff]")


def unmark(text: str) -> str:
    """Remove Markdown emphasis and HTML tags that converters leave; links keep their text."""
    if MARKED_RE.search(text) is None:
        return text
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = drop_private_use(text)
    if "<" in text:
        text = _TAG_RE.sub("", text)
    if "**" in text:
        text = _BOLD_RE.sub(r"\1", text)
    if "](" in text:
        text = _LINK_RE.sub(_link_text, text)
    return text


def drop_private_use(text: str) -> str:
    """The text without private-use glyphs; one that opens a line as a bullet becomes "•"."""
    if not _PRIVATE_USE_RE.search(text):
        return text
    text = _PRIVATE_BULLET_RE.sub(r"\1•", text)
    # A space, not nothing: the glyphs never join the words on either side into one.
    return _PRIVATE_USE_RE.sub(" ", text).strip()


def _link_text(m: re.Match[str]) -> str:
    """A Markdown link as its text, plus the address when the text does not already say it."""
    label, address = m.group(1), m.group(3)
    return label if label.strip() == address.strip() else f"{label} ({m.group(2)})"


def ends_sentence(text: str) -> bool:
    """Ends like a sentence, a footnote marker after the full stop ("first.4") aside."""
    text = text.rstrip()
    if text.endswith(SENTENCE_END):
        return True
    if not text[-1:].isdigit():
        return False
    return _TRAILING_MARKER_RE.sub("", text).endswith(SENTENCE_END)


def heading_like(
    text: str, max_words: int = MAX_HEADING_WORDS, max_chars: int = MAX_HEADING_CHARS
) -> bool:
    """Short, capitalised, not a sentence: the shape of a topic heading."""
    if not text or len(text) > max_chars:
        return False
    first = text[0]
    if not (first.isalpha() and first.isupper()):
        return False
    if text.endswith((".", ",", ";", ":")) or BULLET_RE.match(text):
        return False
    return len(text.split()) <= max_words


def next_text(lines: list[Line], i: int) -> tuple[int, str]:
    """Index and text of the next non-blank line after i (len(lines) and "" when none)."""
    j = i + 1
    while j < len(lines) and not lines[j].text:
        j += 1
    return j, lines[j].text if j < len(lines) else ""


def printed_label(label: str) -> str:
    """A Word list number as the document would print it: "1." for paragraphs, "(a)" items."""
    core = label.strip().strip("().")
    if core.isdigit():
        return f"{core}."
    if core.isalpha() and core.islower():
        return f"({core})"
    return label.strip()
