"""The one registry of readers: which files drafter reads, how it tells them apart, who reads them.

The command line's help, the TUI's file picker and `read_source` all list from `READERS`, so a
new format is one entry here and one `read_*.py` module returning a `SourceText`. A file is
recognised by its first bytes first (a PDF saved as ".txt" is still read as a PDF), by its
suffix only when the bytes say nothing (plain text has no signature).

Readers are imported when used: python-docx and pypdfium2 load only for the files that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from drafter.documents.model import SourceText
from drafter.errors import ReadError

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc and other OLE files
HEAD_BYTES = 2048


@dataclass(frozen=True, slots=True)
class Reader:
    """One input format."""

    name: str  # as the help shows it: "PDF"
    suffixes: tuple[str, ...]  # the suffixes the file picker offers, lower case
    module: str  # the module with the read function, imported on first use
    function: str
    sniff: Callable[[bytes], bool]  # recognises the format from the file's first bytes

    def read(self, path: Path) -> SourceText:
        read: Callable[[Path], SourceText] = getattr(import_module(self.module), self.function)
        return read(path)


def _is_pdf(head: bytes) -> bool:
    return head.lstrip()[:5] == PDF_MAGIC or PDF_MAGIC in head[:1024]


READERS: tuple[Reader, ...] = (
    Reader("PDF", (".pdf",), "drafter.documents.read_pdf", "read_pdf", _is_pdf),
    Reader(
        "Word (.docx)",
        (".docx",),
        "drafter.documents.read_docx",
        "read_docx",
        lambda head: head.startswith(ZIP_MAGIC),
    ),
    # Plain text has no signature: it is what is left (pdftotext output, Markdown, copies).
    Reader(
        "text",
        (".txt", ".md"),
        "drafter.documents.read_text",
        "read_text",
        lambda head: False,
    ),
)
TEXT_READER = READERS[-1]


def suffixes() -> tuple[str, ...]:
    """Every suffix a reader offers, in the registry's order: ".pdf", ".docx", ".txt", ".md"."""
    return tuple(s for reader in READERS for s in reader.suffixes)


def formats_help() -> str:
    """ "(.pdf, .docx, .txt or .md)": the readable formats, for help texts."""
    listed = list(suffixes())
    if len(listed) == 1:
        return f"({listed[0]})"
    return "(" + ", ".join(listed[:-1]) + " or " + listed[-1] + ")"


def reader_for(path: Path, head: bytes) -> Reader:
    """The reader for a file from its first bytes, then its suffix; a `ReadError` when it is a
    format drafter cannot read or a file that claims a format it does not have."""
    for reader in READERS:
        if reader.sniff(head):
            return reader
    suffix = path.suffix.lower()
    if head.startswith(OLE_MAGIC):
        # Word 97-2003 files, and password-protected .docx files, are OLE compound files: the
        # stream names inside tell them apart.
        from drafter.documents.read_docx import ole_problem

        raise ReadError(ole_problem(path), path)
    if suffix == ".pdf":
        raise ReadError("the file is not a PDF (no %PDF header); it may be damaged", path)
    if suffix in (".docx", ".docm", ".dotx"):
        raise ReadError(
            "the file is not a valid .docx (not a ZIP package); it may be damaged", path
        )
    return TEXT_READER
