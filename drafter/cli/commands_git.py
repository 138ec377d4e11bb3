"""CLI commands for coalitions in git: `drafter git-setup` (once per clone), `drafter merge-file`
(the merge driver git calls), `drafter conflicts` and `drafter resolve` (after a merge)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from drafter.errors import DrafterError
from drafter.project import gitsetup, merge
from drafter.project.workspace import Workspace


@click.command("git-setup")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--init", is_flag=True, help="Run `git init` first if the folder is not in a repo.")
def git_setup_command(folder: Path, init: bool) -> None:
    """Let git merge drafter.toml by paragraph and field (run once per clone).

    Writes `.gitattributes` beside drafter.toml (commit it) and the merge driver into the
    repository's git config (not cloned: each clone runs this once). Safe to run again.
    """
    report = gitsetup.setup(folder, init=init)
    if report.initialised:
        click.echo(f"Created a git repository in {report.repository}.")
    if report.changed:
        click.echo(f"Set up {report.repository} for drafter merges: " + ", ".join(report.changed))
        click.echo(f"Commit {report.attributes} so every clone merges the same way.")
    else:
        click.echo(f"{report.repository} is already set up for drafter merges.")


@click.command("merge-file")
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ours", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("theirs", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--marker-size", "-L", default=merge.DEFAULT_MARKER_SIZE, type=int, show_default=True)
@click.option("--path", "-P", "name", default="drafter.toml", help="The file's name, for messages.")
@click.option("--ours-label", default=None, help="How markers name our side (default: branch).")
@click.option("--theirs-label", default=None, help="How markers name their side.")
def merge_file_command(
    base: Path,
    ours: Path,
    theirs: Path,
    marker_size: int,
    name: str,
    ours_label: str | None,
    theirs_label: str | None,
) -> None:
    """Three-way merge of drafter.toml for git: BASE OURS THEIRS, result written to OURS.

    Exit 0 when clean, 1 when conflicts remain (kept inside their fields, listed on stderr, and
    recorded for `drafter check`). Git calls it as `drafter merge-file %O %A %B`.
    """
    guessed = gitsetup.merge_labels()
    labels = (ours_label or guessed[0], theirs_label or guessed[1])
    result = merge.merge_file(base, ours, theirs, name=name, labels=labels, marker_size=marker_size)
    for line in result.lines:
        click.echo(line, err=True)
    sys.exit(result.status)


@click.command("conflicts")
@click.argument("folder", type=click.Path(path_type=Path), default=".")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
def conflicts_command(folder: Path, as_json: bool) -> None:
    """List what a merge left for the author to decide. Exits 1 if anything is left."""
    with Workspace.open(folder, read_only=True) as ws:
        messages = merge.conflict_messages(ws.project)
        records = ws.project.conflicts
    if as_json:
        data = [
            {"paragraph": c.paragraph, "field": c.field, "kind": c.kind, "note": c.note}
            for c in records
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for _pid, message in messages:
            click.echo(message)
        if not messages:
            click.echo("No merge conflicts.")
    if messages:
        sys.exit(1)


@click.command("resolve")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", "pid", default="", help="The CO paragraph of the field.")
@click.option("--field", "field_name", default=None, help="commentary, metadata.title …")
@click.option(
    "--take",
    type=click.Choice(merge.TAKE),
    default=None,
    help="Keep this side (texts: 'both' keeps ours then theirs); default: the field as it is.",
)
def resolve_command(folder: Path, pid: str, field_name: str | None, take: str | None) -> None:
    """Settle a merge conflict: keep one side, or accept the field as edited.

    Without --field, every conflict of the paragraph (or, without --paragraph, of the project
    outside the entries) is settled the same way.
    """
    with Workspace.open(folder) as ws:
        chosen = [
            c
            for c in ws.project.conflicts
            if c.paragraph == pid and (field_name is None or c.field == field_name)
        ]
        if not chosen:
            where = f"paragraph {pid}" if pid else "outside the entries"
            what = f" in {field_name}" if field_name else ""
            raise DrafterError(f"no merge conflict{what} {where}", path=ws.file)
        for c in chosen:
            try:
                merge.resolve(ws.project, c, take)
            except (ValueError, KeyError) as exc:
                raise DrafterError(f"{c.where}: {exc}", path=ws.file) from None
            if c.paragraph:
                ws.touch(c.paragraph)
        ws.mark_dirty()
        ws.save()
        left = len(ws.project.conflicts)
    for c in chosen:
        click.echo(f"Resolved {c.where}" + (f" (took {take})" if take else ""))
    click.echo(f"{left} merge conflict{'s' if left != 1 else ''} left.")


COMMANDS: list[click.Command] = [
    git_setup_command,
    merge_file_command,
    conflicts_command,
    resolve_command,
]
