"""The command line: `drafter new | import | links | check | open | render | parse | templates |
languages | entry | metadata | words | review …` (`drafter --help` lists them all).

Commands only: each module here parses arguments and calls into documents/, project/, tui/ or
render/. A `DrafterError` becomes one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from drafter import __version__
from drafter.errors import DrafterError

# The module of each command. A command's module, and what it imports, is loaded when that
# command runs (or for `--help`): `drafter open` does not first load the merge driver, the
# document readers or the review import. tests/test_cli_commands.py checks this table against
# the modules' COMMANDS lists.
COMMAND_MODULES: dict[str, str] = {
    "parse": "commands_parse",
    "new": "commands_project",
    "import": "commands_project",
    "links": "commands_project",
    "check": "commands_project",
    "source": "commands_project",
    "entry": "commands_entry",
    "metadata": "commands_entry",
    "git-setup": "commands_git",
    "merge-file": "commands_git",
    "conflicts": "commands_git",
    "resolve": "commands_git",
    "open": "commands_open",
    "render": "commands_render",
    "templates": "commands_render",
    "import-review": "commands_review",
    "review": "commands_review",
    "words": "commands_words",
    "languages": "commands_languages",
}


class DrafterGroup(click.Group):
    """`drafter DIR` is short for `drafter open DIR`; commands are loaded when used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            for command in importlib.import_module(f"drafter.cli.{module}").COMMANDS:
                self.add_command(command)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if (
            args
            and args[0] not in self.list_commands(ctx)
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


def main() -> None:
    try:
        cli.main(prog_name="drafter", standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
