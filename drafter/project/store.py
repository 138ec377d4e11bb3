"""The project file on disk: read, validate, serialize, and save without ever losing a word.

- Saves are atomic the way SQLite commits: write a temporary file in the same folder, fsync it,
  `os.replace` it over `drafter.toml`, fsync the folder. A crash leaves the old or the new file.
- Before each replace the old file is hard-linked into `.drafter/backups/` (no copying, so it
  costs nothing), keeping the newest `BACKUPS_KEPT`.
- An advisory lock (`.drafter/lock`, lock.py) keeps a second drafter process from writing.
- Every path the file names is checked at load (`paths.check_project`): a source outside the
  project folder is refused with one line, before anything reads or deletes it.
- Temporary files are created exclusively (never through a link left in their place) with the
  user's normal permissions, and removed when a write fails (a full disk keeps nothing).
- The sha256 of the file's bytes is remembered at load and at each save; a save finding other
  bytes on disk raises `ConflictError` instead of overwriting. Content, not size and mtime: an
  edit that keeps both (same length, a coarse clock, a restored timestamp) is still seen.
- Serialization is incremental: each entry's TOML text is cached and only entries marked dirty are
  re-serialized, so an autosave costs the same for 10 or 1,000 entries. The result is
  byte-identical to `tomli_w.dumps(schema.project_to_toml(project), multiline_strings=True)`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from drafter.errors import ConflictError, LockedError, NotWritableError, ProjectError
from drafter.project import paths, schema
from drafter.project.lock import Held, ProjectLock
from drafter.project.model import Project
from drafter.project.paths import CACHE_DIR, SOURCES_DIR

__all__ = ["CACHE_DIR", "PROJECT_FILE", "SOURCES_DIR", "ProjectStore", "atomic_write"]

PROJECT_FILE = "drafter.toml"
BACKUPS_KEPT = 20
# Only text from outside can hold lone surrogates: a command-line argument in another encoding
# than the terminal's (Python keeps its undecodable bytes as surrogates).
NOT_UTF8 = "not valid UTF-8 (an argument typed in another encoding?)"
# The temporary files drafter makes beside a file it writes: ".<name>.<pid>-<8 hex>.tmp".
_TEMPORARY = re.compile(r"^\..+\.\d+-[0-9a-f]{8}\.tmp$")


def project_paths(path: str | Path) -> tuple[Path, Path]:
    """(folder, drafter.toml) from either; the file need not exist yet."""
    p = Path(path)
    if p.name == PROJECT_FILE or p.suffix == ".toml":
        return p.parent, p
    return p, p / PROJECT_FILE


def dump_toml(data: dict[str, Any]) -> str:
    """tomli_w with long text as multi-line strings, carriage returns kept.

    tomli_w turns "\r\n" into "\n" inside multi-line strings; a pasted Windows text would
    come back changed. So a carriage return goes through as a private-use stand-in and is
    written as the escape `\r`, which every TOML reader turns back into one.
    """
    strings: list[str] = []
    _collect_strings(data, strings)
    if not any("\r" in s for s in strings):
        return tomli_w.dumps(data, multiline_strings=True)
    used = set("".join(strings))
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in used)
    text = tomli_w.dumps(_replace_cr(data, stand_in), multiline_strings=True)
    return text.replace(stand_in, "\\r")


def _collect_strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            _collect_strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _collect_strings(v, out)


def _replace_cr(value: Any, stand_in: str) -> Any:
    if isinstance(value, str):
        return value.replace("\r", stand_in)
    if isinstance(value, dict):
        return {k: _replace_cr(v, stand_in) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_cr(v, stand_in) for v in value]
    return value


def full_dump(project: Project) -> str:
    """The reference serialization, everything at once."""
    return dump_toml(schema.project_to_toml(project))


def entry_chunk(pid: str, entry_toml: dict[str, Any]) -> str:
    """One entry's text as it appears in a full dump: its table header(s) and values."""
    # In a full dump tomli_w writes "\n[entries.16]\n..." (a blank line, then the table);
    # dumping the entry inside its own {"entries": {pid: ...}} gives the same bytes, nested
    # tables included.
    return "\n" + dump_toml({"entries": {pid: entry_toml}})


