"""An open project: the project file, its template, its parsed sources and the links between them.

This is the one object the TUI and the renderer talk to. It never imports Textual or python-docx.

API CONTRACT (other packages depend on exactly these names; extend, don't rename):

    ws = Workspace.open(path, read_only=False)   # path: the folder or its drafter.toml
    ws.folder, ws.file                           # Path
    ws.project                                   # model.Project (mutable; call ws.save())
    ws.template                                  # template.Template
    ws.read_only                                 # bool
    ws.documents                                 # dict[source_id, documents.model.Document]
    ws.co_paragraphs()                           # list[COParagraph], CO order
    ws.co_paragraph(pid)                         # COParagraph | None
    ws.links(pid, with_hidden=False)             # LinkSet for a CO paragraph (pins applied)
    ws.warm_links()                              # rank every paragraph, fill .drafter/links/
    ws.entry(pid)                                # model.Entry (created on demand)
    ws.in_report(pid, template=None)             # does the (project's) template's report cover it?
    ws.touch(pid)                                # mark entry edited (updated timestamp, dirty)
    ws.pin(pid, link_key) / ws.hide(pid, link_key) / ws.unpin / ws.unhide
    ws.cite(source_id, paragraph_id) -> str      # the Markdown token to insert
    ws.citation_text(source_id, paragraph_id)    # "CERD/C/KAZ/11-14, para. 170"
    ws.dirty                                     # unsaved changes?
    ws.save()                                    # atomic; raises ConflictError if changed on disk
    ws.changed_on_disk()                         # other bytes on disk than we read/wrote? (sha256)
    ws.reload()                                  # re-read from disk (after a conflict)
    ws.import_source(path, kind, symbol=None)    # -> ImportReport
    ws.session_state / ws.save_session_state()   # where the author left off (cache folder)
    ws.close()                                   # releases the lock
    ws.snapshot() -> Workspace                   # a read-only copy for another thread (below)
    ws.origin                                    # the workspace a snapshot was taken of (or ws)

Also (additions, same rules):

    ws = Workspace.create(dir, template, title=…, committee=…, state=…)   # `drafter new`
    ws.mark_dirty()                              # metadata, front matter or sources changed
    ws.choose_quote(pid, link_key, words) -> str # the State's words the report quotes ("" clears)
    ws.save_conflict_copy() -> Path              # after a ConflictError, before reload()
    ws.document_errors                           # dict[source_id, DrafterError]: sources that
                                                 # could not be read (missing, damaged)
    Workspace is a context manager: `with Workspace.open(p) as ws:` closes it.
"""

from __future__ import annotations

import contextlib
import copy
import json
import threading
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.documents import limits
from drafter.documents.model import Document, DocumentKind
from drafter.errors import DrafterError, ProjectError, ReadError
from drafter.project import citations, importing, paths, schema
from drafter.project.link_cache import LinkCache, cache_key
from drafter.project.linking import Link, Linker, LinkGroup, LinkSet, apply_choices, group_for_kind
from drafter.project.model import Conflict, Entry, Metadata, Project, ReviewNote, Source
from drafter.project.paragraphs import (
    UNPLACED_SECTION,
    COParagraph,
    ImportReport,
    co_paragraphs,
    current_co,
)
from drafter.project.store import (
    CACHE_DIR,
    NOT_UTF8,
    SOURCES_DIR,
    ProjectStore,
    atomic_write,
    field_error,
    not_utf8_field,
    os_reason,
    project_paths,
)
from drafter.project.template import Template, find_template

__all__ = [
    "COParagraph",
    "ImportReport",
    "Link",
    "LinkGroup",
    "LinkSet",
    "ListOfIssuesEntries",
    "Workspace",
]

SESSION_FILE = "session.json"
SESSION_MAX_BYTES = 1024 * 1024  # where each author left off: a few hundred bytes


