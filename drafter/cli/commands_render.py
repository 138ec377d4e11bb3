"""CLI commands: `drafter render`, `drafter templates` and `drafter templates check`."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import NotReadyError, TemplateError


@click.command("render")
@click.argument("project", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .docx to write (with --pdf: the .pdf; the .docx goes beside it).",
)
@click.option("--template", "template", default=None, help="Template id or folder.")
@click.option("--pdf", is_flag=True, help="Also write a PDF, through LibreOffice.")
@click.option(
    "--draft",
    is_flag=True,
    help="Render even with errors; they are listed on the first page and marked in the text.",
)
@click.option(
    "--review",
    is_flag=True,
    help="A copy for a reviewer: the open review notes as Word comments, every page marked "
    "'Draft for review'. Without it a report has no comments.",
)
def render_command(
    project: Path, output: Path | None, template: str | None, pdf: bool, draft: bool, review: bool
) -> None:
    """Check the project, then render its report to DOCX (default: <project>/<title>.docx).

    Errors that `drafter check` finds stop the render (exit status 1) unless --draft is given.
    """
    from drafter.project.workspace import Workspace
    from drafter.render import render_docx

    with Workspace.open(project, read_only=True) as ws:
        name = file_name(ws.project.metadata.title or ws.folder.name)
        if review:  # a review copy never takes the name of the report that is sent
            name = name.removesuffix(".docx") + "-for-review.docx"
        out = output or ws.folder / name
        docx_out, pdf_out = out, None
        if pdf:
            pdf_out = out if out.suffix.lower() == ".pdf" else out.with_suffix(".pdf")
            docx_out = pdf_out.with_suffix(".docx")
        try:
            report = render_docx(
                ws, docx_out, template=template, draft=draft, pdf=pdf_out, review=review
            )
        except NotReadyError as exc:
            click.echo(f"drafter: {exc.message}", err=True)
            for problem in exc.problems:
                click.echo(f"  error: {problem}", err=True)
            raise click.exceptions.Exit(exc.exit_code) from None
    for line in report.lines():
        click.echo(line)


MAX_STEM = 80  # a file name from a long title stays well within any file system's limit


def file_name(title: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    stem = stem[:MAX_STEM].rstrip("-")
    return f"{stem or 'report'}.docx"


@click.group("templates", invoke_without_command=True)
@click.pass_context
def templates_command(ctx: click.Context) -> None:
    """List the templates; `drafter templates check DIR` validates one."""
    if ctx.invoked_subcommand is not None:
        return
    from drafter.project.template import available_templates, load_template

    for tid, folder in available_templates().items():
        try:
            tpl = load_template(folder)
        except TemplateError as exc:
            click.echo(f"{tid:28} INVALID: {exc.message}")
            continue
        limit = f"{tpl.word_limit.words:,} words" if tpl.word_limit.words else "no limit found"
        click.echo(
            f"{tid:28} {tpl.committee or 'any':5} {tpl.language}  {tpl.submission_type:18} "
            f"{limit:16} {tpl.name}"
        )


@templates_command.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
def templates_check_command(folder: Path) -> None:
    """Validate a template folder: every problem names its field."""
    from drafter.project.template import available_templates, check_template

    if not folder.is_dir():
        known = available_templates()
        if str(folder) in known:
            folder = known[str(folder)]
        else:
            raise TemplateError("no such template folder", path=folder)
    problems = check_template(folder)
    path = folder / "template.toml"
    for p in problems:
        click.echo(f"{path}: {p}", err=True)
    if problems:
        raise click.exceptions.Exit(2)
    click.echo(f"{path}: ok")


COMMANDS: list[click.Command] = [render_command, templates_command]
