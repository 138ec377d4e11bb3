"""The project's write lock: one drafter process writes a project at a time.

An advisory lock on `.drafter/lock`, held through an open file: the operating system releases it
when the process ends, however it ends (a crash, kill -9), so a lock is never left behind for
the author to remove. `flock` on POSIX, msvcrt's byte lock on Windows: the standard library's
own calls, which is all drafter needs of a lock (one holder, never waiting), and opening a
project does not pay for a locking package (the one used before took 8 ms of every start-up).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class Held(Exception):
    """Another process (or another open of the same project) holds the lock."""


class ProjectLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock now or raise `Held`; OSError when the lock file cannot be opened (a
        read-only folder). A link in the lock file's place is not followed."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self.path, flags, 0o644)
        try:
            _lock(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError as exc:  # EACCES: locked by another
            raise Held from exc

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:  # EWOULDBLOCK: locked by another
            raise Held from exc

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
