"""CLI commands for the reviewer's round trip through Word: `drafter import-review` reads a
reviewed DOCX back; `drafter review list | answer | resolve | reopen | accept | reject | place`
acts on the notes. Nothing changes the author's text but `accept`."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from drafter.errors import DrafterError
from drafter.project import review
from drafter.project.model import ReviewNote
from drafter.project.workspace import Workspace


def _short(text: str, size: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def note_lines(n: ReviewNote) -> list[str]:
    who = f"{n.author or 'someone'}" + (f", {n.date[:10]}" if n.date else "")
    status = "" if n.status == "open" else f" [{n.status}]"
    if n.kind in ("comment", "author-note"):
        head = "comment" if n.kind == "comment" else "note to the reviewer"
        head = "reply" if n.reply_to else head
        lines = [f"  {n.id}  {head} by {who}{status}: {_short(n.text)}"]
        if n.anchor:
            lines.append(f"              on “{_short(n.anchor, 70)}”")
    elif n.kind == "insertion":
        lines = [f"  {n.id}  {who} inserts “{_short(n.text, 70)}”{status}"]
        lines.append(f"              after “…{_short(n.before[-40:], 50)}”")
    elif n.kind == "deletion":
        lines = [f"  {n.id}  {who} deletes “{_short(n.deleted, 70)}”{status}"]
    else:
        lines = [
            f"  {n.id}  {who} replaces “{_short(n.deleted, 40)}” with “{_short(n.text, 40)}”"
            f"{status}"
        ]
    if n.answer:
        by = f" ({n.answered_by})" if n.answered_by else ""
        lines.append(f"              answer{by}: {_short(n.answer)}")
    return lines


@click.command("import-review")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("docx", type=click.Path(dir_okay=False, path_type=Path))
def import_review_command(folder: Path, docx: Path) -> None:
    """Read a reviewer's comments and tracked changes from a DOCX saved by Word or LibreOffice
    and add them to the project as review notes, each on its paragraph."""
    from drafter.review.importing import import_review

    with Workspace.open(folder) as ws:
        result = import_review(ws, docx)
    placed = [n for n in result.added if n.paragraph]
    click.echo(
        f"{len(result.added)} new review notes from {docx.name}"
        + (f" ({result.known} imported before)" if result.known else "")
        + (
            f" ({result.recognised} written by drafter into the review copy)"
            if result.recognised
            else ""
        )
        + f": {len(placed)} placed on paragraphs, {len(result.unplaced)} not placed."
    )
    by_paragraph: dict[str, int] = {}
    for n in placed:
        by_paragraph[n.paragraph] = by_paragraph.get(n.paragraph, 0) + 1
    for pid, count in by_paragraph.items():
        click.echo(f"  paragraph {pid}: {count}")
    if result.unplaced:
        click.echo(
            "Not placed (kept; `drafter review place DIR ID PARAGRAPH` puts one on a paragraph):"
        )
        for n in result.unplaced:
            where = f" under “{n.section}”" if n.section else ""
            click.echo(f"  {n.id}  {n.kind}{where}: {_short(n.text or n.deleted, 70)}")


@click.group("review")
def review_group() -> None:
    """The reviewers' notes: list them, answer, resolve, accept or reject changes."""


@review_group.command("list")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", "pid", default=None, help="Only this CO paragraph's notes.")
@click.option("--open", "only_open", is_flag=True, help="Only the notes still open.")
@click.option("--json", "as_json", is_flag=True, help="Print them as JSON.")
def review_list(folder: Path, pid: str | None, only_open: bool, as_json: bool) -> None:
    """The notes, paragraph by paragraph (unplaced ones last)."""
    with Workspace.open(folder, read_only=True) as ws:
        notes = [
            n
            for n in ws.project.review
            if (pid is None or n.paragraph == pid) and (not only_open or n.status == "open")
        ]
    if as_json:
        data = []
        for n in notes:
            d = asdict(n)
            d.pop("extra", None)
            data.append(d)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not notes:
        click.echo("No review notes.")
        return
    groups: dict[str, list[ReviewNote]] = {}
    for n in notes:
        groups.setdefault(n.paragraph, []).append(n)
    for key in sorted(groups, key=lambda k: (k == "", k)):
        click.echo(f"Paragraph {key}" if key else "Not placed")
        for n in groups[key]:
            for line in note_lines(n):
                click.echo(line)


def _act(
    folder: Path,
    note: str,
    action: str,
    text: str = "",
    paragraph: str = "",
    author: str | None = None,
) -> None:
    with Workspace.open(folder) as ws:
        n = review.find_note(ws.project, note)
        who = review.author_name(ws.project, author) if action == "answer" else ""
        changed = review.act(ws.project, n, action, text=text, author=who, paragraph=paragraph)
        if changed:
            ws.touch(n.paragraph)
        ws.mark_dirty()
        ws.save()
    done = {
        "answer": "Answered",
        "resolve": "Resolved",
        "reopen": "Reopened",
        "reject": "Rejected",
        "place": f"Placed on paragraph {paragraph}:",
        "accept": "Accepted",
    }[action]
    click.echo(
        f"{done} {n.id}" + (f": paragraph {n.paragraph} {changed} changed" if changed else "")
    )


_AUTHOR = click.option(
    "--author",
    default=None,
    help="Your name as the reviewer sees it (default: $DRAFTER_AUTHOR, else the first "
    "organisation).",
)


@review_group.command("note")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("text")
@click.option(
    "--paragraph",
    "-p",
    "pid",
    default="",
    help="The CO paragraph it is about (default: the report as a whole).",
)
@_AUTHOR
def review_note(folder: Path, text: str, pid: str, author: str | None) -> None:
    """Write a note to the reviewer: `drafter render --review` shows it as a Word comment on
    the paragraph's heading (on the title without --paragraph), and the reviewer's reply comes
    back with `drafter import-review`."""
    with Workspace.open(folder) as ws:
        if pid and ws.co_paragraph(pid) is None and pid not in ws.project.entries:
            raise DrafterError(f"no paragraph {pid} in the concluding observations", path=ws.file)
        n = review.add_author_note(ws.project, pid, text, review.author_name(ws.project, author))
        ws.mark_dirty()
        ws.save()
    where = f"paragraph {pid}" if pid else "the report"
    click.echo(f"Noted {n.id} on {where}, from {n.author}.")


@review_group.command("answer")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("note")
@click.argument("text")
@_AUTHOR
def review_answer(folder: Path, note: str, text: str, author: str | None) -> None:
    """Answer note NOTE (its id, or the start of it); a review copy shows the answer as a reply."""
    _act(folder, note, "answer", text=text, author=author)


def _verb_command(verb: str, summary: str) -> click.Command:
    """`drafter review VERB FOLDER NOTE`, for a verb that needs nothing but the note."""

    @review_group.command(verb, help=summary)
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.argument("note")
    def command(folder: Path, note: str) -> None:
        _act(folder, note, verb)

    return command


review_resolve = _verb_command("resolve", "Mark a note dealt with.")
review_reopen = _verb_command("reopen", "Open a resolved note again.")
review_accept = _verb_command(
    "accept",
    "Apply a tracked change to the paragraph's text (refused if its place is not certain).",
)
review_reject = _verb_command("reject", "Decline a tracked change; the text stays as it is.")


@review_group.command("place")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("note")
@click.argument("paragraph")
def review_place(folder: Path, note: str, paragraph: str) -> None:
    """Put a note (and its replies) on CO paragraph PARAGRAPH."""
    _act(folder, note, "place", paragraph=paragraph)


COMMANDS: list[click.Command] = [import_review_command, review_group]
