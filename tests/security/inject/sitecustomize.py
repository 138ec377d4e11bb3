"""Fault injection for the security tests, where a read-only mount cannot be made (a container
without the right to mount): imported by the real `drafter` process at start-up when this folder
is on PYTHONPATH, it makes every write under $DRAFTER_TEST_READ_ONLY fail with EROFS, as a
read-only file system would. Reads are untouched.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from typing import Any

_ROOT = os.environ.get("DRAFTER_TEST_READ_ONLY")


def _inside(path: Any) -> bool:
    if isinstance(path, int) or _ROOT is None:
        return False
    try:
        name = os.path.realpath(os.path.abspath(os.fsdecode(path)))
    except (TypeError, ValueError):
        return False
    root = os.path.realpath(_ROOT)
    return name == root or name.startswith(root + os.sep)


def _refuse(path: Any) -> None:
    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))


def _install() -> None:
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    real_open = os.open

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and _inside(path):
            _refuse(path)
        return real_open(path, flags, *args, **kwargs)

    os.open = os_open

    def guard_one(name: str) -> None:
        real = getattr(os, name)

        def guarded(path: Any, *args: Any, **kwargs: Any) -> Any:
            if _inside(path):
                _refuse(path)
            return real(path, *args, **kwargs)

        setattr(os, name, guarded)

    for name in ("mkdir", "unlink", "remove", "rmdir", "chmod", "utime"):
        guard_one(name)

    def guard_two(name: str) -> None:
        real = getattr(os, name)

        def guarded(src: Any, dst: Any, *args: Any, **kwargs: Any) -> Any:
            for path in (src, dst) if name != "symlink" else (dst,):
                if _inside(path) and (name != "link" or path is dst):
                    _refuse(path)
            return real(src, dst, *args, **kwargs)

        setattr(os, name, guarded)

    for name in ("replace", "rename", "link", "symlink"):
        guard_two(name)

    real_io_open = io.open

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(c in mode for c in "wax+") and _inside(file):
            _refuse(file)
        return real_io_open(file, mode, *args, **kwargs)

    builtins.open = open_
    io.open = open_


if _ROOT:
    _install()