def _locate_line(text: str, field_path: str) -> int | None:
    """Best effort: the line of `entries.16.assessment` (or `metadata.title`) in the TOML text."""
    parts = field_path.split(".")
    lines = text.splitlines()
    start = 0
    if parts[0] == "sources" and len(parts) >= 2 and parts[1].isdigit():
        return _locate_source_line(lines, int(parts[1]), parts[2] if len(parts) > 2 else None)
    if parts[0] == "entries" and len(parts) >= 2:
        pid = re.escape(parts[1])
        header = re.compile(rf'^\s*\[\s*entries\s*\.\s*(?:{pid}|"{pid}"|\'{pid}\')\s*\]')
        key_parts = parts[2:3]
    elif parts[0] in ("metadata", "front_matter"):
        header = re.compile(rf"^\s*\[\s*{parts[0]}\s*\]")
        key_parts = parts[1:2]
    else:
        header = None
        key_parts = parts[:1]
    if header is not None:
        for i, line in enumerate(lines):
            if header.match(line):
                start = i
                break
        else:
            return None
    if not key_parts or key_parts[0].isdigit():
        return start + 1
    key = re.compile(rf'^\s*(?:{re.escape(key_parts[0])}|"{re.escape(key_parts[0])}")\s*=')
    for i in range(start, len(lines)):
        if i > start and lines[i].lstrip().startswith("[") and header is not None:
            break
        if key.match(lines[i]):
            return i + 1
    return start + 1 if header is not None else None


_GIT_MARKER = re.compile(r"^<{7}(?: |$)", re.M)


def _locate_source_line(lines: list[str], index: int, key: str | None) -> int | None:
    """The line of `sources.<index>.<key>`: the index-th [[sources]] table (0-based, as the
    field paths count), then its key."""
    tables = [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*sources\s*\]\]", line)]
    if index >= len(tables):
        return None
    start = tables[index]
    if key is not None:
        pattern = re.compile(rf'^\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*=')
        for i in range(start + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            if pattern.match(lines[i]):
                return i + 1
    return start + 1


def parse_project(text: str, path: Path) -> tuple[Project, dict[str, Any]]:
    """TOML text -> (Project, parsed dict); errors name the file, line and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"line {m[1]}" if m else None
        if m:
            msg = msg[: m.start()].strip()
        marker = _GIT_MARKER.search(text)
        if marker:
            # git merged the file line by line (this clone lacks drafter's merge driver).
            line = text.count("\n", 0, marker.start()) + 1
            raise ProjectError(
                "git left merge conflict markers here: run `drafter git-setup` in this clone, "
                f"then `git checkout -m {path.name}` merges it again by paragraph and field",
                path=path,
                where=f"line {line}",
            ) from None
        raise ProjectError(f"not valid TOML: {msg}", path=path, where=where) from None
    try:
        project = schema.project_from_toml(data)
    except schema.SchemaError as exc:
        raise field_error(exc, text, path) from None
    return project, data


def field_error(exc: schema.SchemaError, text: str, path: Path) -> ProjectError:
    line = _locate_line(text, exc.path) if exc.path else None
    where = f"line {line}" if line else None
    return ProjectError(str(exc), path=path, where=where)


@dataclass
class DiskState:
    """What the file held when we last read or wrote it: the hash of its bytes."""

    sha256: str

    @classmethod
    def of(cls, data: bytes) -> DiskState:
        return cls(hashlib.sha256(data).hexdigest())


# A table header line: "[entries.16]", "[entries."22(a)".note]", "[[x]]".
_HEADER_BYTES = re.compile(rb"\[\[?(?P<key>[^\]\n]*)\]\]?[ \t]*$")
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _entry_key(header: str) -> str | None:
    """`entries.16` -> "16"; `entries."22(a)".x` -> "22(a)"; anything else -> None."""
    h = header.strip()
    if not h.startswith("entries."):
        return None
    rest = h[len("entries.") :]
    if rest.startswith('"'):
        end = rest.find('"', 1)
        if end < 0 or "\\" in rest[: end + 1]:
            return None
        return rest[1:end]
    m = _BARE.match(rest)
    return m[0] if m else None


def slice_entries(text: str | bytes, entry_ids: list[str]) -> dict[str, str] | None:
    """Cut a file drafter wrote into per-entry chunks (as `entry_chunk` makes them), or None.

    Lets the first autosave after opening a big project skip re-serializing every entry. A line
    inside commentary may look like a header; it cannot fool the cut: one naming another entry
    makes that entry appear twice (or an entry that does not exist), and the cut is refused;
    one naming the entry it sits in changes nothing. Works on the UTF-8 bytes, where searching
    is fastest.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    starts: list[tuple[int, str]] = []
    seen: set[str] = set()
    pos = data.find(b"\n[")
    while pos >= 0:
        start = pos + 1
        pos = data.find(b"\n[", start)
        line_end = data.find(b"\n", start)
        m = _HEADER_BYTES.match(data, start, line_end if line_end >= 0 else len(data))
        if m is None:
            continue
        key = _entry_key(m["key"].decode("utf-8", "replace"))
        if key is None:
            if starts:
                return None  # the entries are not the last tables
            continue
        if starts and starts[-1][1] == key:
            continue  # a sub-table of the same entry
        if key in seen:
            return None
        seen.add(key)
        starts.append((start, key))
    if len(seen) != len(entry_ids) or seen != set(entry_ids):
        return None
    chunks: dict[str, str] = {}
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(data)
        # A chunk is "\n[entries.k]\n...\n": the blank line before the header belongs to it.
        if data[start - 2 : start] != b"\n\n" or data[end - 1 : end] != b"\n":
            return None
        chunks[key] = data[start - 1 : end].decode("utf-8")
    return chunks


@dataclass
class ProjectStore:
    """The file behind a Project: reading, caching, locking and saving it."""

    folder: Path
    file: Path
    read_only: bool = False
    disk: DiskState | None = None
    _lock: ProjectLock | None = None
    _head_cache: tuple[dict[str, Any], str] | None = None
    _chunks: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)

    @property
    def cache_dir(self) -> Path:
        return self.folder / CACHE_DIR

    # -- locking ---------------------------------------------------------------------------

    def acquire(self) -> None:
        """Take the write lock; a second writer gets LockedError (read-only opens never lock)."""
        if self.read_only or self._lock is not None:
            return
        try:
            cache = paths.own_folder(self.folder, CACHE_DIR)
            lock_file = cache / "lock"
            if lock_file.is_symlink():
                raise ProjectError(
                    "is a symbolic link; drafter's lock must be its own file (remove the link)",
                    path=lock_file,
                )
            lock = ProjectLock(lock_file)
            lock.acquire()
        except Held:
            raise LockedError(
                "another drafter has this project open for writing; open it read-only or close "
                "the other one",
                path=self.file,
            ) from None
        except OSError as exc:
            raise NotWritableError(
                f"cannot write in the project folder ({os_reason(exc)}); nothing was changed",
                path=self.folder,
            ) from None
        self._lock = lock
        # Holding the lock, no other writer exists: temporary files left here and in sources/
        # are from writes killed half-way (the files they were for are whole) and can go.
        for where in (self.folder, self.folder / SOURCES_DIR):
            with contextlib.suppress(OSError):
                for stale in where.iterdir():
                    if _TEMPORARY.match(stale.name):
                        with contextlib.suppress(OSError):
                            stale.unlink()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> Project:
        if not self.file.is_file():
            raise ProjectError("no project file here (create one with `drafter new`)", self.file)
        try:
            data = self.file.read_bytes()
        except OSError as exc:
            raise ProjectError(f"cannot read: {exc.strerror}", path=self.file) from None
        try:
            # utf-8-sig: an editor on Windows may have put a byte-order mark in front.
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProjectError(f"not UTF-8 (byte {exc.start})", path=self.file) from None
        project, data_toml = parse_project(text, self.file)
        refused = paths.check_project(project, self.folder)
        if refused:
            field, problem = refused[0]
            line = _locate_line(text, field)
            raise ProjectError(
                f"{field}: {problem}", path=self.file, where=f"line {line}" if line else None
            )
        self.disk = DiskState.of(data)
        self._head_cache = None
        self._chunks = {}
        ids = schema.sorted_entry_ids(project)
        # Hand-edited or merged files are serialized afresh at the first save instead.
        sliced = slice_entries(data, ids) if ids and self._wrote(self.disk.sha256) else None
        if sliced:
            # A slice stands for its entry only if it holds exactly what we would write now.
            raw_entries = data_toml.get("entries", {})
            for pid, chunk in sliced.items():
                values = schema.entry_to_toml(project.entries[pid])
                if raw_entries.get(pid) == values:
                    self._chunks[pid] = (values, chunk)
        return project

    # -- writing ---------------------------------------------------------------------------

    def mark(self, pid: str) -> None:
        """This entry changed: serialize it again at the next save."""
        self._chunks.pop(pid, None)

    def serialize(self, project: Project) -> str:
        """The file text, re-serializing only the head (small) and entries that changed.

        Each entry's chunk is cached with a snapshot of the values it was made from; an entry
        whose values differ from its snapshot is serialized again, so an edit that nobody
        announced is still saved.
        """
        head = schema.head_to_toml(project)
        if self._head_cache is not None and self._head_cache[0] == head:
            head_text = self._head_cache[1]
        else:
            head_text = dump_toml(head)
            self._head_cache = (head, head_text)
        parts = [head_text]
        chunks: dict[str, tuple[dict[str, Any], str]] = {}
        for pid in schema.sorted_entry_ids(project):
            values = schema.entry_to_toml(project.entries[pid])
            cached = self._chunks.get(pid)
            if cached is None or cached[0] != values:
                cached = (values, entry_chunk(pid, values))
            chunks[pid] = cached
            parts.append(cached[1])
        self._chunks = chunks
        return "".join(parts)

    def disk_changed(self) -> bool | None:
        """Whether the file on disk holds other bytes than we last read or wrote (None: it is
        gone). Reads and hashes the file: cheap for a project file, and the only sure way."""
        if self.disk is None:
            return False
        try:
            data = self.file.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            return False  # unreadable for a moment (a save in progress elsewhere): ask again
        return hashlib.sha256(data).hexdigest() != self.disk.sha256

    def check_disk(self) -> None:
        """Raise ConflictError if someone else changed the file since we read or wrote it."""
        changed = self.disk_changed()
        if changed is None:
            raise ConflictError(
                "the project file was deleted or moved since it was opened; not saving over it",
                path=self.file,
            )
        if changed:
            raise ConflictError(
                "the project file was changed on disk by someone else since it was opened; "
                "reload it (your unsaved changes are kept in a backup) or save under another name",
                path=self.file,
            )

    def copy_of_disk(self, label: str) -> Path | None:
        """Keep the file as it is on disk now in the backups folder (before writing over a file
        that cannot be read, e.g. one a `git pull` left with conflict markers)."""
        try:
            data = self.file.read_bytes()
            backups = self.cache_dir / "backups"
            backups.mkdir(parents=True, exist_ok=True)
            target = backups / f"{label}-{_stamp()}.toml"
            atomic_write(target, data)
        except (OSError, ProjectError):
            return None
        return target

    def save(self, project: Project, *, force: bool = False) -> None:
        if self.read_only:
            raise ProjectError("opened read-only; not saving", path=self.file)
        if not force:
            self.check_disk()
        try:
            data = self.serialize(project).encode("utf-8")
        except UnicodeEncodeError:
            raise ProjectError(
                f"{not_utf8_field(project) or 'a value'}: {NOT_UTF8}; nothing was saved",
                path=self.file,
            ) from None
        self.backup_current()
        atomic_write(self.file, data)
        self.disk = DiskState.of(data)
        self._remember_written(self.disk.sha256)

    @property
    def _written_marker(self) -> Path:
        return self.cache_dir / "written.sha256"

    def _remember_written(self, sha256: str) -> None:
        """Which file text drafter itself wrote last (see `slice_entries`)."""
        with contextlib.suppress(OSError, ProjectError):
            paths.own_folder(self.folder, CACHE_DIR)
            atomic_write(self._written_marker, sha256.encode())

    def _wrote(self, sha256: str) -> bool:
        data = paths.read_own_file(self.folder, self._written_marker, 1024)
        return data is not None and data.decode("ascii", "replace").strip() == sha256

    def save_conflict_copy(self, project: Project) -> Path:
        """Write our version beside the backups so a conflict never loses the author's words."""
        try:
            backups = paths.own_folder(self.folder, CACHE_DIR, "backups")
        except OSError as exc:
            raise ProjectError(
                f"cannot keep a copy ({os_reason(exc)})", path=self.cache_dir
            ) from None
        target = backups / f"conflict-{_stamp()}.toml"
        atomic_write(target, full_dump(project).encode("utf-8"))
        return target

    def backup_current(self) -> None:
        """Keep the file about to be replaced; a hard link costs no copying."""
        if not self.file.exists():
            return
        try:
            # Never a link leading elsewhere: old backups are deleted in this folder.
            backups = paths.own_folder(self.folder, CACHE_DIR, "backups")
            target = backups / f"drafter-{_stamp()}.toml"
            try:
                os.link(self.file, target, follow_symlinks=False)
            except FileExistsError:
                return
            except OSError:
                atomic_write(target, self.file.read_bytes())
            kept = sorted(backups.glob("drafter-*.toml"))
            for old in kept[:-BACKUPS_KEPT]:
                old.unlink(missing_ok=True)
        except (OSError, ProjectError):
            # A backup that cannot be made must not stop the save itself.
            pass


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def os_reason(exc: OSError) -> str:
    """An OS error in the user's words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno == errno.EFBIG:
        return "the file is larger than this system allows"
    return exc.strerror or str(exc)


def not_utf8_field(project: Project) -> str | None:
    """The field path of the first text that cannot be written as UTF-8, or None."""

    def walk(value: Any, where: str) -> str | None:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return where or "a value"
            return None
        if isinstance(value, dict):
            for k, v in value.items():
                inner = f"{where}.{k}" if where else str(k)
                found = walk(k, inner) or walk(v, inner)
                if found is not None:
                    return found
        elif isinstance(value, list):
            for i, v in enumerate(value):
                found = walk(v, f"{where}.{i}")
                if found is not None:
                    return found
        return None

    return walk(schema.project_to_toml(project), "")


def _temporary(path: Path) -> tuple[Path, int]:
    """A new temporary file beside `path`, opened for writing: created exclusively and without
    following links (whatever sits at that name, nothing is written through it), with the
    user's normal permissions (0666 less the umask, as any program's new file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue


@contextlib.contextmanager
def _replacing(target: Path, doing: str, outcome: str, about: Path) -> Iterator[int]:
    """A new temporary file beside `target`, open for the block to write, sync and close (its
    descriptor); then put in `target`'s place, durably. An OSError raises ProjectError about
    `about` ("{doing} (the OS reason); {outcome}") and removes the temporary file."""
    tmp: Path | None = None
    try:
        tmp, fd = _temporary(target)
        yield fd
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise ProjectError(f"{doing} ({os_reason(exc)}); {outcome}", path=about) from None
    fsync_folder(target.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a crash or a full disk leaves either the old or the new file.

    Raises ProjectError (naming the file and the OS reason) and leaves the old file untouched;
    the temporary file is removed. The target's directory entry is replaced, so a link left at
    `path` is replaced, never written through.
    """
    with _replacing(path, "could not save", "the file on disk is unchanged", path) as fd:
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_copy(source: Path, target: Path) -> None:
    """Copy a file the way `atomic_write` writes one: all of it or nothing, no temporary file
    left behind (a full disk during an import keeps the disk as it was)."""
    with (
        _replacing(target, "cannot copy into the project", "nothing was copied", source) as fd,
        os.fdopen(fd, "wb") as out,
        source.open("rb") as src,
    ):
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible or needed on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
