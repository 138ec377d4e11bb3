"""Write a sample project's example commentary through drafter's own project API.

    python scripts/example_entries.py PROJECT EXAMPLES.toml

drafter has no command that sets commentary (authors write it in the TUI), so the sample
projects' build scripts call this instead. It goes through `Workspace`, exactly as the TUI does:
assessments are checked against the template's scale, the lock is taken, and the file is written
by drafter's own store, so the result is what an author typing the same text would produce.

EXAMPLES.toml holds optional `[metadata]` and `[front_matter]` tables (fields as in
docs/project-file.md; `organisations` as an array of tables) and one `[entries."N"]` table per CO
paragraph with `assessment`, `commentary`, `questions`, `recommendations`, `author`.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.project.model import Entry, FrontMatter, Metadata, Organisation
from drafter.project.workspace import Workspace

ENTRY_FIELDS = {"assessment", "commentary", "questions", "recommendations", "author"}


def _assign(target: object, table: dict[str, Any], allowed: set[str], where: str) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise DrafterError(f"{where}.{key}: not a field drafter knows")
        setattr(target, key, value)


def apply(project_dir: Path, examples: Path) -> list[str]:
    """Write the examples into the project; returns the paragraph ids written."""
    data = tomllib.loads(examples.read_text(encoding="utf-8"))
    with Workspace.open(project_dir) as ws:
        meta = dict(data.get("metadata", {}))
        if "organisations" in meta:
            ws.project.metadata.organisations = [
                Organisation(**org) for org in meta.pop("organisations")
            ]
        _assign(ws.project.metadata, meta, {f.name for f in fields(Metadata)}, "metadata")
        _assign(
            ws.project.front_matter,
            data.get("front_matter", {}),
            {f.name for f in fields(FrontMatter)},
            "front_matter",
        )
        ws.mark_dirty()
        scale = {level.id for level in ws.template.scale}
        known = {p.id for p in ws.co_paragraphs()}
        written = []
        for pid, table in data.get("entries", {}).items():
            if pid not in known:
                raise DrafterError(f"entries.{pid}: the project has no CO paragraph {pid}")
            if table.get("assessment", "") not in scale | {""}:
                raise DrafterError(f"entries.{pid}.assessment: not on the template's scale")
            entry: Entry = ws.entry(pid)
            _assign(entry, table, ENTRY_FIELDS, f"entries.{pid}")
            ws.touch(pid)
            written.append(pid)
        ws.save()
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    project_dir, examples = map(Path, argv)
    try:
        written = apply(project_dir, examples)
    except DrafterError as exc:
        print(f"example_entries: {examples}: {exc.one_line()}", file=sys.stderr)
        return 2
    print(f"Wrote example entries for paragraphs {', '.join(written)} into {project_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
