"""Bringing a document into a project: copy it into `sources/`, hash it, read it (with a cache).

Parsed documents are cached in `.drafter/documents/` keyed by the file's sha256 (and the reader's
code), so opening a project does not read every PDF again. The cache is msgpack via msgspec: fast,
typed, and safe to load (no pickle).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from functools import cache
from pathlib import Path

import msgspec

from drafter.documents.model import Document, DocumentKind
from drafter.errors import ProjectError
from drafter.project import paths
from drafter.project.model import Source
from drafter.project.store import CACHE_DIR, SOURCES_DIR, atomic_copy, atomic_write, os_reason

# A parsed document in the cache: a 300-page report is ~2 MB.
CACHE_MAX_BYTES = 256 * 1024 * 1024


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
    from drafter.project.template import template_roots

    # The data files are found as documents/language.py finds them (the same roots), without
    # loading it: opening a project reads no document and should not pay for the reader.
    data = [
        f
        for root in template_roots()
        for folder in ("languages", "committees")
        for f in sorted((root / folder).glob("*.toml"))
    ]
    h = hashlib.sha256()
    for f in [*sorted(Path(documents.__file__).parent.rglob("*.py")), *data]:
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
        self.project_folder = project_folder
        self.folder = project_folder / CACHE_DIR / "documents"
        # The sha256 of each source's file as last read: the link cache's key is made of them.
        self.sha_of: dict[str, str] = {}

    def _path(
        self, sha256: str, kind: str, symbol: str, language: str = "", create: bool = False
    ) -> Path:
        # Through `own_folder`: a cache folder that is a link leading elsewhere is not used.
        folder = paths.own_folder(self.project_folder, CACHE_DIR, "documents", create=create)
        parts = f"{sha256}|{kind}|{symbol}|{language}|{_reader_fingerprint()}"
        key = hashlib.sha256(parts.encode())
        return folder / f"{key.hexdigest()[:32]}.msgpack"

    def get(self, sha256: str, kind: str, symbol: str, language: str = "") -> Document | None:
        try:
            p = self._path(sha256, kind, symbol, language)
            data = paths.read_own_file(self.project_folder, p, CACHE_MAX_BYTES)
            return msgspec.msgpack.decode(data, type=Document) if data is not None else None
        except (OSError, ProjectError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    def put(self, sha256: str, kind: str, symbol: str, doc: Document, language: str = "") -> None:
        # A cache that cannot be written only costs time.
        with contextlib.suppress(OSError, ProjectError):
            path = self._path(sha256, kind, symbol, language, create=True)
            atomic_write(path, msgspec.msgpack.encode(doc))


def load_document(folder: Path, source: Source, cache: DocumentCache) -> Document:
    """The parsed document of an imported source, from the cache when its bytes are unchanged."""
    path = paths.source_file(folder, source)
    if not path.is_file():
        raise ProjectError(f"source {source.id!r} is missing on disk (import it again)", path=path)
    sha = sha256_file(path)
    cache.sha_of[source.id] = sha
    doc = cache.get(sha, source.kind, source.symbol, source.language)
    if doc is None:
        doc = read_source(path, parse_kind(source.kind), source.symbol, source.language)
        cache.put(sha, source.kind, source.symbol, doc, source.language)
    return doc


def copy_name(file: Path) -> str:
    """The name the copy in sources/ gets: the file's own, as valid UTF-8 (a name in another
    encoding would be kept as surrogates that the project file cannot hold)."""
    name = file.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        name = name.replace("\ufffd", "_")
    return name


def copy_into_sources(
    folder: Path, file: Path, sha256: str, taken: set[str], previous: Path | None = None
) -> tuple[Path, bool]:
    """Copy `file` into sources/ under its own name: (the copy, whether drafter made it new).

    The name gets a suffix when another source has it, or when a file drafter did not put there
    has it (drafter never replaces a file it did not create); the copy of the same source
    (`previous`) and a file with the very same bytes are fine to reuse.
    """
    try:
        sources = paths.own_folder(folder, SOURCES_DIR)
    except OSError as exc:
        raise ProjectError(
            f"cannot copy into the project ({os_reason(exc)}); nothing was copied", path=file
        ) from None
    name = Path(copy_name(file))
    target = sources / name.name
    n = 2
    while target.name in taken or not _reusable(target, sha256, previous):
        target = sources / f"{name.stem}-{n}{name.suffix}"
        n += 1
    existed = target.exists() or target.is_symlink()
    try:
        same = file.resolve() == target.resolve()
    except (OSError, RuntimeError):
        same = False
    if not same and not (existed and target.is_file() and sha256_file(target) == sha256):
        atomic_copy(file, target)
    return target, not existed


def _reusable(target: Path, sha256: str, previous: Path | None) -> bool:
    """A name in sources/ the copy may take: free, this source's earlier copy, or the same bytes."""
    if not (target.exists() or target.is_symlink()):
        return True
    if previous is not None and target.resolve() == previous.resolve():
        return True
    try:
        return target.is_file() and not target.is_symlink() and sha256_file(target) == sha256
    except OSError:
        return False
