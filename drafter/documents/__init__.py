"""Read and segment source documents: readers (text, DOCX, PDF) -> SourceText -> Document.

`read_source` picks the reader from the file's first bytes (and its suffix when those say
nothing), so a PDF saved as ".txt" is still read as a PDF and a damaged file gets a clear error;
the readers are listed once, in `readers.py`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.documents.model import Document, DocumentKind, SourceText
from drafter.documents.readers import HEAD_BYTES
from drafter.errors import ReadError


def read_source(path: Path) -> SourceText:
    """Read a file of any format in `readers.READERS` into lines; any problem is a `ReadError`."""
    from drafter.documents.readers import reader_for

    path = Path(path)
    head = _head(path)
    with _collector_paused():
        return reader_for(path, head).read(path)


def read_document(
    path: Path,
    kind: DocumentKind | None = None,
    symbol: str | None = None,
    language: str | None = None,
) -> Document:
    """Read a file and segment it into paragraphs, headings and footnotes.

    `kind`, `symbol` and `language` (a code: "en", "fr", "es" …) override what is detected.
    """
    from drafter.documents.segment import segment

    with _collector_paused():
        return segment(read_source(path), kind=kind, symbol=symbol, language=language)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a document is read.

    Reading allocates tens of thousands of short-lived objects that hold no reference cycles
    (reference counting frees them), and the collector, woken every few hundred allocations to
    look over the objects the process holds, took about a twentieth of the Brazil CO's parse
    (benchmarks/bench_parse.py). It resumes afterwards, unless it was off already (another
    thread reading, or the application's own choice)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _head(path: Path) -> bytes:
    """The first bytes of the file, after checking it is a readable, non-empty file."""
    try:
        if not path.exists():
            raise ReadError("no such file", path)
        if path.is_dir():
            raise ReadError("is a directory, not a document", path)
        if not path.is_file():
            raise ReadError("is not a regular file", path)
        if path.stat().st_size == 0:
            raise ReadError("the file is empty", path)
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except PermissionError as exc:
        raise ReadError("permission denied", path) from exc
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})", path) from exc