class Workspace:
    """An open project. Use `Workspace.open(path)`; `close()` (or `with`) releases the lock."""

    def __init__(self, store: ProjectStore, project: Project, template: Template) -> None:
        self._store = store
        self.folder = store.folder
        self.file = store.file
        self.project = project
        self.template = template
        self.read_only = store.read_only
        self.documents: dict[str, Document] = {}
        self.document_errors: dict[str, DrafterError] = {}
        self._doc_cache = importing.DocumentCache(self.folder)
        self._co: list[COParagraph] | None = None
        self._follow_up: frozenset[str] | None = None
        self._linker: Linker | None = None
        self._link_cache: LinkCache | None = None
        # Links are ranked on demand by the UI and ahead of time by a worker thread (warm_links).
        self._link_lock = threading.RLock()
        self._dirty = False
        self.session_state: dict[str, Any] = self._read_session_state()
        self._origin: Workspace | None = None  # a snapshot's: the workspace it was taken of

    @property
    def origin(self) -> Workspace:
        """The workspace a snapshot was taken of; a workspace's own is itself."""
        return self._origin or self

    def snapshot(self) -> Workspace:
        """A copy to read in another thread while the author goes on changing this one (the
        TUI counts the report's words on it). Take it under the lock that guards changes: it
        copies the project (the author's words, a few milliseconds for a thousand entries)
        and shares what is replaced, never changed in place: the parsed sources, the template,
        the link ranking. It is read-only: it saves nothing and holds no lock."""
        snap = copy.copy(self)
        snap._store = ProjectStore(self.folder, self.file, read_only=True, disk=self._store.disk)
        snap.read_only = True
        snap.project = copy.deepcopy(self.project)
        snap.documents = dict(self.documents)
        snap.document_errors = dict(self.document_errors)
        snap.session_state = {}
        snap._dirty = False
        snap._origin = self.origin
        return snap

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Workspace:
        folder, file = project_paths(path)
        store = ProjectStore(folder, file, read_only=read_only)
        if not file.is_file():
            raise ProjectError("no drafter.toml here (create a project with `drafter new`)", file)
        store.acquire()
        try:
            project = store.load()
            template = cls._template_for(project, file)
            errors = schema.check_assessments(project, [lv.id for lv in template.scale])
            if errors:
                text = file.read_text(encoding="utf-8")
                raise field_error(errors[0], text, file)
            ws = cls(store, project, template)
            ws._load_documents()
        except BaseException:
            store.release()
            raise
        return ws

    @classmethod
    def create(
        cls,
        folder: str | Path,
        template: str,
        *,
        title: str = "",
        committee: str = "",
        state: str = "",
    ) -> Workspace:
        """A new project folder: drafter.toml, sources/, and a cache folder git ignores."""
        folder, file = project_paths(folder)
        if file.exists():
            raise ProjectError("a project already exists here", path=file)
        tpl = find_template(template)
        meta = Metadata(
            title=title,
            report_label=tpl.report_label,
            committee=committee or tpl.committee,
            treaty=tpl.treaty,
            state=state,
            language=tpl.language,
            template=Path(tpl.folder).name if Path(template).is_dir() else template,
        )
        bad = not_utf8_field(Project(metadata=meta))
        if bad is not None:  # refused before any folder is made
            raise ProjectError(f"{bad}: {NOT_UTF8}; nothing was created", path=file)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths.own_folder(folder, SOURCES_DIR)
            paths.own_folder(folder, CACHE_DIR)
            # "x": only if there is none (and never through a link left in its place).
            with contextlib.suppress(FileExistsError), (folder / ".gitignore").open("x") as f:
                f.write(
                    "# drafter's cache (parsed sources, backups, lock) and unfinished saves\n"
                    f"{CACHE_DIR}/\n.{file.name}.*.tmp\n"
                )
        except OSError as exc:
            raise ProjectError(
                f"cannot create the project ({os_reason(exc)})", path=folder
            ) from None
        store = ProjectStore(folder, file)
        store.acquire()
        try:
            project = Project(metadata=meta)
            store.save(project)
            ws = cls(store, project, tpl)
        except BaseException:
            store.release()
            raise
        return ws

    @staticmethod
    def _template_for(project: Project, file: Path) -> Template:
        name = project.metadata.template or "generic"
        try:
            if not paths.template_is_path(name):
                return find_template(name)
            # A template folder the project names, relative to the project (checked at load
            # like every path the file names), never to wherever drafter runs. Its
            # reference.docx came with the repository too: bounded before python-docx opens it.
            template = find_template(str(paths.named_path(file.parent, name)))
            if template.reference_docx is not None:
                _check_reference(template.reference_docx)
            return template
        except paths.PathRefused as exc:
            raise ProjectError(f"metadata.template: {name!r} {exc}", path=file) from None
        except DrafterError as exc:
            raise ProjectError(
                f"metadata.template: {exc.message}", path=file, where=exc.where
            ) from None

    def close(self) -> None:
        self._store.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sources -----------------------------------------------------------------------------

    def _load_documents(self) -> None:
        self.documents = {}
        self.document_errors = {}
        for source in self.project.sources:
            try:
                self.documents[source.id] = importing.load_document(
                    self.folder, source, self._doc_cache
                )
            except DrafterError as exc:
                # A missing or unreadable source must not stop the author opening the project;
                # `drafter check` and the TUI report it.
                self.document_errors[source.id] = exc
        self._invalidate()

    def _invalidate(self) -> None:
        with self._link_lock:
            self._co = None
            self._follow_up = None
            self._linker = None
            self._link_cache = None

    # -- CO paragraphs and links -------------------------------------------------------------

    def co_paragraphs(self) -> list[COParagraph]:
        if self._co is None:
            self._co = co_paragraphs(self.project.sources, self.documents, self.project.entries)
        return self._co

    def co_paragraph(self, pid: str) -> COParagraph | None:
        for p in self.co_paragraphs():
            if p.id == pid:
                return p
        return None

    @property
    def linker(self) -> Linker:
        with self._link_lock:
            if self._linker is None:
                self._linker = Linker(
                    self.documents,
                    current_co(self.project.sources, self.documents),
                )
            return self._linker

    def _links_cache(self) -> LinkCache:
        with self._link_lock:
            if self._link_cache is None:
                key = cache_key(
                    self.project.sources,
                    self._doc_cache.sha_of,
                    current_co(self.project.sources, self.documents),
                )
                self._link_cache = LinkCache(self.folder, key)
                self._link_cache.load()
            return self._link_cache

    def _ranked(self, co: COParagraph) -> LinkSet:
        cache = self._links_cache()
        ranked = cache.get(co.id) if co.section != UNPLACED_SECTION else None
        if ranked is None:
            with self._link_lock:
                ranked = self.linker.ranked(co)
                if co.section != UNPLACED_SECTION:
                    cache.put(ranked)
        return ranked

    def warm_links(self) -> None:
        """Rank every CO paragraph not in the link cache and write the cache, so the next
        start shows links without loading the ranking library (run it in a worker thread)."""
        cache = self._links_cache()
        for co in self.co_paragraphs():
            if co.id not in cache and co.section != UNPLACED_SECTION:
                self._ranked(co)
        if not self.read_only:
            with self._link_lock:
                cache.save()

    def group_of_key(self, key: str) -> LinkGroup | None:
        """The group a link key is listed in when the ranking does not bring it (a pin, a
        hidden link shown again); None when its paragraph does not exist."""
        source_id, _, paragraph_id = key.partition(":")
        doc = self.documents.get(source_id)
        if doc is None or doc.paragraph(paragraph_id) is None:
            return None
        return group_for_kind(doc.kind)

    def in_report(self, pid: str, template: Template | None = None) -> bool:
        """Whether the report (the project's template, or `template`) covers CO paragraph `pid`.
        One rule for the renderer, `check` and the TUI: a follow-up template covers the follow-up
        paragraphs only, once the concluding observations say which they are; until then, and for
        every other template, every paragraph."""
        if not (template or self.template).only_follow_up:
            return True
        if self._follow_up is None:
            # Asked for every paragraph on every redraw: computed once per set of sources.
            self._follow_up = frozenset(c.id for c in self.co_paragraphs() if c.follow_up)
        return not self._follow_up or pid in self._follow_up

    def links(self, pid: str, *, with_hidden: bool = False) -> LinkSet:
        """The links of CO paragraph `pid`: the ranking (cached while the sources do not
        change), the author's pins first, hidden links left out or, `with_hidden`, listed last
        and marked so they can be shown again."""
        co = self.co_paragraph(pid) or COParagraph(
            id=pid, placeholder=True, section=UNPLACED_SECTION
        )
        return apply_choices(
            self._ranked(co),
            self.project.entries.get(pid),
            self.group_of_key,
            with_hidden=with_hidden,
        )

    # -- entries -----------------------------------------------------------------------------

    def entry(self, pid: str) -> Entry:
        return self.project.entry(pid)

    def touch(self, pid: str) -> None:
        e = self.project.entry(pid)
        e.updated = datetime.now(UTC).replace(microsecond=0).isoformat()
        self._store.mark(pid)
        self._dirty = True

    def pin(self, pid: str, link_key: str) -> None:
        e = self.entry(pid)
        if link_key in e.hidden:
            e.hidden.remove(link_key)
        if link_key not in e.pinned:
            e.pinned.append(link_key)
        self.touch(pid)

    def unpin(self, pid: str, link_key: str) -> None:
        e = self.entry(pid)
        if link_key in e.pinned:
            e.pinned.remove(link_key)
            self.touch(pid)

    def hide(self, pid: str, link_key: str) -> None:
        e = self.entry(pid)
        if link_key in e.pinned:
            e.pinned.remove(link_key)
        if link_key not in e.hidden:
            e.hidden.append(link_key)
        self.touch(pid)

    def unhide(self, pid: str, link_key: str) -> None:
        e = self.entry(pid)
        if link_key in e.hidden:
            e.hidden.remove(link_key)
            self.touch(pid)

    def choose_quote(self, pid: str, link_key: str, words: str) -> str:
        """Quote `words` of the State's paragraph `link_key` in CO paragraph `pid`'s section (and
        pin it), or with no words go back to that paragraph's first sentences. One rule for
        `drafter entry --quote` and the TUI: the words must be an exact part of the paragraph
        (spaces may differ; they are kept as the paragraph has them), because the report quotes
        the source verbatim, and only the State's claims are quoted. Returns the words kept;
        DrafterError (nothing changed) names the paragraph and what is wrong."""
        from drafter.project.report.quotes import find_span

        e = self.entry(pid)
        if not words.strip():
            if e.quotes.pop(link_key, None) is not None:
                self.touch(pid)
            return ""
        source_id, _, paragraph_id = link_key.partition(":")
        doc = self.documents.get(source_id)
        para = doc.paragraph(paragraph_id) if doc is not None else None
        if para is None:
            raise DrafterError(f"no paragraph {link_key} in this project", path=self.file)
        if self.group_of_key(link_key) not in (LinkGroup.CLAIMS, LinkGroup.SUGGESTED_CLAIMS):
            raise DrafterError(
                f"{link_key} is not in a State party's report: the report quotes the State's "
                "claims only (cite this paragraph in the commentary instead)",
                path=self.file,
            )
        found = find_span(para.text, words)
        if found is None:
            raise DrafterError(
                f"paragraph {link_key} does not say “{' '.join(words.split())[:80]}” (quote its "
                "exact words)",
                path=self.file,
            )
        e.quotes[link_key] = found
        self.pin(pid, link_key)
        return found

    # -- citations ---------------------------------------------------------------------------

    def cite(self, source_id: str, paragraph_id: str) -> str:
        return citations.citation_token(source_id, paragraph_id)

    def citation_text(self, source_id: str, paragraph_id: str) -> str:
        source = self.project.source(source_id)
        if source is None:
            return citations.citation_token(source_id, paragraph_id)
        return citations.format_citation(source, paragraph_id)

    # -- saving ------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self) -> None:
        """Something outside the entries changed (metadata, front matter, sources)."""
        self._dirty = True

    def save(self, *, force: bool = False) -> None:
        """Atomic save; ConflictError if the file changed on disk since it was loaded (`force`
        writes over it: only when the author chose to, after `copy_of_disk`)."""
        if self.project.conflicts:
            # A merge conflict in a text is settled once the author edited the markers away.
            # (Imported here: the merge driver and its diff library are not needed to open.)
            from drafter.project import merge

            merge.prune_resolved(self.project)
        self._store.save(self.project, force=force)
        self._dirty = False

    def changed_on_disk(self) -> bool | None:
        """Does drafter.toml hold other bytes than this workspace last read or wrote? None when
        it is gone. Compares content (sha256), never size and mtime."""
        return self._store.disk_changed()

    def copy_of_disk(self, label: str = "on-disk") -> Path | None:
        """Keep the file now on disk in `.drafter/backups/` (before writing over it)."""
        return self._store.copy_of_disk(label)

    def save_conflict_copy(self) -> Path:
        """After a ConflictError: keep this version in the backups folder before `reload()`."""
        return self._store.save_conflict_copy(self.project)

    def reload(self) -> None:
        """Read the file again (after a conflict); unsaved changes are discarded."""
        self.project = self._store.load()
        self.template = self._template_for(self.project, self.file)
        self._dirty = False
        self._load_documents()

    # -- session state -----------------------------------------------------------------------

    @property
    def _session_path(self) -> Path:
        return self.folder / CACHE_DIR / SESSION_FILE

    def _read_session_state(self) -> dict[str, Any]:
        data = paths.read_own_file(self.folder, self._session_path, SESSION_MAX_BYTES)
        try:
            state = json.loads(data) if data is not None else {}
        except ValueError:
            return {}
        return state if isinstance(state, dict) else {}

    def save_session_state(self) -> None:
        """Where the author left off; kept in the cache folder, out of git and merges."""
        if self.read_only:
            return
        try:
            paths.own_folder(self.folder, CACHE_DIR)
            data = json.dumps(self.session_state, ensure_ascii=False, indent=1).encode()
            atomic_write(self._session_path, data)
        except (OSError, DrafterError):
            pass  # losing the cursor position is not worth an error

    # -- importing ---------------------------------------------------------------------------

    def import_source(
        self,
        path: str | Path,
        kind: str,
        symbol: str | None = None,
        language: str | None = None,
        *,
        set_aside_list_of_issues: bool = False,
    ) -> ImportReport:
        """Copy, read, link and save; a changed file already imported replaces the old copy.

        `language` (a code: "fr") overrides the detected language, and is kept for re-reads.

        The first concluding observations of a project whose entries were written on the
        paragraphs of a list of issues are refused (`ListOfIssuesEntries`): the CO numbers its
        paragraphs otherwise, and those words would sit under unrelated paragraphs. With
        `set_aside_list_of_issues` those entries are kept apart first, as `LOI-<number>`."""
        if self.read_only:
            raise ProjectError("opened read-only; cannot import", path=self.file)
        return importing_flow(
            self, Path(path), importing.parse_kind(kind), symbol, language, set_aside_list_of_issues
        )

    def move_entry(self, from_pid: str, to_pid: str) -> None:
        """The author's work on `from_pid` (an entry set aside, or written on the wrong
        paragraph) becomes `to_pid`'s, review notes and merge conflicts with it. Refused when
        `to_pid` is no paragraph of the project or already has words of its own: nothing is
        overwritten."""
        if self.read_only:
            raise ProjectError("opened read-only; cannot move an entry", path=self.file)
        entry = self.project.entries.get(from_pid)
        if entry is None or entry.is_empty():
            raise ProjectError(f"paragraph {from_pid} has no entry to move", path=self.file)
        target = self.co_paragraph(to_pid)
        if target is None or target.section == UNPLACED_SECTION:
            raise ProjectError(f"no paragraph {to_pid!r} to move the entry to", path=self.file)
        there = self.project.entries.get(to_pid)
        if there is not None and not there.is_empty():
            raise ProjectError(
                f"paragraph {to_pid} already has an entry: moving {from_pid} there would "
                f"overwrite it (nothing changed); copy what applies instead",
                path=self.file,
            )
        self.project.entries.pop(to_pid, None)
        _rekey(self.project, from_pid, to_pid)
        with self._link_lock:
            self._co = None  # an entry with no paragraph is walked apart; this one moved
        self.touch(to_pid)

    def written_on_list_of_issues(self) -> list[str]:
        """The entries with words in them that were written on a paragraph of a list of issues
        (walked while the project has no concluding observations), in paragraph order."""
        if any(s.kind == DocumentKind.CONCLUDING_OBSERVATIONS for s in self.project.sources):
            return []
        on_list = {p.id for p in self.co_paragraphs() if p.target is DocumentKind.LIST_OF_ISSUES}
        return [pid for pid in schema.sorted_entry_ids(self.project) if pid in on_list]


