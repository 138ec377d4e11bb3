"""CLI commands: open (the TUI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from drafter.errors import DrafterError


def terminal_problem() -> str | None:
    """Why the TUI cannot run here, or None. Without a terminal on both ends (a pipe, a cron
    job, an editor's "run" button) or with TERM=dumb, a full-screen app would spin drawing to
    nobody; better to stop at once and say so."""
    if not sys.stdin.isatty():
        return "standard input is not a terminal"
    if not sys.stdout.isatty():
        return "standard output is not a terminal"
    if os.environ.get("TERM", "") == "dumb":
        return "TERM is 'dumb'"
    return None


@click.command("open")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", metavar="N", help="Start at this CO paragraph.")
@click.option("--read-only", is_flag=True, help="Look without changing anything (no lock taken).")
def open_command(folder: Path, paragraph: str | None, read_only: bool) -> None:
    """Open the project in the TUI, at paragraph N or where you left off."""
    problem = terminal_problem()
    if problem is not None:
        # Exit status 2, as for any DrafterError; the other commands (check, render) need none.
        raise DrafterError(f"open needs a terminal: {problem} (use `drafter check` or `render`)")
    # Imported here so other commands never pay for Textual.
    from drafter.tui.app import DrafterApp

    app = DrafterApp(folder, paragraph=paragraph, read_only=read_only)
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


COMMANDS: list[click.Command] = [open_command]
