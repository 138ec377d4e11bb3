"""Never lose a word: debounced saving off the UI thread, with conflicts asked about.

A keystroke only records the time (`edited()`); a periodic check saves once typing has been
quiet for `Settings.autosave_seconds`. The TOML write runs in a worker thread so typing never
waits for it; every change to the project model goes through `model_lock`, which the saving
thread also holds, so a save never sees a half-made change.

When the file changed on disk, `Workspace.save` raises `ConflictError`; this class keeps a copy
of every entry the author changed since the last good save, so "keep mine" can reload the other
version and put the author's entries back on top of it, and "reload" can keep a backup.
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

if TYPE_CHECKING:
    from drafter.project.model import Entry, FrontMatter, Metadata
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

    def __bool__(self) -> bool:
        return bool(self.entries) or self.metadata is not None or self.front_matter is not None


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

    # --- recording edits -------------------------------------------------------------------

    def edited(self) -> None:
        """A keystroke happened; cheap on purpose."""
        self._last_edit = time.monotonic()
        if not self._typing:
            self._typing = True
            self._set(SaveState.UNSAVED)

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
        self._set(SaveState.UNSAVED)

    def changed_metadata(self) -> None:
        self.pending.metadata = copy.deepcopy(self.ws.project.metadata)
        self._set(SaveState.UNSAVED)

    def changed_front_matter(self) -> None:
        self.pending.front_matter = copy.deepcopy(self.ws.project.front_matter)
        self._set(SaveState.UNSAVED)

    # --- saving ------------------------------------------------------------------------------

    def flush(self) -> None:
        """Copy what is in the editors into the model (UI thread)."""
        for flusher in self.flushers:
            flusher()
        self._typing = False

    def due(self) -> bool:
        if self.ws.read_only or self._saving or self.state is SaveState.CONFLICT:
            return False
        if not (self._typing or self.ws.dirty):
            return False
        return time.monotonic() - self._last_edit >= self.quiet_seconds

    def save_now(self) -> None:
        """Flush and save on the calling (UI) thread: on quit, on a signal, on leaving."""
        if self.ws.read_only or self.state is SaveState.CONFLICT:
            return
        self.flush()
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
        except ConflictError as exc:
            self._report(SaveState.CONFLICT, exc.message)
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

    def keep_mine(self) -> None:
        """Reload the version on disk, put the author's changes back on top, and save."""
        mine = self.pending
        with self.model_lock:
            self.ws.reload()
            for pid, entry in mine.entries.items():
                self.ws.project.entries[pid] = copy.deepcopy(entry)
                self.ws.touch(pid)
            if mine.metadata is not None:
                self.ws.project.metadata = copy.deepcopy(mine.metadata)
            if mine.front_matter is not None:
                self.ws.project.front_matter = copy.deepcopy(mine.front_matter)
        self.state = SaveState.UNSAVED
        self.pending = mine
        self._save()

    def take_theirs(self) -> Path | None:
        """Reload the version on disk; the author's changes go to a Markdown backup file."""
        backup = self.write_backup(self.pending)
        with self.model_lock:
            self.ws.reload()
        self.pending = PendingChanges()
        self._set(SaveState.SAVED, "reloaded")
        return backup

    def write_backup(self, changes: PendingChanges) -> Path | None:
        """A plain Markdown copy of the author's changed entries, beside the project file."""
        if not changes.entries:
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = self.ws.folder / f"drafter-conflict-{stamp}.md"
        lines: list[str] = []
        for pid, e in changes.entries.items():
            lines.append(f"# Paragraph {pid}\n")
            if e.assessment:
                lines.append(f"Assessment: {e.assessment}\n")
            lines.append(e.commentary.rstrip() + "\n")
            lines.extend(f"- Question: {q}" for q in e.questions)
            lines.extend(f"- Recommendation: {r}" for r in e.recommendations)
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def cancel_conflict(self) -> None:
        """Keep editing; saving stays paused until the author decides."""
        self._set(SaveState.CONFLICT, "file changed on disk: save paused (ctrl+s to decide)")


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
