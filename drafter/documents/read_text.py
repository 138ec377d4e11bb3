"""Plain text and Markdown sources: detect the encoding, split lines, clean pdftotext pages.

Encodings are detected with charset-normalizer (UTF-8 with or without BOM, Windows-1251 for
Russian originals, Latin-1 …). Text with form feeds is pdftotext output: its pages go through the
same cleanup as PDF pages (`pages.py`).
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.documents.model import SourceText
from drafter.documents.pages import clean_pages, split_text_pages
from drafter.errors import ReadError

# Real UN documents are well under a megabyte of text; a larger file is almost certainly not a
# document, and refusing it at once beats making the user wait for a segmentation of it.
MAX_TEXT_BYTES = 20 * 1024 * 1024
# charset-normalizer looks at this much of the file; decoding then checks all of it.
_DETECTION_SAMPLE = 256 * 1024
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
# The encodings UN documents come in (UTF-8, Windows-1251 for Russian originals, Windows-1252
# and Latin-1 for French and Spanish, UTF-16 from Word's "Unicode text"). Detection chooses
# among these first, which it does reliably even on a short text; among all only if none fits.
_DOCUMENT_ENCODINGS = ("utf_8", "cp1251", "cp1252", "latin_1", "utf_16")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_text(path: Path, data: bytes | None = None) -> SourceText:
    """Read a .txt or .md file (or any text) into lines; `data` skips reading it again."""
    size = len(data) if data is not None else path.stat().st_size
    if size > MAX_TEXT_BYTES:
        # Checked before reading: a huge file fails at once instead of after a long wait.
        raise ReadError(
            f"the file is too large for a document ({size / 1_048_576:.1f} MB; "
            f"drafter reads text files up to {MAX_TEXT_BYTES // 1_048_576} MB)",
            path,
        )
    if data is None:
        data = path.read_bytes()
    text = decode(data, path)
    return source_from_text(text, str(path))


def source_from_text(text: str, path: str) -> SourceText:
    """Lines of decoded text; pdftotext-style pages (form feeds) get the page cleanup."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("the file has no text (only whitespace)", path)
    if "\f" in text:
        return clean_pages(split_text_pages(text), path)
    return SourceText(path=path, lines=[line.rstrip() for line in text.split("\n")])


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as text, or raise a `ReadError` saying why they are not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", path)
    else:
        try:
            # Strict UTF-8 is a validation, not a guess: random bytes almost never pass it.
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, _detect(data, path), path)
    if _looks_binary(text):
        raise ReadError("the file is not text (it holds binary data)", path)
    return text


def _detect(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes

    if b"\x00" in data[:_DETECTION_SAMPLE] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("the file is not text (it holds binary data)", path)
    sample = data[:_DETECTION_SAMPLE]
    best = from_bytes(sample, cp_isolation=list(_DOCUMENT_ENCODINGS)).best()
    if best is None:
        best = from_bytes(sample).best()
    if best is None:
        raise ReadError("cannot tell the text encoding; save the file as UTF-8", path)
    return str(best.encoding)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f"byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else None
        raise ReadError(
            f"the text is not valid {encoding}; save the file as UTF-8", path, where
        ) from exc


def _looks_binary(text: str) -> bool:
    sample = text[:_DETECTION_SAMPLE]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE
