"""Where the data beside the code lives: the folders holding templates, `languages/` and
`committees/`, first wins. Its own small module so that opening a project (which needs the
templates) does not load the language data module."""

from __future__ import annotations

import os
from pathlib import Path


def data_roots() -> list[Path]:
    """$DRAFTER_TEMPLATES (os.pathsep-separated), the repository's `templates/` (editable
    install), the copy bundled in the wheel; only those that exist."""
    roots: list[Path] = []
    env = os.environ.get("DRAFTER_TEMPLATES")
    if env:
        roots.extend(Path(p) for p in env.split(os.pathsep) if p)
    package = Path(__file__).resolve().parent.parent
    roots.append(package.parent / "templates")
    roots.append(package / "_templates")
    return [r for r in roots if r.is_dir()]
