"""Never lose a word: debounced saving off the UI thread, with conflicts asked about.

A keystroke only records the time (`edited()`); a periodic check saves once typing has been
quiet for `Settings.autosave_seconds`. The TOML write runs in a worker thread so typing never
waits for it; every change to the project model goes through `model_lock`, which the saving
thread also holds, so a save never sees a half-made change.

When the file changed on disk, `Workspace.save` raises `ConflictError`; this class keeps a copy
of every entry the author changed since the last good save, so "keep mine" can reload the other
version and put the author's entries back on top of it, and "reload" can keep a backup. From the
moment a save is refused, and again whenever the author types on, what they wrote since the
last good save is also written to a recovery file (Markdown, beside drafter.toml) whose name the
app shows: whatever the disk holds and however the app ends, the words are somewhere.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import ConflictError, DrafterError
from drafter.project.paths import CACHE_DIR, own_folder
from drafter.project.store import atomic_write

if TYPE_CHECKING:
    from drafter.project.model import Entry, FrontMatter, Metadata, ReviewNote
    from drafter.project.workspace import Workspace


class SaveState(StrEnum):
    SAVED = "saved"
    UNSAVED = "unsaved"
    SAVING = "saving"
    CONFLICT = "conflict"
    FAILED = "failed"
    READ_ONLY = "read-only"


@dataclass
class PendingChanges:
    """What the author changed since the last good save, kept to survive a conflict."""

    entries: dict[str, Entry] = field(default_factory=dict)
    metadata: Metadata | None = None
    front_matter: FrontMatter | None = None
    review: dict[str, ReviewNote] = field(default_factory=dict)  # notes answered, resolved …

    def __bool__(self) -> bool:
        return (
            bool(self.entries)
            or self.metadata is not None
            or self.front_matter is not None
            or bool(self.review)
        )


class Autosave:
    def __init__(
        self,
        ws: Workspace,
        quiet_seconds: float,
        on_state: Callable[[SaveState, str], None],
        author: str = "",
    ) -> None:
        self.ws = ws
        self.author = author  # signs entries nobody has signed yet (coalitions split the work)
        self.quiet_seconds = quiet_seconds
        self.on_state = on_state  # called on the UI thread
        self.model_lock = threading.RLock()
        self.state = SaveState.READ_ONLY if ws.read_only else SaveState.SAVED
        self.detail = ""
        self.pending = PendingChanges()
        self._last_edit = 0.0
        self._typing = False  # text typed but not yet copied into the model
        self._saving = False
        # Flushers copy widget state (the commentary text) into the model before a save.
        self.flushers: list[Callable[[], None]] = []
        self.recovery: Path | None = None  # where the unsaved words are, during a conflict
        self.unwritten = ""  # the recovery text when no file could be written at all

    # --- recording edits -------------------------------------------------------------------

    def edited(self) -> None:
        """A keystroke happened; cheap on purpose."""
        self._last_edit = time.monotonic()
        if not self._typing:
            self._typing = True
            self._mark_unsaved()

    def changed_entry(self, paragraph_id: str) -> None:
        """The model entry changed (under `model_lock`): remember it, mark it edited."""
        if self.ws.read_only:
            return
        entry = self.ws.entry(paragraph_id)
        if self.author and not entry.author:
            entry.author = self.author
        self.ws.touch(paragraph_id)
        self.pending.entries[paragraph_id] = copy.deepcopy(self.ws.entry(paragraph_id))
        self._last_edit = time.monotonic()
        self._mark_unsaved()

    def changed_metadata(self) -> None:
        self.pending.metadata = copy.deepcopy(self.ws.project.metadata)
        self.ws.mark_dirty()
        self._mark_unsaved()

    def changed_front_matter(self) -> None:
        self.pending.front_matter = copy.deepcopy(self.ws.project.front_matter)
        self.ws.mark_dirty()
        self._mark_unsaved()

    def changed_review(self, note: ReviewNote) -> None:
        """A review note was answered, resolved, reopened, accepted, rejected or placed."""
        self.pending.review[note.id] = copy.deepcopy(note)
        self.ws.mark_dirty()
        self._last_edit = time.monotonic()
        self._mark_unsaved()

    def _mark_unsaved(self) -> None:
        # A conflict stays a conflict until the author decides: typing on does not hide it.
        if self.state is not SaveState.CONFLICT:
            self._set(SaveState.UNSAVED)

    # --- saving ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Copy what is in the editors into the model (UI thread)."""
        for flusher in self.flushers:
            flusher()
        self._typing = False

    def due(self) -> bool:
        if self.ws.read_only or self._saving:
            return False
        if not (self._typing or self.ws.dirty):
            return False
        return time.monotonic() - self._last_edit >= self.quiet_seconds

    def has_unsaved(self) -> bool:
        """Anything typed or changed that is not in the file yet."""
        return self._typing or self.ws.dirty or bool(self.pending)

    def save_now(self) -> None:
        """Flush and save on the calling (UI) thread: on quit, on a signal, on leaving."""
        if self.ws.read_only:
            return
        self.flush()
        if self.state is SaveState.CONFLICT:
            self.write_recovery()  # saving waits for the author's choice; the words do not
            return
        if not self.ws.dirty:
            if self.state is not SaveState.SAVED:
                self._set(SaveState.SAVED)
            return
        self._save()

    def save_in_background(self) -> Callable[[], None] | None:
        """Flush on the UI thread and return the work to run in a thread (or None)."""
        if self._saving:
            return None
        self.flush()
        if self.state is SaveState.CONFLICT:
            self.write_recovery()
            return None
        if not self.ws.dirty:
            self._set(SaveState.SAVED)
            return None
        self._saving = True
        self._set(SaveState.SAVING)
        return self._save

    def _save(self) -> None:
        try:
            with self.model_lock:
                self.ws.save()
                self.pending = PendingChanges()
        except ConflictError:
            with self.model_lock:
                self.write_recovery()
            self._report(SaveState.CONFLICT, self.conflict_detail())
        except DrafterError as exc:
            self._report(SaveState.FAILED, exc.one_line())
        except OSError as exc:
            self._report(SaveState.FAILED, str(exc))
        else:
            self._report(SaveState.SAVED, datetime.now().strftime("%H:%M:%S"))
        finally:
            self._saving = False

    def _report(self, state: SaveState, detail: str) -> None:
        self.state = state
        self.detail = detail
        self.on_state(state, detail)

    def _set(self, state: SaveState, detail: str = "") -> None:
        if state is self.state and detail == self.detail:
            return
        self.state = state
        self.detail = detail
        self.on_state(state, detail)

    # --- conflicts -----------------------------------------------------------------------------

    def conflict_detail(self) -> str:
        where = f"; your text is in {self.recovery.name}" if self.recovery else ""
        return f"drafter.toml changed on disk: saving paused (ctrl+s decides){where}"

    def keep_mine(self) -> str:
        """Reload the version on disk, put the author's changes back on top, and save.

        A file on disk that cannot be read (a `git pull` left conflict markers in it) cannot be
        merged with: the author's whole version is written over it, and the file that was there
        is kept in `.drafter/backups/`. Returns what happened, in words.
        """
        mine = self.pending
        with self.model_lock:
            try:
                self.ws.reload()
            except DrafterError as exc:
                kept = self.ws.copy_of_disk("unreadable")
                self.ws.save(force=True)
                self.pending = PendingChanges()
                self.recovery = None
                self._report(SaveState.SAVED, datetime.now().strftime("%H:%M:%S"))
                where = f" kept as {kept}" if kept else " not kept (it could not be copied)"
                return (
                    f"The file on disk could not be read ({exc.message}); your version is saved "
                    f"over it, and the file that was there is{where}"
                )
            for pid, entry in mine.entries.items():
                self.ws.project.entries[pid] = copy.deepcopy(entry)
                self.ws.touch(pid)
            if mine.metadata is not None:
                self.ws.project.metadata = copy.deepcopy(mine.metadata)
            if mine.front_matter is not None:
                self.ws.project.front_matter = copy.deepcopy(mine.front_matter)
            notes = self.ws.project.review
            for note_id, note in mine.review.items():
                at = next((i for i, n in enumerate(notes) if n.id == note_id), None)
                if at is None:
                    notes.append(copy.deepcopy(note))
                else:
                    notes[at] = copy.deepcopy(note)
            self.ws.mark_dirty()
        self.state = SaveState.UNSAVED
        self.pending = mine
        self._save()
        if self.state is not SaveState.SAVED:
            raise DrafterError(f"not saved: {self.detail}", path=self.ws.file)
        self.recovery = None
        return "Your version is saved; the other changes to other paragraphs are kept"

    def take_theirs(self) -> Path | None:
        """Reload the version on disk; the author's changes stay in the recovery file."""
        backup = self.write_recovery()
        with self.model_lock:
            self.ws.reload()  # raises when the file on disk cannot be read: nothing changes
        self.pending = PendingChanges()
        self.recovery = None
        self._typing = False
        self._set(SaveState.SAVED, "reloaded")
        return backup

    def write_recovery(self) -> Path | None:
        """Write what the author changed since the last good save to the recovery file (the same
        file for the whole conflict), beside drafter.toml or, failing that, in .drafter/.
        Returns its path, or None when there is nothing to keep or nowhere to write."""
        text = recovery_text(self.pending)
        if not text:
            return self.recovery
        if self.recovery is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            name = f"drafter-recovery-{stamp}.md"
            candidates = [self.ws.folder / name, self.ws.folder / ".drafter" / name]
        else:
            candidates = [self.recovery]
        for path in candidates:
            try:
                if path.parent != self.ws.folder:
                    own_folder(self.ws.folder, CACHE_DIR)  # never a link leading elsewhere
                if path != self.recovery and (path.exists() or path.is_symlink()):
                    continue  # never over a file drafter did not write, nor through a link
                atomic_write(path, text.encode("utf-8"))  # replaces, never writes through
            except (OSError, DrafterError):
                continue
            self.recovery = path
            return path
        self.unwritten = text  # the app prints it on the terminal when it leaves
        return None

    # kept for callers of the earlier name
    def write_backup(self, changes: PendingChanges) -> Path | None:
        return self.write_recovery()

    def cancel_conflict(self) -> None:
        """Keep editing; saving stays paused until the author decides."""
        self._set(SaveState.CONFLICT, self.conflict_detail())


