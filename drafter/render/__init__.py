"""Render a project: check it, build the report tree, write it as DOCX (and PDF).

    project --drafter.project.check--> the report tree + findings --docx_writer--> report.docx
                                                                  --libreoffice--> report.pdf

`render_docx` is the one entry point (the CLI and the TUI call it). It runs `drafter check`
first: an error stops the render (`NotReadyError` lists them) unless a draft is asked for, which
carries its problems on its first page. python-docx is imported only when a render runs, so
importing this package costs the TUI nothing at start-up.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from drafter.errors import DrafterError, NotReadyError
from drafter.project.paths import report_output
from drafter.project.store import atomic_write
from drafter.render.result import RenderReport

if TYPE_CHECKING:
    from drafter.project.template import Template
    from drafter.project.workspace import Workspace

__all__ = ["NotReadyError", "RenderReport", "render_docx"]


def render_docx(
    ws: Workspace,
    out: Path,
    template: Template | str | None = None,
    *,
    draft: bool = False,
    pdf: Path | None = None,
    review: bool = False,
) -> RenderReport:
    """Write the project's report to `out` (a .docx), and to `pdf` through LibreOffice if
    given; `template` (or its id) overrides the project's. A `review` copy carries the open
    review notes as Word comments and says on every page that it is a draft for review; only
    a review copy has comments."""
    from drafter.project.check import check

    out = Path(out).expanduser()
    _refuse(ws, out, ".docx")
    if pdf is not None:
        pdf = Path(pdf).expanduser()
        _refuse(ws, pdf, ".pdf")
    result = check(ws, template, draft=draft)
    if result.errors and not draft:
        n = len(result.errors)
        raise NotReadyError(
            f"not rendered: {n} problem{'s' if n > 1 else ''} to fix first "
            f"(or render a draft with --draft): {result.errors[0].message}",
            [p.message for p in result.errors],
        )
    assert result.built is not None
    comments = 0
    if review:
        from drafter.project.report.comments import add_review_comments

        comments = add_review_comments(result.built.report, ws.project, result.built.template)
    from drafter.render.docx_writer import DocxWriter

    writer = DocxWriter(result.built.report, reference=result.built.template.reference_docx)
    _write_atomically(out, writer.write)
    report = RenderReport(
        output=out,
        check=result,
        warnings=writer.warnings,
        draft=draft,
        review=review,
        comments=comments,
    )
    if pdf is not None:
        from drafter.render.libreoffice import convert_to_pdf

        convert_to_pdf(out, pdf)
        report.pdf = pdf
    return report


def _refuse(ws: Workspace, out: Path, suffix: str) -> None:
    """Where a report may not go (`project.paths.report_output`): the project file, sources/,
    .drafter/, a source's copy, a folder, or a name not ending in `suffix`."""
    report_output(ws.folder, ws.file, ws.project.sources, out, (suffix,))
    if not out.parent.is_dir():
        raise DrafterError("no such folder for the output", path=out.parent)


def _write_atomically(out: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Build the whole file in memory, then write it beside the target and rename (the store's
    `atomic_write`): a failed render (a full disk) keeps the earlier report, leaves no partial
    or temporary file and no noise from a half-written ZIP, and the report gets the user's
    normal permissions."""
    buffer = io.BytesIO()
    write(buffer)
    atomic_write(out, buffer.getvalue())