def _check_reference(reference: Path) -> None:
    try:
        with zipfile.ZipFile(reference) as package:
            limits.check_package(package.infolist(), reference)
    except ReadError as exc:
        raise ReadError(f"{reference.name}: {exc.message}", reference) from None
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ReadError(f"{reference.name}: not a readable .docx ({exc})", reference) from None


# What an entry written on paragraph N of a list of issues becomes when the concluding
# observations arrive and the author sets it aside: no CO paragraph has that id.
SET_ASIDE_PREFIX = "LOI-"


class ListOfIssuesEntries(ProjectError):
    """Importing the first concluding observations would put entries written on a list of
    issues under unrelated CO paragraphs of the same numbers."""

    def __init__(self, paragraphs: list[str], path: Path) -> None:
        self.paragraphs = paragraphs
        shown = ", ".join(paragraphs[:6]) + (" …" if len(paragraphs) > 6 else "")
        n = len(paragraphs)
        super().__init__(
            f"{n} entr{'y was' if n == 1 else 'ies were'} written on the list of issues "
            f"(paragraph{'s' if n > 1 else ''} {shown}); the concluding observations number "
            "their paragraphs otherwise, so that text would sit under unrelated paragraphs. "
            "Import the concluding observations into a new project, or set those entries aside as "
            f"{SET_ASIDE_PREFIX}<number> (drafter import --set-aside-list-of-issues); "
            "nothing was imported",
            path=path,
        )