def recovery_text(changes: PendingChanges) -> str:
    """The author's changes as Markdown a person can read and paste back."""
    lines: list[str] = []
    for pid, e in changes.entries.items():
        lines.append(f"# Paragraph {pid}\n")
        if e.assessment:
            lines.append(f"Assessment: {e.assessment}\n")
        if e.commentary.strip():
            lines.append(e.commentary.rstrip() + "\n")
        lines.extend(f"- Question: {q}" for q in e.questions)
        lines.extend(f"- Recommendation: {r}" for r in e.recommendations)
        lines.append("")
    if changes.front_matter is not None:
        fm = changes.front_matter
        for name in ("executive_summary", "about", "methodology", "annexes"):
            value = getattr(fm, name)
            if value.strip():
                lines.extend([f"# Front matter: {name.replace('_', ' ')}\n", value.rstrip(), ""])
    for note in changes.review.values():
        where = f"paragraph {note.paragraph}" if note.paragraph else "no paragraph"
        lines.append(f"# Review note {note.id} ({where}): {note.status}\n")
        if note.answer.strip():
            lines.extend([f"Answer: {note.answer.rstrip()}", ""])
    if changes.metadata is not None:
        md = changes.metadata
        lines.append("# Metadata\n")
        for name in ("title", "committee", "state", "session", "deadline", "language"):
            value = getattr(md, name)
            if value:
                lines.append(f"- {name}: {value}")
        lines.append("")
    return "\n".join(lines)


def word_count(text: str) -> int:
    return len(text.split())


def describe(state: SaveState, detail: str) -> str:
    """The footer's words for a save state: never colour alone."""
    match state:
        case SaveState.SAVED:
            return f"Saved {detail}".strip()
        case SaveState.UNSAVED:
            return "Unsaved changes"
        case SaveState.SAVING:
            return "Saving…"
        case SaveState.CONFLICT:
            return f"NOT SAVED: {detail}"
        case SaveState.FAILED:
            return f"NOT SAVED: {detail}"
        case SaveState.READ_ONLY:
            return "Read-only: nothing is saved"
    return ""
