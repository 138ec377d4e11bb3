"""`drafter languages` and `drafter languages check [FILE|FOLDER …]`: language and committee data.

What the reader knows about the words of UN documents in each language and about each committee's
symbols is data (`templates/languages/<code>.toml`, `templates/committees/<ID>.toml`); these
commands list it and validate a maintainer's changes, every problem as `FILE: field: message`.
"""

from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import DrafterError


@click.group("languages", invoke_without_command=True)
@click.pass_context
def languages_command(ctx: click.Context) -> None:
    """List the languages and committees drafter reads; `check` validates their files."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.documents.language import registry

    reg = registry()
    click.echo("Languages:")
    for code, lang in sorted(reg.languages.items()):
        click.echo(f"  {code:4} {lang.name:12} {lang.path}")
    click.echo("Committees:")
    for cid, committee in sorted(reg.committees.items()):
        name = committee.names.get("en") or next(iter(committee.names.values()), "")
        click.echo(f"  {cid:6} {name}")


@languages_command.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def languages_check_command(paths: tuple[Path, ...]) -> None:
    """Validate language and committee files (all of them when no PATH is given).

    A PATH is a .toml file or a folder of them (`templates/languages`, `templates/committees`).
    Problems are printed as `FILE: field: message` and make the exit status 2; notes (what a
    language file leaves out that the English one has) are printed and change nothing.
    """
    from drafter.documents.language import check_files, data_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            files.append(path)
        else:
            raise DrafterError("no such file or folder", path=path)
    if not paths:
        files = data_files()
    if not files:
        raise DrafterError("no language or committee files to check")
    from drafter.documents.language import read_toml
    from drafter.project.report.language import check_tables

    failed = False
    for path, result in check_files(files).items():
        if path.parent.name == "languages" and not result.problems:
            # The report builder's tables of the same file ([abbreviations], [typography]).
            result.problems.extend(check_tables(read_toml(path), path))
        for problem in result.problems:
            click.echo(f"{path}: {problem}", err=True)
        for note in result.notes:
            click.echo(f"{path}: note: {note}")
        if result.problems:
            failed = True
        else:
            click.echo(f"{path}: ok")
    if failed:
        raise click.exceptions.Exit(2)


COMMANDS: list[click.Command] = [languages_command]