def _rekey(project: Project, old: str, new: str) -> None:
    """The entry of paragraph `old` becomes paragraph `new`'s, with the review notes and merge
    conflicts placed on it (`new` has no entry)."""
    entry = project.entries.pop(old)
    entry.paragraph = new
    project.entries[new] = entry
    marks: list[ReviewNote | Conflict] = [*project.review, *project.conflicts]
    for mark in marks:
        if mark.paragraph == old:
            mark.paragraph = new


def _set_aside(ws: Workspace, paragraphs: list[str]) -> tuple[list[str], Callable[[], None]]:
    """Re-key the entries (and the review notes and merge conflicts on them) written on these
    list-of-issues paragraphs to `LOI-<number>`; messages, and how to undo it."""
    project = ws.project
    entries = dict(project.entries)
    marks: list[ReviewNote | Conflict] = [*project.review, *project.conflicts]
    placed = [(x, x.paragraph) for x in marks]
    messages = []
    for pid in paragraphs:
        new = f"{SET_ASIDE_PREFIX}{pid}"
        n = 2
        while new in project.entries:
            new, n = f"{SET_ASIDE_PREFIX}{pid}-{n}", n + 1
        _rekey(project, pid, new)
        messages.append(
            f"entry {pid}, written on the list of issues, is kept as {new} (not printed: "
            f"`drafter entry -p {new} --move-to N` gives it to CO paragraph N)"
        )

    def undo() -> None:
        project.entries.clear()
        project.entries.update(entries)
        for pid, entry in entries.items():
            entry.paragraph = pid
        for note_or_conflict, paragraph in placed:
            note_or_conflict.paragraph = paragraph

    return messages, undo


