"""Templates are data: a folder under `templates/` with a `template.toml` (and maybe a
`reference.docx`). This module reads and validates them; it knows nothing of DOCX.

See templates/README.md for the format a maintainer writes.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from drafter.errors import TemplateError


@dataclass
class AssessmentLevel:
    """One grade on the template's scale; `key` is the number key that picks it in the TUI."""

    id: str  # "partially-satisfactory"
    label: str  # "Partially satisfactory"
    colour: str = "FFFFFF"  # cell shading in the summary table, hex RRGGBB
    description: str = ""


@dataclass
class WordLimit:
    words: int = 0  # 0: the committee publishes no limit (see `source`)
    counts: str = "body"  # "body" (excludes annexes and footnotes) or "all"
    source: str = ""  # where the number comes from, or "not found"


@dataclass
class Template:
    id: str
    name: str
    committee: str
    treaty: str = ""
    submission_type: str = "alternative-report"  # alternative-report, follow-up, list-of-issues
    language: str = "en"
    report_label: str = "Alternative report"
    only_follow_up: bool = False  # follow-up submissions cover the follow-up paragraphs only
    questions_first: bool = False  # list-of-issues submissions lead with questions
    scale: list[AssessmentLevel] = field(default_factory=list)
    word_limit: WordLimit = field(default_factory=WordLimit)
    deadline_rule: str = ""
    deadline_days_before_session: int = 0
    sections: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    boilerplate: dict[str, str] = field(default_factory=dict)
    citation: dict[str, str] = field(default_factory=dict)
    numbering: dict[str, str] = field(default_factory=dict)
    folder: str = ""  # filled in by the loader

    def level(self, assessment_id: str) -> AssessmentLevel | None:
        for lv in self.scale:
            if lv.id == assessment_id:
                return lv
        return None

    @property
    def reference_docx(self) -> Path | None:
        p = Path(self.folder) / "reference.docx"
        return p if p.is_file() else None


def template_roots() -> list[Path]:
    """Where templates are looked for, first wins: $DRAFTER_TEMPLATES (os.pathsep-separated),
    the repository's `templates/` (editable install), the copy bundled in the wheel."""
    roots: list[Path] = []
    env = os.environ.get("DRAFTER_TEMPLATES")
    if env:
        roots.extend(Path(p) for p in env.split(os.pathsep) if p)
    here = Path(__file__).resolve().parent.parent
    roots.append(here.parent / "templates")
    roots.append(here / "_templates")
    return [r for r in roots if r.is_dir()]


def load_template(folder: Path) -> Template:
    """Read and validate `folder/template.toml`; errors name the file, line or field."""
    path = folder / "template.toml"
    if not path.is_file():
        raise TemplateError("no template.toml in this folder", path=folder)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"not valid TOML: {exc}", path=path) from exc
    try:
        tpl = msgspec.convert(raw, Template, strict=True)
    except msgspec.ValidationError as exc:
        raise TemplateError(str(exc).replace("$.", ""), path=path) from exc
    tpl.folder = str(folder)
    return tpl


def available_templates() -> dict[str, Path]:
    """Template id (folder name) -> folder, over every root."""
    found: dict[str, Path] = {}
    for root in template_roots():
        for d in sorted(root.iterdir()):
            if (d / "template.toml").is_file() and d.name not in found:
                found[d.name] = d
    return found


def find_template(name: str) -> Template:
    """By id or by path to a template folder."""
    as_path = Path(name)
    if as_path.is_dir():
        return load_template(as_path)
    folders = available_templates()
    if name not in folders:
        known = ", ".join(sorted(folders)) or "none"
        raise TemplateError(f"no template named {name!r} (available: {known})")
    return load_template(folders[name])
