"""Read and segment source documents: readers (text, DOCX, PDF) -> SourceText -> Document.

`read_source` picks the reader from the file's first bytes (and its suffix when those say
nothing), so a PDF saved as ".txt" is still read as a PDF and a damaged file gets a clear error.
"""

from __future__ import annotations

from pathlib import Path

from drafter.documents.model import Document, DocumentKind, SourceText
from drafter.errors import ReadError

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc and other OLE files


def read_source(path: Path) -> SourceText:
    """Read a .txt/.md, .docx or .pdf file into lines; any problem is a `ReadError`."""
    path = Path(path)
    head = _head(path)
    suffix = path.suffix.lower()
    if head.lstrip()[:5] == _PDF_MAGIC or _PDF_MAGIC in head[:1024]:
        from drafter.documents.read_pdf import read_pdf

        return read_pdf(path)
    if head.startswith(_ZIP_MAGIC):
        from drafter.documents.read_docx import read_docx

        return read_docx(path)
    if head.startswith(_OLE_MAGIC):
        if suffix == ".docx":
            # Word keeps a password-protected .docx inside an OLE container.
            raise ReadError(
                "the .docx is password-protected; save an unprotected copy and read that", path
            )
        raise ReadError(
            "this is an old Word 97-2003 (.doc) file; save it as .docx and read that", path
        )
    if suffix == ".pdf":
        raise ReadError("the file is not a PDF (no %PDF header); it may be damaged", path)
    if suffix in (".docx", ".docm", ".dotx"):
        raise ReadError(
            "the file is not a valid .docx (not a ZIP package); it may be damaged", path
        )
    from drafter.documents.read_text import read_text

    return read_text(path)


def read_document(
    path: Path, kind: DocumentKind | None = None, symbol: str | None = None
) -> Document:
    """Read a file and segment it into paragraphs, headings and footnotes."""
    from drafter.documents.segment import segment

    return segment(read_source(path), kind=kind, symbol=symbol)


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
            return handle.read(2048)
    except PermissionError as exc:
        raise ReadError("permission denied", path) from exc
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})", path) from exc
