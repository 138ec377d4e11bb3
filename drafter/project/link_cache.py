"""The ranked links of every CO paragraph, kept on disk while the sources do not change.

Ranking needs the BM25 library and an index over every source: a third of a second before the
first paragraph can show its claims. What it computes depends only on the sources (their bytes,
kinds and symbols), the code that reads them and the code that ranks, so it is cached in
`.drafter/links/`, keyed by a hash of all of those; the author's pins and hidden links are
applied on top at every call (`linking.apply_choices`). A changed source, a re-import or a new
drafter gives a new key, and the links are ranked afresh. msgpack via msgspec, as the document
cache: fast and safe to load.
"""

from __future__ import annotations

import contextlib
import hashlib
from functools import cache
from pathlib import Path

import msgspec

from drafter.errors import ProjectError
from drafter.project.linking import Link, LinkGroup, LinkSet
from drafter.project.model import Source
from drafter.project.paths import own_folder, read_own_file
from drafter.project.store import CACHE_DIR, atomic_write

CACHE_MAX_BYTES = 256 * 1024 * 1024  # the links of a thousand paragraphs: a few MB
KEPT = 3  # cache files kept (other sets of sources, e.g. before a re-import)

# group, source id, paragraph id, score, reason
Row = tuple[str, str, str, float, str]


@cache
def _code_fingerprint() -> str:
    """Changes when the code that reads or ranks changes, or the language data it uses (stop
    words, stemmers, reference phrases in templates/languages/)."""
    import drafter.documents as documents
    import drafter.project as project
    from drafter.project.template import template_roots

    h = hashlib.sha256()
    files = sorted(Path(documents.__file__).parent.rglob("*.py"))
    files += [Path(project.__file__).parent / n for n in ("linking.py", "paragraphs.py")]
    for root in template_roots():
        files += sorted((root / "languages").glob("*.toml"))
        files += sorted((root / "committees").glob("*.toml"))
    for f in files:
        with contextlib.suppress(OSError):
            st = f.stat()
            h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def cache_key(sources: list[Source], file_sha: dict[str, str], current_co: str | None) -> str:
    h = hashlib.sha256(_code_fingerprint().encode())
    for s in sources:
        language = getattr(s, "language", "")  # the reading depends on it too
        h.update(f"|{s.id}:{s.kind}:{s.symbol}:{language}:{file_sha.get(s.id, '?')}".encode())
    h.update(f"|co:{current_co}".encode())
    return h.hexdigest()[:32]


class LinkCache:
    """Ranked links by CO paragraph id, for one set of sources.

    On disk each paragraph's links are encoded on their own, so opening a project decodes only
    the paragraphs shown (a thousand paragraphs cost one file read, not a thousand decodes).
    """

    def __init__(self, project_folder: Path, key: str) -> None:
        self.project_folder = project_folder
        self.folder = project_folder / CACHE_DIR / "links"
        self.key = key
        self._encoded: dict[str, bytes] = {}
        self._decoded: dict[str, LinkSet] = {}
        self.dirty = False

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.msgpack"

    def load(self) -> None:
        # A plain file of sane size in drafter's own folder only: .drafter/ may come from git.
        data = read_own_file(self.project_folder, self.path, CACHE_MAX_BYTES)
        try:
            self._encoded = msgspec.msgpack.decode(data, type=dict[str, bytes]) if data else {}
        except (msgspec.DecodeError, msgspec.ValidationError):
            self._encoded = {}

    def __contains__(self, pid: str) -> bool:
        return pid in self._decoded or pid in self._encoded

    def get(self, pid: str) -> LinkSet | None:
        ranked = self._decoded.get(pid)
        if ranked is not None:
            return ranked
        raw = self._encoded.get(pid)
        if raw is None:
            return None
        try:
            rows = msgspec.msgpack.decode(raw, type=list[Row])
            groups: dict[LinkGroup, list[Link]] = {g: [] for g in LinkGroup}
            for group, source_id, paragraph_id, score, reason in rows:
                g = LinkGroup(group)
                groups[g].append(Link(g, source_id, paragraph_id, score, reason))
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError):
            return None  # damaged, or a group this drafter does not know: rank again
        ranked = self._decoded[pid] = LinkSet(pid, groups)
        return ranked

    def put(self, ranked: LinkSet) -> None:
        pid = ranked.paragraph_id
        self._decoded[pid] = ranked
        rows: list[Row] = [
            (lk.group.value, lk.source_id, lk.paragraph_id, lk.score, lk.reason)
            for links in ranked.groups.values()
            for lk in links
        ]
        self._encoded[pid] = msgspec.msgpack.encode(rows)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            # Never a link leading elsewhere: old files are deleted in this folder.
            own_folder(self.project_folder, CACHE_DIR, "links")
            atomic_write(self.path, msgspec.msgpack.encode(self._encoded))
            for old in sorted(self.folder.glob("*.msgpack"), key=_mtime)[:-KEPT]:
                if old != self.path:
                    old.unlink(missing_ok=True)
        except (OSError, ProjectError):
            return  # a cache that cannot be written only costs time
        self.dirty = False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
