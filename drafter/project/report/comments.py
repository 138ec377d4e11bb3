"""A review copy's Word comments (`drafter render --review`): every open review note, as a
comment on the heading of its paragraph's section.

What goes in: the author's open notes to the reviewer (`drafter review note`), the reviewers'
comments still open, and their tracked changes not yet accepted or rejected (a render writes the
author's text, so a proposal the author has not taken shows as a comment saying what it
proposes). Each is a thread: the note, then its replies and the author's answers, by date.
Resolved, accepted and rejected notes stay out. A note not on a CO paragraph goes on the heading
it was found under, else on the report's title.

The comments' words are written exactly as the project holds them (no typography):
`drafter import-review` recognises the ones drafter wrote by author and words (`known_remarks`),
so a reviewed copy that comes back adds only what the reviewer wrote.

The pass runs on a finished tree (after check), only for a review copy: a report rendered without
`--review` has no comment at all.
"""

from __future__ import annotations

import msgspec

from drafter.project.model import Project, ReviewNote
from drafter.project.report import typography
from drafter.project.report.language import Language, language
from drafter.project.report.tree import (
    Comment,
    Heading,
    Para,
    ParaRole,
    Remark,
    Report,
    paragraph_bookmark,
    plain_text,
)
from drafter.project.review import author_name, threads
from drafter.project.template import Template


class ReviewWords(msgspec.Struct, frozen=True):
    """How a proposed change reads in a comment, in the template's language."""

    insertion: str
    deletion: str
    replacement: str
    quotes: tuple[str, str]
    arrow: str = "→"

    @classmethod
    def of(cls, template: Template, project: Project) -> ReviewWords:
        lang: Language = language(template.language or project.metadata.language or "en")

        def lead(key: str) -> str:
            # "Proposed deletion:" / « Suppression proposée : » with the language's spacing.
            return typography.smarten(template.label(key) + ":", lang)

        return cls(
            lead("review_insertion"),
            lead("review_deletion"),
            lead("review_replacement"),
            (lang.quotes[0], lang.quotes[1]),
        )


def note_text(note: ReviewNote, words: ReviewWords) -> str:
    """What the comment for `note` says."""
    o, c = words.quotes
    match note.kind:
        case "insertion":
            return f"{words.insertion} {o}{note.text}{c}"
        case "deletion":
            return f"{words.deletion} {o}{note.deleted}{c}"
        case "replacement":
            return f"{words.replacement} {o}{note.deleted}{c} {words.arrow} {o}{note.text}{c}"
        case _:  # a comment, a reply, an author's note: its own words
            return note.text


def note_remarks(note: ReviewNote, words: ReviewWords, author: str) -> list[tuple[str, Remark]]:
    """("note", the comment) and, when answered, ("answer", the author's answer); `author`
    signs an answer recorded without a name."""
    out = [("note", Remark(note.author, note_text(note, words), note.date))]
    if note.answer.strip():
        out.append(("answer", Remark(note.answered_by or author, note.answer, note.answered)))
    return out


def review_threads(project: Project, words: ReviewWords) -> list[tuple[ReviewNote, list[Remark]]]:
    """Each open note that starts a thread, with the thread's comments in order: the note, its
    answer, then the replies (and their answers) by date."""
    author = author_name(project)
    out: list[tuple[ReviewNote, list[Remark]]] = []
    for notes in threads(project):
        root = notes[0][1]
        if root.status != "open":
            continue
        first = [r for _, r in note_remarks(root, words, author)]
        rest = [r for _, n in notes[1:] for _, r in note_remarks(n, words, author)]
        rest.sort(key=lambda r: r.date)  # ISO dates sort as text; undated ones first, stably
        out.append((root, first + rest))
    return out


def known_remarks(
    project: Project, words: ReviewWords, placed: set[str]
) -> dict[tuple[str, str, str], str]:
    """(place, author, words) -> the id of the note a comment drafter wrote stands for, where
    place is the CO paragraph whose heading carries it ("" for the title or another heading):
    `drafter import-review` uses it to tell the comments drafter wrote from the reviewer's new
    ones. `placed`: the paragraphs the reviewed file has a heading bookmark for."""
    author = author_name(project)
    out: dict[tuple[str, str, str], str] = {}
    for n in project.review:
        place = n.paragraph if n.paragraph in placed else ""
        for _, r in note_remarks(n, words, author):
            out.setdefault((place, _flat(r.author), _flat(r.text)), n.id)
    return out


def _flat(text: str) -> str:
    return " ".join(text.split()).casefold()


def remark_key(place: str, author: str, text: str) -> tuple[str, str, str]:
    return (place, _flat(author), _flat(text))


def add_review_comments(report: Report, project: Project, template: Template) -> int:
    """Put the open review notes into `report` as comments, mark every page as a draft for
    review; returns the number of comments (replies included)."""
    report.meta.draft_line = template.label("review_line")
    words = ReviewWords.of(template, project)
    by_anchor: dict[str, Heading] = {}
    by_text: dict[str, Heading] = {}
    title: Para | None = None
    for d in report.divisions:
        for b in d.blocks:
            if isinstance(b, Heading):
                if b.anchor:
                    by_anchor.setdefault(b.anchor, b)
                by_text.setdefault(_flat(plain_text(b.inlines)), b)
            elif isinstance(b, Para) and b.role == ParaRole.TITLE and title is None:
                title = b
    threads: dict[int, tuple[Heading | Para, list[list[Remark]]]] = {}
    count = 0
    for note, remarks in review_threads(project, words):
        target: Heading | Para | None = None
        if note.paragraph:
            target = by_anchor.get(paragraph_bookmark(note.paragraph))
        if target is None and note.section:
            target = by_text.get(_flat(note.section))
        if target is None:
            target = title
        if target is None:
            continue
        threads.setdefault(id(target), (target, []))[1].append(remarks)
        count += len(remarks)
    for target, on_it in threads.values():
        target.inlines = [Comment(target.inlines, on_it)]
    return count
