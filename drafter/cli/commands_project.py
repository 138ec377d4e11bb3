"""CLI commands on a project: `drafter new`, `import`, `links`, `check`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from drafter.cli.commands_parse import check_language, language_option
from drafter.documents.model import DocumentKind
from drafter.project.linking import LinkGroup, LinkSet
from drafter.project.workspace import ImportReport, Workspace

GROUP_TITLES = {
    LinkGroup.CLAIMS: "The State's claims (answering this paragraph)",
    LinkGroup.SUGGESTED_CLAIMS: "The State's claims (suggested)",
    LinkGroup.PRIOR_CONCERNS: "Prior concerns",
    LinkGroup.EVIDENCE: "Evidence",
}


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2))


@click.command("new")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--template", "template", required=True, help="Template id or folder.")
@click.option("--title", default="", help="The report's title.")
@click.option("--committee", default="", help="CERD, CCPR …; the template's by default.")
@click.option("--state", default="", help="The State party, e.g. Kazakhstan.")
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="Put it in git (git init if needed) and set up drafter's merge driver.",
)
def new_command(
    folder: Path, template: str, title: str, committee: str, state: str, use_git: bool
) -> None:
    """Create a project folder: drafter.toml, sources/ and a git-ignored cache."""
    from drafter.project import gitsetup

    with Workspace.create(folder, template, title=title, committee=committee, state=state) as ws:
        click.echo(f"Created {ws.file} (template {ws.template.id}).")
    if use_git:
        setup = gitsetup.setup(folder, init=True)
        where = "a new git repository" if setup.initialised else f"git ({setup.repository})"
        click.echo(f"In {where}, merged by drafter: commit the folder, .gitattributes included.")
    elif gitsetup.repository_root(folder) is not None:
        click.echo(
            f"Hint: this folder is in a git repository; `drafter git-setup {folder}` lets git "
            "merge drafter.toml by paragraph and field."
        )
    click.echo(f"Next: drafter import {folder} FILE --as KIND")


def _report_lines(report: ImportReport, ws: Workspace) -> list[str]:
    source = ws.project.source(report.source_id)
    label = f"{report.source_id} ({report.kind}"
    if source and source.symbol:
        label += f", {source.symbol}"
    label += ")"
    verb = "Re-imported" if report.replaced else "Imported"
    lines = [f"{verb} {label}: {report.paragraphs} paragraphs"]
    document = ws.documents.get(report.source_id)
    if report.kind == DocumentKind.STATE_REPORT:
        answered = "concluding-observations paragraphs"
        if document is not None and document.answers_list_of_issues and not document.answers_symbol:
            answered = "paragraphs of the list of issues"
        lines.append(f"  {report.links} explicit answers to {answered}")
    cos = ws.co_paragraphs()
    placeholders = sum(1 for p in cos if p.placeholder)
    walked = "concluding-observations paragraphs"
    if cos and all(p.target is DocumentKind.LIST_OF_ISSUES for p in cos):
        walked = "paragraphs of the list of issues"
    lines.append(
        f"  {len(cos)} {walked} to walk"
        + (f" ({placeholders} placeholders until the CO is imported)" if placeholders else "")
    )
    linked = 0
    for co in cos:
        ls = ws.links(co.id)
        linked += sum(len(v) for v in ls.groups.values())
    lines.append(f"  {linked} links in all")
    lines.extend(f"  {m}" for m in report.messages)
    if report.unplaced:
        lines.append("  Could not be placed (kept in the project file):")
        lines.extend(f"    {u}" for u in report.unplaced)
    return lines


@click.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--as",
    "kind",
    required=True,
    type=click.Choice([k.value for k in DocumentKind]),
    help="What the document is.",
)
@click.option("--symbol", default=None, help="The UN document symbol, if the file lacks it.")
@click.option("--author", default=None, help="Who wrote it (an NGO's evidence is cited so).")
@click.option("--title", default=None, help="Its title, for citations and the annex.")
@click.option("--date", default=None, help="Its date (2026-08-03, or as printed).")
@click.option("--url", default=None, help="Where it is published, for the first citation.")
@language_option("The document's language; detected from its words when left out")
@click.option(
    "--set-aside-list-of-issues",
    "set_aside",
    is_flag=True,
    help="Importing the first concluding observations into a project whose entries were "
    "written on a list of issues: keep those entries apart as LOI-<number> (kept, not "
    "printed) instead of refusing.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def import_command(
    folder: Path,
    file: Path,
    kind: str,
    symbol: str | None,
    author: str | None,
    title: str | None,
    date: str | None,
    url: str | None,
    language: str | None,
    set_aside: bool,
    as_json: bool,
) -> None:
    """Copy FILE into the project, read it, link it, and save."""
    language = check_language(language)
    with Workspace.open(folder) as ws:
        report = ws.import_source(file, kind, symbol, language, set_aside_list_of_issues=set_aside)
        described = _describe_source(ws, report.source_id, author, title, date, url, None)
        if described:
            ws.mark_dirty()
            ws.save()
        if as_json:
            _echo_json(
                {
                    "source_id": report.source_id,
                    "kind": report.kind,
                    "paragraphs": report.paragraphs,
                    "links": report.links,
                    "replaced": report.replaced,
                    "unplaced": report.unplaced,
                    "messages": report.messages,
                }
            )
        else:
            click.echo("\n".join(_report_lines(report, ws)))


def links_json(ws: Workspace, pid: str, links: LinkSet) -> dict[str, Any]:
    co = ws.co_paragraph(pid)
    groups: dict[str, list[dict[str, Any]]] = {}
    for g in LinkGroup:
        items = []
        for lk in links.group(g):
            doc = ws.documents.get(lk.source_id)
            para = doc.paragraph(lk.paragraph_id) if doc else None
            items.append(
                {
                    "key": lk.key,
                    "source_id": lk.source_id,
                    "paragraph_id": lk.paragraph_id,
                    "score": round(lk.score, 4),
                    "reason": lk.reason,
                    "pinned": lk.pinned,
                    "citation": ws.citation_text(lk.source_id, lk.paragraph_id),
                    "text": para.text if para else "",
                }
            )
        groups[g.value] = items
    return {
        "paragraph": pid,
        "placeholder": co.placeholder if co else True,
        "topic": co.topic if co else "",
        "text": co.text if co else "",
        "groups": groups,
    }


@click.command("links")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--paragraph", "-p", "pid", required=True, help="The CO paragraph number.")
@click.option("--json", "as_json", is_flag=True, help="Print the links as JSON.")
def links_command(folder: Path, pid: str, as_json: bool) -> None:
    """Show the four groups of links for one CO paragraph, with scores and reasons."""
    with Workspace.open(folder, read_only=True) as ws:
        co = ws.co_paragraph(pid)
        if co is None:
            known = ", ".join(p.id for p in ws.co_paragraphs()[:30])
            raise click.UsageError(f"no paragraph {pid!r} in this project (known: {known} …)")
        data = links_json(ws, pid, ws.links(pid))
        if as_json:
            _echo_json(data)
            return
        title = f"Paragraph {pid}"
        if co.topic:
            title += f" — {co.topic}"
        if co.placeholder:
            missing = (
                "the list of issues is"
                if co.target is DocumentKind.LIST_OF_ISSUES
                else "the concluding observations are"
            )
            title += f" (placeholder: {missing} not imported)"
        click.echo(title)
        for g in LinkGroup:
            items = data["groups"][g.value]
            click.echo(f"\n{GROUP_TITLES[g]}: {len(items)}")
            for it in items:
                pin = "pinned " if it["pinned"] else ""
                click.echo(f"  {it['score']:6.2f}  {pin}{it['citation']}  [{it['key']}]")
                click.echo(f"          {it['reason']}")
                text = " ".join(it["text"].split())
                if text:
                    click.echo(f"          “{text[:110]}{'…' if len(text) > 110 else ''}”")


@click.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--template", "template", default=None, help="Check against another template.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def check_command(folder: Path, template: str | None, as_json: bool) -> None:
    """Build the report and say whether it can be sent: word count against the limit,
    citations, quotations, scope, sources. `drafter render` runs the same check.

    Exits 1 when the report should not be submitted as it is (an error).
    """
    from drafter.project.check import check

    with Workspace.open(folder, read_only=True) as ws:
        report = check(ws, template)
    if as_json:
        _echo_json(report.to_json())
    else:
        data = report.to_json()["words"]
        click.echo("Words per section (counted by the template's rule):")
        for s in data["sections"]:
            if s["words"]:
                click.echo(f"  {s['counted']:7,d}  {s['section']}")
        limit = f" of {report.limit:,}" if report.limit else " (no published limit)"
        click.echo(f"  {report.total:7,d}  words{limit}; counted: {', '.join(report.counts)}")
        if report.sources:
            click.echo("\nSources (the id is what citations use):")
            for src in report.sources:
                note = "" if src.status == "ok" else f"  [{src.status}]"
                label = f" ({src.symbol})" if src.symbol else ""
                click.echo(f"  {src.id}  {src.kind}{label}{note}")
        if report.problems:
            click.echo("")
        for p in report.problems:
            click.echo(f"{p.severity}: {p.message}")
        click.echo("")
        click.echo("Ready to submit." if report.submittable else "Not ready: fix the errors above.")
    if not report.submittable:
        sys.exit(1)


def _describe_source(
    ws: Workspace,
    source_id: str,
    author: str | None,
    title: str | None,
    date: str | None,
    url: str | None,
    symbol: str | None,
) -> bool:
    """Set what citations print about a source; True if anything changed."""
    source = ws.project.source(source_id)
    if source is None:
        known = ", ".join(s.id for s in ws.project.sources) or "none"
        raise click.UsageError(f"no source {source_id!r} in this project (known: {known})")
    if url and not url.startswith(("http://", "https://")):
        raise click.UsageError(f"--url {url!r}: give a web address starting with https://")
    changed = False
    for name, value in (
        ("author", author),
        ("title", title),
        ("date", date),
        ("url", url),
        ("symbol", symbol),
    ):
        if value is not None and getattr(source, name) != value.strip():
            setattr(source, name, value.strip())
            changed = True
    return changed


@click.command("source")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("source_id")
@click.option("--author", default=None, help="Who wrote it.")
@click.option("--title", default=None, help="Its title.")
@click.option("--date", default=None, help="Its date (2026-08-03, or as printed).")
@click.option("--url", default=None, help="Where it is published.")
@click.option("--symbol", default=None, help="Its UN document symbol.")
@click.option("--json", "as_json", is_flag=True, help="Print the source as JSON.")
def source_command(
    folder: Path,
    source_id: str,
    author: str | None,
    title: str | None,
    date: str | None,
    url: str | None,
    symbol: str | None,
    as_json: bool,
) -> None:
    """Show or set how an imported source is cited: author, title, date, address, symbol.

    A document with a UN symbol is cited by it; any other (an NGO's evidence) is cited in full
    the first time (author, title, date, address), then by author and title.
    """
    changing = any(v is not None for v in (author, title, date, url, symbol))
    with Workspace.open(folder, read_only=not changing) as ws:
        if _describe_source(ws, source_id, author, title, date, url, symbol):
            ws.mark_dirty()
            ws.save()
        source = ws.project.source(source_id)
        assert source is not None
        data = {
            "id": source.id,
            "kind": source.kind,
            "path": source.path,
            "symbol": source.symbol,
            "title": source.title,
            "author": source.author,
            "date": source.date,
            "url": source.url,
        }
    if as_json:
        _echo_json(data)
        return
    for key, value in data.items():
        click.echo(f"{key:8} {value}")


COMMANDS: list[click.Command] = [
    new_command,
    import_command,
    links_command,
    check_command,
    source_command,
]
