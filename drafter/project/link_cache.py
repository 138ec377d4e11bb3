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
from drafter.project.store import CACHE_DIR, atomic_write

KEPT = 3  # cache files kept (other sets of sources, e.g. before a re-import)

# group, source id, paragraph id, score, reason
Row = tuple[str, str, str, float, str]


@cache
def _code_fingerprint() -> str:
    """Changes when the code that reads or ranks changes."""
    import drafter.documents as documents
    import drafter.project as project

    h = hashlib.sha256()
    files = sorted(Path(documents.__file__).parent.rglob("*.py"))
    files += [Path(project.__file__).parent / n for n in ("linking.py", "paragraphs.py")]
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
    """Ranked links by CO paragraph id, for one set of sources."""

    def __init__(self, project_folder: Path, key: str) -> None:
        self.folder = project_folder / CACHE_DIR / "links"
        self.key = key
        self.ranked: dict[str, LinkSet] = {}
        self.dirty = False

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.msgpack"

    def load(self) -> None:
        try:
            raw = msgspec.msgpack.decode(self.path.read_bytes(), type=dict[str, list[Row]])
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return
        try:
            for pid, rows in raw.items():
                groups: dict[LinkGroup, list[Link]] = {g: [] for g in LinkGroup}
                for group, source_id, paragraph_id, score, reason in rows:
                    g = LinkGroup(group)
                    groups[g].append(Link(g, source_id, paragraph_id, score, reason))
                self.ranked[pid] = LinkSet(pid, groups)
        except ValueError:
            self.ranked = {}  # a group this drafter does not know: rank again

    def put(self, ranked: LinkSet) -> None:
        self.ranked[ranked.paragraph_id] = ranked
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        data: dict[str, list[Row]] = {
            pid: [
                (lk.group.value, lk.source_id, lk.paragraph_id, lk.score, lk.reason)
                for links in ls.groups.values()
                for lk in links
            ]
            for pid, ls in self.ranked.items()
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, msgspec.msgpack.encode(data))
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
