"""The command line loads a command's module only when that command runs: `drafter open` starts
the TUI without first loading the merge driver, the document readers or the review import."""

from __future__ import annotations

import importlib
import subprocess
import sys

from click.testing import CliRunner

from drafter.cli import COMMAND_MODULES, cli


def test_the_table_names_every_command_of_every_module() -> None:
    defined: dict[str, str] = {}
    for module in sorted(set(COMMAND_MODULES.values())):
        for command in importlib.import_module(f"drafter.cli.{module}").COMMANDS:
            assert command.name is not None
            defined[command.name] = module
    assert defined == COMMAND_MODULES


def test_help_lists_every_command() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    for name in COMMAND_MODULES:
        assert f"  {name} " in out, name


def test_open_loads_only_what_it_needs() -> None:
    probe = (
        "import sys\n"
        "from drafter.cli import cli\n"
        "assert cli.get_command(None, 'open') is not None\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "drafter.cli.commands_open" in loaded
    for name in (
        "drafter.cli.commands_git",
        "drafter.project.merge",
        "merge3",
        "drafter.documents.readers",
        "drafter.project.review",
        "textual",
    ):
        assert name not in loaded, name
