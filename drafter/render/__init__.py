"""Render a project to DOCX: Markdown -> blocks -> WordprocessingML (python-docx and its oxml).

`render_docx` is the one entry point (the CLI and the TUI call it). python-docx and markdown-it
are imported only when it runs, so importing this package costs the TUI nothing at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.render.result import RenderReport, WordCounts

if TYPE_CHECKING:
    from drafter.project.template import Template
    from drafter.project.workspace import Workspace

__all__ = ["RenderReport", "WordCounts", "render_docx"]


def render_docx(ws: Workspace, out: Path, template: Template | str | None = None) -> RenderReport:
    """Write the project's report to `out`; `template` (or its id) overrides the project's."""
    from drafter.render.report import render_workspace

    return render_workspace(ws, Path(out), template)
