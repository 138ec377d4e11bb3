"""The command line: `drafter new | import | links | check | open | render | parse | templates |
languages | entry | metadata | words | review …` (`drafter --help` lists them all).

Commands only: each module here parses arguments and calls into documents/, project/, tui/ or
render/. A `DrafterError` becomes one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from drafter import __version__
from drafter.errors import DrafterError


class DrafterGroup(click.Group):
    """`drafter DIR` is short for `drafter open DIR`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if (
            args
            and args[0] not in self.commands
            and not args[0].startswith("-")
            and Path(args[0]).exists()
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            click.echo(f"drafter: {exc.one_line()}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=DrafterGroup)
@click.version_option(__version__, prog_name="drafter")
def cli() -> None:
    """Draft shadow reports to UN treaty bodies, one concluding-observations paragraph at a time."""


def _register() -> None:
    # Each command lives in its own module; importing them here keeps start-up explicit.
    from drafter.cli import (
        commands_entry,
        commands_git,
        commands_languages,
        commands_open,
        commands_parse,
        commands_project,
        commands_render,
        commands_review,
        commands_words,
    )

    for module in (
        commands_parse,
        commands_project,
        commands_entry,
        commands_git,
        commands_open,
        commands_render,
        commands_review,
        commands_words,
        commands_languages,
    ):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    try:
        cli.main(prog_name="drafter", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
