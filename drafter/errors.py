"""One error type for everything a user can get wrong.

A `DrafterError` names the file and the place; the CLI prints it as one line and exits 2, the TUI
shows it in a modal. Nothing leaks a traceback to the user.
"""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """A problem the user can act on: which file, where in it, and what is wrong."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        where: str | None = None,
        title: str = "Error",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.where = where
        self.title = title

    def one_line(self) -> str:
        """`path: where: message`, the form compilers use, so editors can jump to it."""
        parts = [p for p in (self.path, self.where) if p]
        parts.append(self.message)
        return ": ".join(parts)

    def __str__(self) -> str:
        return self.one_line()


class ReadError(DrafterError):
    """A source document cannot be read (missing, empty, corrupt, encrypted, image-only …)."""


class ProjectError(DrafterError):
    """The project folder or file is missing or invalid."""


class LockedError(ProjectError):
    """Another drafter process holds the project's lock."""


class NotWritableError(ProjectError):
    """The project folder cannot be written (a read-only file system, no permission): it can
    still be opened read-only."""


class ConflictError(ProjectError):
    """The project file changed on disk since it was loaded; saving would overwrite it."""


class TemplateError(DrafterError):
    """A template folder is missing or its template.toml is invalid."""


class NotReadyError(DrafterError):
    """The report has problems that must be fixed before it is sent (`drafter check` lists
    them); rendering stops unless a draft is asked for."""

    exit_code = 1

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message, title="Not ready to send")
        self.problems = problems
