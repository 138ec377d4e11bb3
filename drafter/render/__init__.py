"""Render a project: check it, build the report tree, write it as DOCX (and PDF).

    project --drafter.project.check--> the report tree + findings --docx_writer--> report.docx
                                                                  --libreoffice--> report.pdf

`render_docx` is the one entry point (the CLI and the TUI call it). It runs `drafter check`
first: an error stops the render (`NotReadyError` lists them) unless a draft is asked for, which
carries its problems on its first page. python-docx is imported only when a render runs, so
importing this package costs the TUI nothing at start-up.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError, NotReadyError
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
    _refuse(ws, out)
    if pdf is not None:
        pdf = Path(pdf).expanduser()
        _refuse(ws, pdf)
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


def _refuse(ws: Workspace, out: Path) -> None:
    if out.is_dir():
        raise DrafterError("is a folder; give a file name", path=out)
    if not out.parent.is_dir():
        raise DrafterError("no such folder for the output", path=out.parent)
    if out.resolve() == ws.file.resolve():
        raise DrafterError("that is the project file; give another name", path=out)


def _write_atomically(out: Path, write: object) -> None:
    """Write beside the target and rename, so a failed render never leaves half a file. The
    file gets the user's normal permissions (the umask's), not a temporary file's 0600."""
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        os.close(fd)
        write(tmp)  # type: ignore[operator]
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise DrafterError(f"cannot write the report: {exc.strerror or exc}", path=out) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
