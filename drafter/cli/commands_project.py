"""CLI commands: project."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
