"""CLI commands: open (the TUI)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("open")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", metavar="N", help="Start at this CO paragraph.")
@click.option("--read-only", is_flag=True, help="Look without changing anything (no lock taken).")
def open_command(folder: Path, paragraph: str | None, read_only: bool) -> None:
    """Open the project in the TUI, at paragraph N or where you left off."""
    # Imported here so other commands never pay for Textual.
    from drafter.tui.app import DrafterApp

    DrafterApp(folder, paragraph=paragraph, read_only=read_only).run()


COMMANDS: list[click.Command] = [open_command]