def importing_flow(
    ws: Workspace,
    file: Path,
    kind: DocumentKind,
    symbol: str | None,
    language: str | None = None,
    set_aside_list_of_issues: bool = False,
) -> ImportReport:
    if not file.is_file():
        raise ProjectError("no such file", path=file)
    on_list = ws.written_on_list_of_issues() if kind is DocumentKind.CONCLUDING_OBSERVATIONS else []
    if on_list and not set_aside_list_of_issues:
        raise ListOfIssuesEntries(on_list, file)
    sha = importing.sha256_file(file)
    doc = importing.read_source(file, kind, symbol, language)
    sym = symbol or doc.symbol or ""

    # The same document imported again: same kind and same symbol, or same file name.
    previous: Source | None = None
    for s in ws.project.sources:
        if s.kind == kind.value and (
            (sym and s.symbol == sym) or Path(s.path).name == importing.copy_name(file)
        ):
            previous = s
            break

    old_copy = paths.source_file(ws.folder, previous) if previous is not None else None
    old_sha = previous.sha256 if previous is not None else ""
    taken = {Path(s.path).name for s in ws.project.sources if s is not previous}
    target, made = importing.copy_into_sources(ws.folder, file, sha, taken, old_copy)
    rel = target.relative_to(ws.folder).as_posix()

    undo: list[Callable[[], None]] = []
    if previous is not None:
        replaced = previous.sha256 != sha
        kept = (
            previous.path,
            previous.sha256,
            previous.symbol,
            previous.language,
            previous.title,
            previous.date,
        )

        def restore(source: Source = previous) -> None:
            (
                source.path,
                source.sha256,
                source.symbol,
                source.language,
                source.title,
                source.date,
            ) = kept

        undo.append(restore)
        previous.path, previous.sha256 = rel, sha
        previous.symbol = sym
        previous.language = language or ""
        # What the author set (`drafter source`, import options) wins over what is parsed.
        previous.title = previous.title or doc.title or ""
        previous.date = previous.date or doc.date or ""
        source = previous
    else:
        replaced = False
        taken_ids = {s.id for s in ws.project.sources}
        base = importing.slug(sym or file.stem)
        sid, n = base, 2
        while sid in taken_ids:
            sid, n = f"{base}-{n}", n + 1
        source = Source(
            id=sid,
            kind=kind.value,
            path=rel,
            symbol=sym,
            title=doc.title or "",
            date=doc.date or "",
            sha256=sha,
            language=language or "",
        )
        ws.project.sources.append(source)
        undo.append(lambda: ws.project.sources.remove(source))

    set_aside: list[str] = []
    if on_list:
        set_aside, put_back = _set_aside(ws, on_list)
        undo.append(put_back)
    try:
        ws.mark_dirty()
        ws.save()
    except BaseException:
        # Nothing half-done: the project in memory is as before, and a copy drafter has just
        # made (a new file) goes again, so a failed save (a full disk) leaves the disk as it was.
        for step in undo:
            step()
        if made:
            with contextlib.suppress(OSError):
                target.unlink()
        raise

    report = ImportReport(
        source_id=source.id,
        kind=kind.value,
        paragraphs=len(doc.paragraphs),
        links=sum(len(p.responds_to) + len(p.responds_to_list_of_issues) for p in doc.paragraphs),
        replaced=replaced,
    )
    if old_copy is not None and old_copy.resolve() != target.resolve():
        report.messages.extend(_drop_old_copy(ws.folder, old_copy, old_sha))
    ws._doc_cache.put(sha, source.kind, source.symbol, doc, source.language)
    ws._doc_cache.sha_of[source.id] = sha
    ws.documents[source.id] = doc
    ws.document_errors.pop(source.id, None)
    ws._invalidate()
    if previous is not None and not replaced:
        report.messages.append("unchanged since the last import")
    report.messages.extend(set_aside)
    report.unplaced = _unplaced(ws, source.id)
    return report


