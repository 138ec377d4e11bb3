"""Where drafter may read and write: inside the project folder, and nowhere else.

A project file reaches its author through a coalition's git repository, written by people the
author does not control, so the paths it names are not trusted. This module is the one place
that decides which files drafter touches:

- `named_path`: a path the project file names (a source's `path`, the cover's
  `metadata.logo`, a template folder in `metadata.template`) must be relative, must not climb
  with `..`, and must still be inside the project folder once symbolic links are resolved.
  `check_project` applies it to every such field when the file is loaded (`ProjectStore.load`),
  so the TUI, `import`, `check` and `render` only ever hold paths that passed; `source_file`
  gives the checked path of one source.
- `own_folder`: drafter's own folders (`.drafter/` and the folders in it, `sources/`) are real
  folders, never symbolic links that would carry its writes (and its deletions of old backups)
  somewhere else.
- `report_output`: where `drafter render` may write. Never the project file, never into
  `sources/` or `.drafter/`, never over a source, and only a name ending in `.docx`, so a typo in
  `-o` cannot replace a file the author did not ask drafter to make.

The writes themselves (`store.atomic_write`, `store.atomic_copy`) create their temporary file
exclusively and replace the target's directory entry, so they never write through a link either.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

from drafter.errors import DrafterError, ProjectError
from drafter.project.model import Project, Source

CACHE_DIR = ".drafter"
SOURCES_DIR = "sources"
REPORT_SUFFIXES = (".docx",)

_SEPARATORS = re.compile(r"[\\/]")


class PathRefused(Exception):
    """A path the project file names is refused; the message says why (no file, no field)."""


def named_path(folder: Path, value: str) -> Path:
    """`folder / value` for a path the project file names, or PathRefused.

    Refused: empty, NUL characters, absolute paths (POSIX or Windows, so a file written on one
    system is judged the same on the other), any `..` part, and anything that resolves (symbolic
    links followed) outside the resolved project folder. The path need not exist.
    """
    problem = spelling_problem(value)
    if problem is not None:
        raise PathRefused(problem)
    path = folder / value
    try:
        root = folder.resolve()
        target = path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python 3.11)
        raise PathRefused(f"cannot be resolved ({exc})") from None
    if not target.is_relative_to(root):
        raise PathRefused("is outside the project folder (a symbolic link leads out)")
    return path


def spelling_problem(value: str) -> str | None:
    """What makes a path refused by its spelling alone (no file system needed), or None."""
    if not value:
        return "is empty"
    if "\0" in value:
        return "contains a NUL character"
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).anchor:
        return "is an absolute path; give it relative to the project folder"
    if ".." in _SEPARATORS.split(value):
        return "is outside the project folder ('..')"
    return None


def template_is_path(name: str) -> bool:
    """`metadata.template` names a folder (checked like a source path) rather than an id."""
    return bool(_SEPARATORS.search(name)) or name.startswith(".") or Path(name).is_absolute()


def check_project(project: Project, folder: Path) -> list[tuple[str, str]]:
    """Every path the project file names, checked: (field, problem) for each refused one."""
    problems: list[tuple[str, str]] = []
    for i, source in enumerate(project.sources):
        try:
            named_path(folder, source.path)
        except PathRefused as exc:
            problems.append((f"sources.{i}.path", f"{source.path!r} {exc}"))
    logo = project.metadata.logo
    if logo:
        try:
            named_path(folder, logo)
        except PathRefused as exc:
            problems.append(("metadata.logo", f"{logo!r} {exc}"))
    template = project.metadata.template
    if template and template_is_path(template):
        try:
            named_path(folder, template)
        except PathRefused as exc:
            problems.append(("metadata.template", f"{template!r} {exc}"))
    return problems


def source_file(folder: Path, source: Source) -> Path:
    """The checked path of an imported source's copy (ProjectError if the path is refused)."""
    try:
        return named_path(folder, source.path)
    except PathRefused as exc:
        raise ProjectError(f"source {source.id!r}: path {source.path!r} {exc}") from None


def in_sources(folder: Path, path: Path) -> bool:
    """Whether `path` is inside the project's `sources/` (where drafter keeps its copies)."""
    try:
        return path.resolve().is_relative_to((folder / SOURCES_DIR).resolve())
    except (OSError, RuntimeError):
        return False


def own_folder(folder: Path, *parts: str, create: bool = True) -> Path:
    """One of drafter's own folders (`.drafter`, `.drafter/backups`, `sources` …), made if
    missing; ProjectError if it, or a folder on the way to it, is a symbolic link or a file.

    `create=False` returns the path without making anything (it may not exist).
    OSError from making a folder (read-only file system, permissions) is left to the caller.
    """
    current = folder
    for part in parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            if not create:
                return folder.joinpath(*parts)
            with contextlib.suppress(FileExistsError):  # made meanwhile by another drafter
                os.mkdir(current)
            mode = os.lstat(current).st_mode
        if stat.S_ISLNK(mode):
            raise ProjectError(
                "is a symbolic link; drafter writes here only into a real folder of the project "
                "(remove the link)",
                path=current,
            )
        if not stat.S_ISDIR(mode):
            raise ProjectError("is not a folder; drafter keeps its own files here", path=current)
    return current


def read_own_file(folder: Path, path: Path, limit: int) -> bytes | None:
    """One of drafter's own cache files (in `.drafter/`), or None when it is missing, not a
    plain file (a link a repository carried, to /dev/zero say), or larger than `limit`: a cache
    that cannot be trusted is only rebuilt."""
    try:
        own_folder(folder, *path.parent.relative_to(folder).parts, create=False)
    except (OSError, ValueError, ProjectError):
        return None
    return read_plain_file(path, limit)


def read_plain_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a plain file of at most `limit` bytes, never through a link; else None."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        data = handle.read(limit + 1)
    return data if len(data) <= limit else None


def report_output(
    folder: Path,
    project_file: Path,
    sources: Iterable[Source],
    out: Path,
    suffixes: tuple[str, ...] = REPORT_SUFFIXES,
) -> Path:
    """Where a rendered report may be written; DrafterError naming `out` if it may not.

    Refused: a name not ending in one of `suffixes` (so `-o notes.md` or `-o drafter.toml`
    never replaces a file that is not a report), a folder, the project file, anything inside
    `sources/` or `.drafter/`, and the copy of any source. An earlier report of the same name is
    replaced (atomically: the old one stays until the new one is complete).
    """
    try:
        target = out.resolve()
        root = folder.resolve()
        project = project_file.resolve()
    except (OSError, RuntimeError) as exc:
        raise DrafterError(f"cannot be resolved ({exc})", path=out) from None
    if target == project:
        raise DrafterError("is the project file; write the report elsewhere", path=out)
    for own, holds in ((SOURCES_DIR, "the imported documents"), (CACHE_DIR, "drafter's cache")):
        if target.is_relative_to(root / own):
            raise DrafterError(
                f"is inside the project's {own}/ folder ({holds}); write the report elsewhere",
                path=out,
            )
    for source in sources:
        try:
            source_path = named_path(folder, source.path).resolve()
        except (PathRefused, OSError, RuntimeError):
            continue
        if target == source_path:
            raise DrafterError(
                f"is the copy of the source {source.id!r}; write the report elsewhere", path=out
            )
    if out.is_dir():
        raise DrafterError(f"is a folder; give a {suffixes[0]} file name", path=out)
    if out.suffix.lower() not in suffixes:
        names = " or ".join(suffixes)
        raise DrafterError(
            f"a report is written to a file whose name ends in {names}; drafter does not "
            "replace other files",
            path=out,
        )
    return out
