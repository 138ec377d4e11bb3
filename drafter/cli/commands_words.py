"""`drafter words add | list | remove`: the project's own word list for the spelling check
(`metadata.known_words`: names and acronyms such as "Quilombola"), the command-line twin of
`f9` in the TUI, so a build script or a coalition member can keep it without opening the TUI."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import DrafterError
from drafter.project.spelling import add_known_words, remove_known_words
from drafter.project.workspace import Workspace


@click.group("words")
def words_command() -> None:
    """The project's word list: names and acronyms the spelling check accepts."""


@words_command.command("list")
@click.argument("folder", type=click.Path(path_type=Path))
def words_list(folder: Path) -> None:
    """Print the project's word list, one word a line."""
    with Workspace.open(folder, read_only=True) as ws:
        words = list(ws.project.metadata.known_words)
    for word in words:
        click.echo(word)


@words_command.command("add")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("words", nargs=-1, required=True)
def words_add(folder: Path, words: tuple[str, ...]) -> None:
    """Add WORDS to the project's word list (a name of several words is kept word by word)."""
    _refuse_blank(words)
    with Workspace.open(folder) as ws:
        added = add_known_words(ws.project.metadata, words)
        if added:
            ws.mark_dirty()
            ws.save()
    if added:
        click.echo(f"Added to the word list: {', '.join(added)}")
    else:
        click.echo("Nothing added: every word is in the word list already")


@words_command.command("remove")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("words", nargs=-1, required=True)
def words_remove(folder: Path, words: tuple[str, ...]) -> None:
    """Take WORDS out of the project's word list (any case); nothing changes when one of them
    is not in it."""
    _refuse_blank(words)
    with Workspace.open(folder) as ws:
        removed = remove_known_words(ws.project.metadata, words, ws.file)
        ws.mark_dirty()
        ws.save()
    click.echo(f"Removed from the word list: {', '.join(removed)}")


def _refuse_blank(words: tuple[str, ...]) -> None:
    if not any(w.strip() for w in words):
        raise DrafterError("words: give at least one word that is not blank")


COMMANDS: list[click.Command] = [words_command]
