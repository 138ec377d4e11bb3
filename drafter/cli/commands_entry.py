"""CLI commands that write what the author writes in the TUI: `drafter entry` (one CO paragraph's
assessment, commentary, questions, recommendations, pins) and `drafter metadata` (the cover facts
and the front matter). They exist so every TUI action can be scripted and tested."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from drafter.errors import DrafterError
from drafter.project.model import Organisation, metadata_problem
from drafter.project.workspace import Workspace


def _read_text_arg(value: str) -> str:
    """`-` reads standard input; anything else is a file path."""
    if value == "-":
        return sys.stdin.read()
    path = Path(value)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DrafterError("no such file", path=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"cannot read it: {exc}", path=path) from exc


def _entry_json(ws: Workspace, pid: str) -> dict[str, Any]:
    e = ws.project.entries.get(pid)
    data: dict[str, Any] = asdict(e) if e is not None else {"paragraph": pid}
    data.pop("extra", None)
    co = ws.co_paragraph(pid)
    data["topic"] = co.topic if co else ""
    data["placeholder"] = bool(co and co.placeholder)
    return data


@click.command("entry")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", "pid", required=True, help="The CO paragraph number.")
@click.option(
    "--assessment", "-a", default=None, help="An id from the template's scale; 'none' clears it."
)
@click.option("--commentary", default=None, help="Markdown commentary (replaces the old one).")
@click.option(
    "--commentary-file",
    default=None,
    help="Read the commentary from a file ('-' for standard input).",
)
@click.option("--append", is_flag=True, help="Add the commentary after the existing text.")
@click.option("--question", "questions", multiple=True, help="Add a suggested question.")
@click.option("--recommendation", "recommendations", multiple=True, help="Add a recommendation.")
@click.option("--evidence", multiple=True, help="Add an evidence citation key SOURCE:PARAGRAPH.")
@click.option("--pin", "pins", multiple=True, help="Pin a link key SOURCE:PARAGRAPH.")
@click.option("--hide", "hides", multiple=True, help="Hide a link key SOURCE:PARAGRAPH.")
@click.option(
    "--quote",
    "quotes",
    multiple=True,
    metavar="SOURCE:PARAGRAPH=WORDS",
    help="Quote these exact words of a linked paragraph in the report (and pin it); "
    "SOURCE:PARAGRAPH= with no words goes back to the first sentences.",
)
@click.option("--author", default=None, help="The coalition member who wrote it.")
@click.option("--done/--not-done", default=None, help="Mark the paragraph done.")
@click.option("--reviewed/--not-reviewed", default=None, help="Mark the paragraph reviewed.")
@click.option(
    "--move-to",
    "move_to",
    default=None,
    metavar="PARAGRAPH",
    help="Move the whole entry (and its review notes) to another paragraph that has none, "
    "e.g. one set aside as LOI-5 to the CO paragraph it belongs to.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the entry as JSON.")
def entry_command(
    folder: Path,
    pid: str,
    assessment: str | None,
    commentary: str | None,
    commentary_file: str | None,
    append: bool,
    questions: tuple[str, ...],
    recommendations: tuple[str, ...],
    evidence: tuple[str, ...],
    pins: tuple[str, ...],
    hides: tuple[str, ...],
    quotes: tuple[str, ...],
    author: str | None,
    done: bool | None,
    reviewed: bool | None,
    move_to: str | None,
    as_json: bool,
) -> None:
    """Show or change the author's entry for one CO paragraph.

    With no change option it prints the entry. Changes are validated (the assessment against the
    template's scale, citations against the imported sources by `drafter check`) and saved
    atomically, like the TUI's saves.
    """
    if commentary is not None and commentary_file is not None:
        raise click.UsageError("give --commentary or --commentary-file, not both")
    if commentary_file is not None:
        commentary = _read_text_arg(commentary_file)
    changing = any(
        (
            assessment is not None,
            commentary is not None,
            questions,
            recommendations,
            evidence,
            pins,
            hides,
            quotes,
            author is not None,
            done is not None,
            reviewed is not None,
        )
    )
    if move_to is not None:
        if changing:
            raise click.UsageError("--move-to moves the entry as it is: give no other change")
        with Workspace.open(folder) as ws:
            ws.move_entry(pid, move_to)
            ws.save()
            moved = _entry_json(ws, move_to)
        if as_json:
            click.echo(json.dumps(moved, ensure_ascii=False, indent=2))
        else:
            click.echo(f"Moved the entry of paragraph {pid} to paragraph {move_to}")
        return
    with Workspace.open(folder, read_only=not changing) as ws:
        if ws.co_paragraph(pid) is None:
            known = ", ".join(p.id for p in ws.co_paragraphs()[:30])
            raise DrafterError(
                f"no paragraph {pid!r} in this project (known: {known} …)", path=ws.file
            )
        if changing:
            _apply(ws, pid, assessment, commentary, append, questions, recommendations)
            e = ws.entry(pid)
            e.evidence.extend(k for k in evidence if k not in e.evidence)
            for key in pins:
                ws.pin(pid, key)
            for key in hides:
                ws.hide(pid, key)
            _quotes(ws, pid, quotes)
            if author is not None:
                e.author = author
            if done is not None:
                e.done = done
            if reviewed is not None:
                e.reviewed = reviewed
            ws.touch(pid)
            ws.save()
        data = _entry_json(ws, pid)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"Paragraph {pid}" + (f" — {data['topic']}" if data["topic"] else ""))
    click.echo(f"  assessment: {data.get('assessment') or '(none)'}")
    if data.get("author"):
        click.echo(f"  author: {data['author']}")
    click.echo(f"  done: {'yes' if data.get('done') else 'no'}")
    for label, key in (("questions", "questions"), ("recommendations", "recommendations")):
        for i, item in enumerate(data.get(key, []), 1):
            click.echo(f"  {label[:-1]} {i}: {item}")
    if data.get("commentary"):
        click.echo("")
        click.echo(data["commentary"].rstrip())


def _quotes(ws: Workspace, pid: str, quotes: tuple[str, ...]) -> None:
    """The author's chosen words (the rule is the workspace's, the TUI's too: an exact part of
    a State party's paragraph, or nothing to go back to its first sentences)."""
    for item in quotes:
        key, sep, words = item.partition("=")
        sid, _, para_id = key.strip().partition(":")
        if not sep or not sid or not para_id:
            raise click.UsageError(f"--quote {item!r}: expected SOURCE:PARAGRAPH=WORDS")
        try:
            ws.choose_quote(pid, f"{sid}:{para_id}", words)
        except DrafterError as exc:
            raise DrafterError(f"--quote: {exc.message}", path=exc.path) from None


def _apply(
    ws: Workspace,
    pid: str,
    assessment: str | None,
    commentary: str | None,
    append: bool,
    questions: tuple[str, ...],
    recommendations: tuple[str, ...],
) -> None:
    e = ws.entry(pid)
    if assessment is not None:
        if assessment in ("none", ""):
            e.assessment = ""
        elif ws.template.level(assessment) is None:
            scale = ", ".join(lv.id for lv in ws.template.scale)
            raise DrafterError(
                f"--assessment: {assessment!r} is not on the template's scale ({scale})",
                path=ws.file,
            )
        else:
            e.assessment = assessment
    if commentary is not None:
        if append and e.commentary.strip():
            e.commentary = e.commentary.rstrip("\n") + "\n\n" + commentary
        else:
            e.commentary = commentary
    e.questions.extend(q for q in questions if q.strip())
    e.recommendations.extend(r for r in recommendations if r.strip())


_FRONT_MATTER = ("executive_summary", "about", "methodology", "annexes")
_METADATA_FIELDS = (
    "title",
    "report_label",
    "committee",
    "treaty",
    "state",
    "session",
    "session_start",
    "session_end",
    "deadline",
    "submitted",
    "short_title",
    "logo",
    "language",
    "confidentiality",
)


@click.command("metadata")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help=f"Set a metadata field: {', '.join(_METADATA_FIELDS)}.",
)
@click.option(
    "--front",
    "fronts",
    multiple=True,
    metavar="SECTION=FILE",
    help=f"Front matter from a Markdown file ('-' for stdin): {', '.join(_FRONT_MATTER)}.",
)
@click.option(
    "--organisation",
    "organisations",
    multiple=True,
    metavar="NAME[;CONTACT;EMAIL;ROLE]",
    help="Add a submitting organisation.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metadata as JSON.")