def _drop_old_copy(folder: Path, old_copy: Path, sha256: str) -> list[str]:
    """Delete the earlier copy of a re-imported source, but only if it is drafter's: a regular
    file inside sources/ holding exactly the bytes drafter copied. Anything else is kept."""
    if not (old_copy.exists() or old_copy.is_symlink()):
        return []
    try:
        ours = (
            paths.in_sources(folder, old_copy)
            and old_copy.is_file()
            and not old_copy.is_symlink()
            and importing.sha256_file(old_copy) == sha256
        )
        if ours:
            old_copy.unlink()
            return []
    except OSError:
        pass
    return [f"kept the earlier copy {old_copy} (not drafter's own copy, or changed since)"]


def _paragraph_keys(ws: Workspace) -> set[str]:
    return {f"{sid}:{p.id}" for sid, d in ws.documents.items() for p in d.paragraphs}


def _exists(key: str, keys: set[str]) -> bool:
    """A key to "22(a)" is placed when paragraph 22 exists (sub-items are not paragraphs)."""
    return key in keys or key.split("(", 1)[0] in keys


def _unplaced(ws: Workspace, source_id: str) -> list[str]:
    """What the author wrote that no longer has a place after this import, described."""
    out: list[str] = []
    have_co = current_co(ws.project.sources, ws.documents) is not None
    nowhere = (
        "no such paragraph in the concluding observations"
        if have_co
        else "no paragraph of that number is referred to by the State report"
    )
    now_ids = {p.id for p in ws.co_paragraphs() if p.section != UNPLACED_SECTION}
    new_keys = _paragraph_keys(ws)
    for pid in schema.sorted_entry_ids(ws.project):
        e = ws.project.entries[pid]
        if pid not in now_ids:
            out.append(f"entry {pid}: {nowhere} (kept)")
        for key in (*e.pinned, *e.hidden, *e.evidence):
            if key.startswith(f"{source_id}:") and not _exists(key, new_keys):
                out.append(f"entry {pid}: {key} no longer exists in the source (kept)")
        for c in citations.find_citations(e.commentary):
            if c.source_id == source_id and not _exists(c.key, new_keys):
                out.append(f"entry {pid}: citation {c.token} points nowhere now (kept)")
    return out
