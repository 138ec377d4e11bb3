"""Setting a git repository up so `drafter.toml` is merged by `drafter merge-file`.

Two halves: `.gitattributes` (`drafter.toml merge=drafter`) is a file, committed and cloned with
the project; the driver's command lives in the repository's `.git/config`, which git never clones,
so every clone runs `drafter git-setup` once. Both steps are idempotent. `driver_missing` lets
`drafter check` say when a clone has the first half and not the second.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import ProjectError
from drafter.project.store import PROJECT_FILE, atomic_write

DRIVER = "drafter"
ATTRIBUTE_LINE = f"{PROJECT_FILE} merge={DRIVER}"
DRIVER_NAME = "drafter project file (merged by paragraph and field)"


@dataclass
class SetupReport:
    repository: Path
    attributes: Path
    changed: list[str] = field(default_factory=list)  # what this run did; [] = already set up
    initialised: bool = False


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise ProjectError(f"cannot run git ({exc.strerror}); is it installed?", folder) from None


def repository_root(folder: Path) -> Path | None:
    """The work tree `folder` is in, or None when it is not in a git repository."""
    if shutil.which("git") is None or not folder.is_dir():
        return None
    out = _git(folder, "rev-parse", "--show-toplevel")
    return Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None


def driver_command() -> str:
    """The command git runs: this drafter, by absolute path, so a merge from a shell where the
    virtual environment is not active still finds it."""
    exe = shutil.which("drafter")
    prog = shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m drafter"
    return f"{prog} merge-file %O %A %B --marker-size %L --path %P"


def setup(folder: Path, init: bool = False) -> SetupReport:
    """Write `.gitattributes` in the project folder and the driver into the repository's config.

    With `init`, a folder that is not in a repository yet becomes one (`git init`)."""
    if not folder.is_dir():
        raise ProjectError("no such folder", folder)
    root = repository_root(folder)
    initialised = False
    if root is None:
        if not init:
            raise ProjectError(
                "not inside a git repository: run `git init` there first (or `drafter new --git`)",
                folder,
            )
        out = _git(folder, "init", "-q")
        if out.returncode != 0:
            raise ProjectError(f"git init failed: {out.stderr.strip()}", folder)
        root = repository_root(folder) or folder
        initialised = True
    report = SetupReport(root, folder / ".gitattributes", initialised=initialised)

    # The attribute sits beside drafter.toml: a pattern without a slash matches that name in this
    # folder and below, and nothing outside the project is touched.
    attrs = report.attributes
    if attrs.is_symlink():
        # Reading through it would copy whatever it points at into a file that gets committed.
        raise ProjectError("is a symbolic link; make it a plain file (or remove it)", attrs)
    try:
        current = attrs.read_text(encoding="utf-8") if attrs.exists() else ""
    except OSError as exc:
        raise ProjectError(f"cannot read: {exc.strerror}", attrs) from None
    if ATTRIBUTE_LINE not in current.splitlines():
        text = current + ("" if not current or current.endswith("\n") else "\n")
        text += "# git merges drafter.toml with `drafter merge-file` (run `drafter git-setup .`)\n"
        text += ATTRIBUTE_LINE + "\n"
        # Replaced, not written through: a .gitattributes that a repository carries as a link
        # must not lead the write outside the project.
        atomic_write(attrs, text.encode("utf-8"))
        report.changed.append(f"wrote {attrs.name}")

    wanted = {
        f"merge.{DRIVER}.name": DRIVER_NAME,
        f"merge.{DRIVER}.driver": driver_command(),
    }
    for key, value in wanted.items():
        have = _git(folder, "config", "--get", key).stdout.strip()
        if have != value:
            out = _git(folder, "config", key, value)
            if out.returncode != 0:
                raise ProjectError(f"git config {key} failed: {out.stderr.strip()}", folder)
            report.changed.append(f"set git config {key}")
    return report


def driver_missing(folder: Path) -> str | None:
    """A warning when the project's `.gitattributes` asks for drafter's merge driver but this
    clone has not configured it (git would then merge line by line), else None."""
    attrs = folder / ".gitattributes"
    try:
        if ATTRIBUTE_LINE not in attrs.read_text(encoding="utf-8").splitlines():
            return None
    except OSError:
        return None
    if repository_root(folder) is None:
        return None
    if _git(folder, "config", "--get", f"merge.{DRIVER}.driver").stdout.strip():
        return None
    return (
        "this clone has not set up drafter's merge driver, so git would merge drafter.toml line "
        f"by line: run `drafter git-setup {folder}` (once per clone)"
    )


def merge_labels() -> tuple[str, str]:
    """How conflict markers name the two sides: the branch names when git is merging (it names
    the other branch in a GITHEAD_<sha> variable), else "ours" and "theirs"."""
    theirs = [v for k, v in os.environ.items() if k.startswith("GITHEAD_") and v]
    if len(theirs) != 1 or shutil.which("git") is None:
        return ("ours", "theirs")
    head = _git(Path.cwd(), "symbolic-ref", "--short", "-q", "HEAD")
    ours = head.stdout.strip() if head.returncode == 0 else ""
    if not ours or ours == theirs[0]:
        return ("ours", theirs[0])
    return (ours, theirs[0])
