"""Bringing a document into a project: copy it into `sources/`, hash it, read it (with a cache).

Parsed documents are cached in `.drafter/documents/` keyed by the file's sha256 (and the reader's
code), so opening a project does not read every PDF again. The cache is msgpack via msgspec: fast,
typed, and safe to load (no pickle).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from functools import cache
from pathlib import Path

import msgspec

from drafter.documents.model import Document, DocumentKind
from drafter.errors import ProjectError
from drafter.project.model import Source
from drafter.project.store import CACHE_DIR, SOURCES_DIR, atomic_write


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def slug(text: str) -> str:
    """ "CERD/C/KAZ/11-14" -> "cerd-c-kaz-11-14": a citation-safe source id."""
    s = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return s or "source"


def parse_kind(kind: str) -> DocumentKind:
    try:
        return DocumentKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in DocumentKind)
        raise ProjectError(f"unknown document kind {kind!r} (one of: {known})") from None


@cache
def _reader_fingerprint() -> str:
    """Changes whenever the reader's code or its language and committee data change, so a
    better parser (or a new phrase in a language file) invalidates the cache."""
    import drafter.documents as documents
    from drafter.documents.language import data_files

    h = hashlib.sha256()
    for f in [*sorted(Path(documents.__file__).parent.rglob("*.py")), *data_files()]:
        st = f.stat()
        h.update(f"{f}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def read_source(
    path: Path, kind: DocumentKind, symbol: str | None, language: str | None = None
) -> Document:
    """The reader, imported late so the project layer loads fast and without the readers."""
    from drafter.documents import read_document  # type: ignore[attr-defined,unused-ignore]

    doc: Document = read_document(path, kind=kind, symbol=symbol or None, language=language or None)
    return doc


class DocumentCache:
    """Parsed documents on disk, by content hash."""

    def __init__(self, project_folder: Path) -> None:
        self.folder = project_folder / CACHE_DIR / "documents"
        # The sha256 of each source's file as last read: the link cache's key is made of them.
        self.sha_of: dict[str, str] = {}

    def _path(self, sha256: str, kind: str, symbol: str, language: str = "") -> Path:
        parts = f"{sha256}|{kind}|{symbol}|{language}|{_reader_fingerprint()}"
        key = hashlib.sha256(parts.encode())
        return self.folder / f"{key.hexdigest()[:32]}.msgpack"

    def get(self, sha256: str, kind: str, symbol: str, language: str = "") -> Document | None:
        p = self._path(sha256, kind, symbol, language)
        try:
            return msgspec.msgpack.decode(p.read_bytes(), type=Document)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    def put(self, sha256: str, kind: str, symbol: str, doc: Document, language: str = "") -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._path(sha256, kind, symbol, language), msgspec.msgpack.encode(doc))
        except (OSError, ProjectError):
            pass  # a cache that cannot be written only costs time


def load_document(folder: Path, source: Source, cache: DocumentCache) -> Document:
    """The parsed document of an imported source, from the cache when its bytes are unchanged."""
    path = folder / source.path
    if not path.is_file():
        raise ProjectError(f"source {source.id!r} is missing on disk (import it again)", path=path)
    sha = sha256_file(path)
    cache.sha_of[source.id] = sha
    doc = cache.get(sha, source.kind, source.symbol, source.language)
    if doc is None:
        doc = read_source(path, parse_kind(source.kind), source.symbol, source.language)
        cache.put(sha, source.kind, source.symbol, doc, source.language)
    return doc


def copy_into_sources(folder: Path, file: Path, taken: set[str]) -> Path:
    """Copy `file` into sources/ under its own name (a suffix only if another source has it)."""
    sources = folder / SOURCES_DIR
    sources.mkdir(exist_ok=True)
    target = sources / file.name
    n = 2
    while target.name in taken:
        target = sources / f"{file.stem}-{n}{file.suffix}"
        n += 1
    try:
        if file.resolve() != target.resolve():
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(file, tmp)
            tmp.replace(target)
    except OSError as exc:
        raise ProjectError(f"cannot copy into the project: {exc.strerror}", path=file) from None
    return target
