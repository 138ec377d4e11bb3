"""Render: template, output path and a draft toggle; what `drafter check` finds, listed before
anything is rendered; then the render's own summary.

`drafter.render` is imported as any module is (import-linter sees tui -> render, which the
layers allow): it loads python-docx only when a render runs, and this screen is imported only
when the author opens it, so the TUI's start-up does not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, LoadingIndicator, Static

from drafter.errors import DrafterError, NotReadyError
from drafter.render import render_docx
from drafter.tui.screens.base import DrafterModal

if TYPE_CHECKING:
    from drafter.project.check import CheckReport


def default_output(folder: Path, title: str) -> Path:
    stem = "".join(c if c.isalnum() else "-" for c in (title or folder.name).lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return folder / f"{stem or 'report'}.docx"


def check_lines(report: CheckReport) -> list[str]:
    """The findings of `drafter check`: each problem, errors first (on a small terminal the
    first lines are those in view), then the words against the limit."""
    lines = []
    for p in sorted(report.problems, key=lambda p: p.severity != "error"):
        where = f" (¶ {p.paragraph})" if p.paragraph else ""
        lines.append(f"{p.severity.upper()}: {p.message}{where}")
    limit = f" of {report.limit:,}" if report.limit else " (no published limit)"
    return [*lines, f"Words: {report.total:,}{limit}"]


def verdict(report: CheckReport, draft: bool) -> str:
    """What pressing Render will do, in one line."""
    n = len(report.errors)
    if not n:
        return "Ready to submit: nothing stops the render."
    errors = f"{n} error{'s' if n > 1 else ''}"
    if draft:
        return f"Draft: {errors} will be marked in the document and listed on its first page."
    stop = "stops" if n == 1 else "stop"
    return f"{errors} {stop} the render: fix them, or tick Draft (f3) to render with them marked."


class RenderScreen(DrafterModal[None]):
    PALETTE_NAME = "render"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+s", "render", "Render"),
        Binding("f3", "toggle_draft", "Draft on/off"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.checked: CheckReport | None = None  # the last check, for the verdict line
        self._findings_lines: list[str] = []

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
            # What a draft is (errors listed on its first page, every page marked) the
            # verdict line says; the label stays short enough for 80 columns.
            yield Checkbox("Draft (f3): render even with errors, marked in it", id="render-draft")
            yield LoadingIndicator(id="render-progress")
            # What pressing Render will do, and what the last render did, stay in view; only
            # the findings below them scroll (on a small terminal, a long list).
            yield Static("Checking the report …", id="render-verdict", markup=False)
            yield Static("", id="render-result", markup=False)
            with VerticalScroll(id="render-result-box"):
                yield Static("", id="render-findings", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Render (ctrl+s)", id="render-go", variant="primary")
                yield Button("Close (esc)", id="render-close")

    def on_mount(self) -> None:
        self.query_one("#render-progress").display = False
        self.query_one("#render-result").display = False
        self._check(self._template())

    def _template(self) -> str | None:
        return self.query_one("#render-template", Input).value.strip() or None

    def _draft(self) -> bool:
        return self.query_one("#render-draft", Checkbox).value

    # --- the check, before rendering ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="render-check")
    def _check(self, template: str | None) -> None:
        from drafter.project.check import check

        app = self.drafter
        try:
            with app.autosave.model_lock:
                report = check(app.ws, template)
        except (DrafterError, OSError) as exc:
            text = exc.one_line() if isinstance(exc, DrafterError) else str(exc)
            app.call_from_thread(self._show_findings, None, [f"Cannot check: {text}"])
            return
        app.call_from_thread(self._show_findings, report, check_lines(report))

    def _show_findings(self, report: CheckReport | None, lines: list[str]) -> None:
        self.checked = report
        self._findings_lines = lines
        self._update_findings()

    def _update_findings(self) -> None:
        said = verdict(self.checked, self._draft()) if self.checked is not None else ""
        self.query_one("#render-verdict", Static).update(said)
        self.query_one("#render-findings", Static).update("\n".join(self._findings_lines))

    @on(Input.Submitted, "#render-template")
    def _template_chosen(self) -> None:
        self.query_one("#render-verdict", Static).update("Checking the report …")
        self._check(self._template())

    @on(Checkbox.Changed, "#render-draft")
    def _draft_changed(self) -> None:
        if self.checked is not None:
            self._update_findings()

    def action_toggle_draft(self) -> None:
        box = self.query_one("#render-draft", Checkbox)
        box.value = not box.value

    # --- rendering ------------------------------------------------------------------------------

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
        self.query_one("#render-progress").display = True
        self._show_result([f"Rendering {out.name} …"])
        self.drafter.autosave.save_now()
        self._render_report(out, self._template(), self._draft())

    @work(thread=True, exclusive=True, group="render")
    def _render_report(self, out: Path, template: str | None, draft: bool) -> None:
        app = self.drafter
        lines: list[str] = []
        report: CheckReport | None = None
        try:
            with app.autosave.model_lock:
                rendered = render_docx(app.ws, out, template=template, draft=draft)
            # The render ran `drafter check`: its findings go to the list below, so the summary
            # keeps only what the list does not say (the words' parts, the render's warnings).
            findings = {f"  {p.severity}: {p.message}" for p in rendered.check.problems}
            lines.extend(line for line in rendered.lines() if line not in findings)
            report = rendered.check
        except NotReadyError as exc:
            # The errors are the check's: the list below shows them (checked again here).
            n = len(exc.problems)
            lines = [
                f"Not rendered: {n} error{'s' if n > 1 else ''} to fix first (listed below), "
                "or tick Draft (f3)"
            ]
            app.call_from_thread(self._check, template)
        except DrafterError as exc:
            lines = [f"Not rendered: {exc.one_line()}"]
        except OSError as exc:
            lines = [f"Not rendered: {exc}"]
        app.call_from_thread(self._done, lines, report)

    def _show_result(self, lines: list[str]) -> None:
        result = self.query_one("#render-result", Static)
        result.update("\n".join(lines))
        result.display = bool(lines)

    def _done(self, lines: list[str], report: CheckReport | None) -> None:
        self.query_one("#render-progress").display = False
        self._show_result(lines)
        if report is not None:
            # What the render checked is the newest check: the list above says the same.
            self._show_findings(report, check_lines(report))
