"""Damage pdfium does not report: compressed streams that cannot be decoded, or that inflate
beyond reason.

pdfium repairs what it can and says nothing: a PDF with a few flipped bits in a page's
compressed content gives that page's text up to the flip, and the reader would return part of
the document with no word of warning. So before pdfium reads a PDF, its Flate streams (page
contents, fonts, object streams; images are left alone, they carry no text) are inflated once
with zlib (zlib-ng, a faster implementation of the same format, when installed), which
checks each stream's own checksum: a stream that fails, or ends early, is damage. The same
pass bounds what a stream may inflate to (a "PDF bomb" stops here, before pdfium would inflate
it in memory).

Which page a damaged stream belongs to is asked of pdfium itself (`pages_using`): the stream is
replaced by a small valid one that draws many shapes, and the page whose object count changes
is the one that uses it. No PDF structure is parsed here beyond finding the streams.

Encrypted PDFs are not checked (their streams are ciphertext until pdfium decrypts them).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from drafter.documents import limits

_inflating: ModuleType
try:
    # zlib-ng inflates the same streams with the same verdicts about twice as fast (see
    # pyproject.toml); the standard zlib serves where its wheel is missing.
    from zlib_ng import zlib_ng as _inflating
except ImportError:  # pragma: no cover - a platform without a zlib-ng wheel
    _inflating = zlib

_OBJECT_NUMBER = re.compile(rb"(\d{1,10})\s+\d{1,5}\s+$")
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FLATE_ONLY = re.compile(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d{1,12})(?!\s+\d+\s+R)")
_END = re.compile(rb"\s*endstream")
_CHUNK = 1 << 15  # inflated a piece at a time: small pieces stay in the CPU cache (faster)
# Drawn by the stand-in for a damaged stream: this many rectangles, so the page that uses it
# shows a change in its number of objects.
_PROBE_SHAPES = 997
_PROBE = zlib.compress(b"0 0 1 1 re f\n" * _PROBE_SHAPES, 9)


@dataclass(slots=True)
class Damage:
    """A compressed stream that cannot be read whole."""

    number: int | None  # the PDF object number, when the stream's header was found
    what: str  # "content", "a font", …
    start: int  # byte range of the stream's data in the file
    end: int
    reason: str  # "cannot be decoded", "is cut short"


class StreamBomb(Exception):
    """A stream inflates beyond the limits; the message says which and how far."""


def damaged_streams(data: bytes) -> list[Damage]:
    """The Flate streams of a PDF that fail to inflate; StreamBomb if one inflates too far."""
    if b"/Encrypt" in data:
        return []
    found: list[Damage] = []
    total = 0
    # Most streams of a UN PDF are small uncompressed forms (hundreds of them): rather than
    # reading every stream's dictionary, start from each Flate filter and take the stream it
    # opens (the first after it), so only the few Flate streams are looked at closely.
    checked: set[int] = set()
    for flate in _FLATE_ONLY.finditer(data):
        match = _STREAM.search(data, flate.end())
        if match is None or match.start() in checked:
            continue
        head_end, number = _header_before(data, match.start())
        if flate.start() < head_end:
            continue  # the filter belongs to an object before this stream's header
        checked.add(match.start())
        dictionary = data[head_end : match.start() + 2]
        if _IMAGE.search(dictionary):
            continue
        start = match.end()
        end = _stream_end(data, start, dictionary)
        inflated, reason = _inflate(data[start:end], number)
        if reason == "is cut short" and end < len(data):
            # Some producers end a stream's deflate data without its final block; pdfium, like
            # zlib, reads it whole. Only a stream the file ends inside is cut short for sure.
            reason = ""
        total += inflated
        if total > limits.PDF_MAX_INFLATED:
            raise StreamBomb(
                f"its compressed streams inflate beyond {limits.PDF_MAX_INFLATED // limits.MIB} "
                "MiB in all"
            )
        if reason:
            found.append(Damage(number, _what(dictionary), start, end, reason))
    return found


def _what(dictionary: bytes) -> str:
    """What a stream holds, for the message."""
    if re.search(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b", dictionary):
        return "a font"
    if re.search(rb"/Type\s*/ObjStm\b", dictionary):
        return "a group of objects"
    if re.search(rb"/Type\s*/XRef\b", dictionary):
        return "the table of objects"
    return "content"


def _header_before(data: bytes, at: int) -> tuple[int, int | None]:
    """(end of the "12 0 obj" header before `at`, 12), searching back a little way only
    (a stream's dictionary is short); (at - 4096, None) when there is none."""
    floor = max(0, at - 65536)
    pos = at
    while True:
        pos = data.rfind(b"obj", floor, pos)
        if pos < 0:
            return max(0, at - 4096), None
        number = _OBJECT_NUMBER.search(data, max(0, pos - 32), pos)
        if number is not None:
            return pos + 3, int(number[1])


def _stream_end(data: bytes, start: int, dictionary: bytes) -> int:
    length = _DIRECT_LENGTH.search(dictionary)
    if length is not None:
        end = start + int(length[1])
        if _END.match(data, end):
            return end
    end = data.find(b"endstream", start)
    return len(data) if end < 0 else end


def _inflate(raw: bytes, number: int | None) -> tuple[int, str]:
    """(bytes inflated, "" or why the stream is damaged); StreamBomb past the limit."""
    inflater = _inflating.decompressobj()
    inflated = 0
    pending = raw
    try:
        while pending:
            inflated += len(inflater.decompress(pending, _CHUNK))
            if inflated > limits.PDF_MAX_STREAM_INFLATED:
                which = f"object {number}" if number is not None else "a stream"
                raise StreamBomb(
                    f"a compressed stream ({which}) inflates beyond "
                    f"{limits.PDF_MAX_STREAM_INFLATED // limits.MIB} MiB"
                )
            pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except (zlib.error, _inflating.error):
        return inflated, "cannot be decoded"
    if not inflater.eof:
        return inflated, "is cut short"
    return inflated, ""


def pages_using(
    data: bytes, damage: Damage, object_counts: Callable[[bytes], list[int]]
) -> list[int]:
    """The pages (1-based) whose content is the damaged stream, found by asking pdfium
    (`object_counts`: the number of objects on each page of a PDF given as bytes)."""
    size = damage.end - damage.start
    if size < len(_PROBE):
        return []
    probe = data[: damage.start] + _PROBE + b"\n" * (size - len(_PROBE)) + data[damage.end :]
    try:
        before, after = object_counts(data), object_counts(probe)
    except Exception:  # pdfium refusing the probe only means the page stays unnamed
        return []
    if len(before) != len(after):
        return []
    return [i + 1 for i, (b, a) in enumerate(zip(before, after, strict=True)) if a != b]
