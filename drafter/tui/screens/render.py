"""Render: template, output path, progress, then the word counts and warnings of the check.

The renderer (python-docx, markdown-it) is imported only here, when the author renders, so the
TUI starts fast.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, LoadingIndicator, Static

from drafter.errors import DrafterError, NotReadyError
from drafter.tui.screens.base import DrafterModal


def default_output(folder: Path, title: str) -> Path:
    stem = "".join(c if c.isalnum() else "-" for c in (title or folder.name).lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return folder / f"{stem or 'report'}.docx"


def describe_report(report: Any) -> list[str]:
    """The renderer's own summary (counts, warnings), as lines."""
    lines = getattr(report, "lines", None)
    if callable(lines):
        return [str(x) for x in lines()]
    return [f"Warning: {w}" for w in getattr(report, "warnings", []) or []]


def run_check(ws: Any) -> list[str]:
    """The findings of `drafter check`: words against the limit, then each problem."""
    from drafter.project.check import check

    report = check(ws)
    limit = f" of {report.limit:,}" if report.limit else " (no published limit)"
    lines = ["", f"Check: words: {report.total:,}{limit}"]
    for p in report.problems:
        where = f" (¶ {p.paragraph})" if p.paragraph else ""
        lines.append(f"{p.severity.upper()}: {p.message}{where}")
    verdict = "ready to submit" if report.submittable else "NOT ready to submit"
    lines.append(f"Check: {verdict}")
    return lines


class RenderScreen(DrafterModal[None]):
    PALETTE_NAME = "render"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "render", "Render"),
    ]

    def compose(self) -> ComposeResult:
        ws = self.drafter.ws
        out = default_output(ws.folder, ws.project.metadata.title)
        with Vertical(classes="dialog -wide", id="render"):
            yield Static("Render the report (DOCX)", classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Template", classes="form-label")
                yield Input(
                    "", placeholder=f"{ws.template.id} (the project's)", id="render-template"
                )
            with Horizontal(classes="form-row"):
                yield Label("Output", classes="form-label")
                yield Input(str(out), id="render-output")
            yield LoadingIndicator(id="render-progress")
            with VerticalScroll(id="render-result-box"):
                yield Static("", id="render-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Render (ctrl+s)", id="render-go", variant="primary")
                yield Button("Close (esc)", id="render-close")

    def on_mount(self) -> None:
        self.query_one("#render-progress").display = False

    @on(Button.Pressed, "#render-go")
    def _go(self) -> None:
        self.action_render()

    @on(Button.Pressed, "#render-close")
    def _close(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_render(self) -> None:
        out = Path(self.query_one("#render-output", Input).value.strip()).expanduser()
        template = self.query_one("#render-template", Input).value.strip() or None
        self.query_one("#render-progress").display = True
        self.query_one("#render-result", Static).update(f"Rendering {out.name} …")
        self.drafter.autosave.save_now()
        self._render_report(out, template)

    @work(thread=True, exclusive=True, group="render")
    def _render_report(self, out: Path, template: str | None) -> None:
        app = self.drafter
        lines: list[str] = []
        try:
            render = importlib.import_module("drafter.render")
            render_docx = getattr(render, "render_docx", None)
            if render_docx is None:
                raise DrafterError("this drafter has no DOCX renderer installed")
            with app.autosave.model_lock:
                report = render_docx(app.ws, out, template=template)
            # The render ran `drafter check`: its words and findings are in the report's lines.
            lines.extend(describe_report(report))
        except NotReadyError as exc:
            lines = [f"Not rendered: {len(exc.problems)} problems to fix first"]
            with app.autosave.model_lock:
                lines.extend(run_check(app.ws))
        except DrafterError as exc:
            lines = [f"Not rendered: {exc.one_line()}"]
        except (OSError, ImportError) as exc:
            lines = [f"Not rendered: {exc}"]
        app.call_from_thread(self._done, lines)

    def _done(self, lines: list[str]) -> None:
        self.query_one("#render-progress").display = False
        self.query_one("#render-result", Static).update("\n".join(lines))