def metadata_command(
    folder: Path,
    sets: tuple[str, ...],
    fronts: tuple[str, ...],
    organisations: tuple[str, ...],
    as_json: bool,
) -> None:
    """Show or change the cover facts (title, session, deadline …) and the front matter."""
    changing = bool(sets or fronts or organisations)
    with Workspace.open(folder, read_only=not changing) as ws:
        meta = ws.project.metadata
        for item in sets:
            name, sep, value = item.partition("=")
            if not sep or name not in _METADATA_FIELDS:
                raise click.UsageError(
                    f"--set {item!r}: expected FIELD=VALUE with FIELD one of "
                    f"{', '.join(_METADATA_FIELDS)}"
                )
            problem = metadata_problem(name, value, ws.folder)
            if problem:
                raise click.UsageError(f"--set {name}: {problem}")
            setattr(meta, name, value)
        for item in fronts:
            name, sep, value = item.partition("=")
            if not sep or name not in _FRONT_MATTER:
                raise click.UsageError(
                    f"--front {item!r}: expected SECTION=FILE with SECTION one of "
                    f"{', '.join(_FRONT_MATTER)}"
                )
            setattr(ws.project.front_matter, name, _read_text_arg(value))
        for item in organisations:
            parts = [p.strip() for p in item.split(";")] + ["", "", ""]
            if not parts[0]:
                raise click.UsageError("--organisation needs a name")
            name, contact, email, role = parts[:4]
            meta.organisations.append(Organisation(name, contact, email, role))
        if changing:
            ws.mark_dirty()
            ws.save()
        data = asdict(meta)
        data["front_matter"] = {k: getattr(ws.project.front_matter, k) for k in _FRONT_MATTER}
    for d in (data, *data["organisations"]):
        d.pop("extra", None)
    data["front_matter"].pop("extra", None)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for name in _METADATA_FIELDS:
        click.echo(f"{name:16} {data[name]}")
    for org in data["organisations"]:
        click.echo(f"{'organisation':16} {org['name']} ({org['role'] or 'member'})")
    for name, text in data["front_matter"].items():
        words = len(text.split())
        click.echo(f"{name:16} {words} words")


COMMANDS: list[click.Command] = [entry_command, metadata_command]
