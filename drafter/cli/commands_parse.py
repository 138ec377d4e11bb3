"""`drafter parse FILE [--as KIND] [--symbol S] [--json]`: how drafter reads one document.

`--json` prints the contract's object (`Document.to_json()`); without it, a view for people:
the headings as an indented outline, each paragraph's id and first words, what it responds to
(in the concluding observations or in the list of issues), and for concluding observations each
paragraph's role, pairing and follow-up status.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter.documents import read_document
from drafter.documents.model import Document, DocumentKind, Paragraph, Role
from drafter.documents.readers import formats_help
from drafter.errors import DrafterError, ReadError

FIRST_WORDS = 60  # characters of a paragraph shown in the outline
FC = TypeVar("FC", bound=Callable[..., Any])
KIND_NAMES = {
    DocumentKind.CONCLUDING_OBSERVATIONS: "concluding observations",
    DocumentKind.STATE_REPORT: "State report",
    DocumentKind.LIST_OF_ISSUES: "list of issues",
    DocumentKind.COMMITTEE_LETTER: "committee letter",
    DocumentKind.COMPILATION: "compilation",
    DocumentKind.EVIDENCE: "evidence",
}


def language_option(help_text: str) -> Callable[[FC], FC]:
    """`--language CODE`: the document's language, when detection should not decide."""
    return click.option(
        "--language",
        metavar="CODE",
        default=None,
        help=help_text + " (`drafter languages` lists the codes).",
    )


def check_language(code: str | None) -> str | None:
    """The code, checked against the language data: an unknown one is one clear line."""
    if code is None:
        return None
    from drafter.documents.language import registry

    return registry().check_code(code)


@click.command(
    "parse", help=f"Show how drafter reads FILE {formats_help()}: headings, paragraphs, links."
)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--as",
    "kind",
    type=click.Choice([k.value for k in DocumentKind]),
    help="What the document is; detected from its masthead when left out.",
)
@click.option("--symbol", help="The document symbol, when the masthead lacks one.")
@language_option("The document's language; detected from its words when left out")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed document as JSON.")
def parse_command(
    file: Path, kind: str | None, symbol: str | None, language: str | None, as_json: bool
) -> None:
    language = check_language(language)
    try:
        document = read_document(file, DocumentKind(kind) if kind else None, symbol, language)
    except DrafterError:
        raise
    except Exception as exc:  # a document the segmenter cannot handle: one line, no traceback
        raise ReadError(f"cannot parse the document ({type(exc).__name__}: {exc})", file) from exc
    if as_json:
        click.echo(json.dumps(document.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(outline(document)))


def outline(document: Document) -> list[str]:
    """The people's view: a summary line, then headings and paragraphs as an indented outline."""
    lines = [_summary(document)]
    if document.title:
        lines.append(document.title)
    if document.date:
        lines.append(document.date)
    lines.append("")
    current: tuple[str, ...] = ()
    id_width = max((len(p.id) for p in document.paragraphs), default=1)
    for paragraph in document.paragraphs:
        headings = paragraph.headings
        shared = _shared_prefix(current, headings)
        for depth in range(shared, len(headings)):
            lines.append("  " * depth + headings[depth])
        current = headings
        indent = "  " * len(headings)
        lines.append(f"{indent}{paragraph.id:<{id_width}}  {_first_words(paragraph.text)}")
        notes = _notes(paragraph, document.kind)
        if notes:
            lines.append(f"{indent}{'':<{id_width}}  " + "; ".join(notes))
    return lines


def _summary(document: Document) -> str:
    parts = [document.symbol or "(no symbol)", KIND_NAMES[document.kind]]
    numbered = sum(1 for p in document.paragraphs if p.numbered)
    count = f"{len(document.paragraphs)} paragraphs"
    if numbered != len(document.paragraphs):
        count += f" ({numbered} numbered)"
    parts.append(count)
    if document.footnotes:
        notes = len(document.footnotes)
        parts.append(f"{notes} footnote{'s' if notes != 1 else ''}")
    if document.answers_symbol:
        parts.append(f"answers {document.answers_symbol}")
    if document.answers_list_of_issues:
        parts.append(f"answers the list of issues {document.answers_list_of_issues}")
    parts.append(f"language {document.language}")
    return " · ".join(parts)


def _shared_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _first_words(text: str) -> str:
    """The paragraph's opening words, cut between words (never inside "Anti-Racist")."""
    words = text.split()
    shown: list[str] = []
    length = 0
    for word in words:
        if length + len(word) > FIRST_WORDS:
            break
        shown.append(word)
        length += len(word) + 1
    if len(shown) == len(words):
        return " ".join(shown)
    return " ".join(shown or [words[0][:FIRST_WORDS]]) + " …"


def _notes(paragraph: Paragraph, kind: DocumentKind) -> list[str]:
    notes: list[str] = []
    if kind is DocumentKind.CONCLUDING_OBSERVATIONS:
        role = paragraph.role or Role.OTHER
        label = role.value
        if paragraph.pair:
            arrow = "→" if role is Role.CONCERN else "←"
            label += f" {arrow} {paragraph.pair}"
        notes.append(label)
        if paragraph.follow_up:
            items = _items(paragraph.follow_up_items)
            notes.append("follow-up within one year" + items)
        if paragraph.particular_importance:
            notes.append("of particular importance" + _items(paragraph.particular_importance_items))
    if paragraph.responds_to:
        notes.append("responds to " + ", ".join(paragraph.responds_to))
    if paragraph.responds_to_list_of_issues:
        listed = ", ".join(paragraph.responds_to_list_of_issues)
        notes.append("responds to list of issues " + listed)
    if paragraph.footnotes:
        notes.append("notes " + ", ".join(paragraph.footnotes))
    return notes


def _items(labels: tuple[str, ...]) -> str:
    """ ": (b), (c)": the sub-items named, when only some are."""
    return ": " + ", ".join(f"({label})" for label in labels) if labels else ""


COMMANDS: list[click.Command] = [parse_command]
