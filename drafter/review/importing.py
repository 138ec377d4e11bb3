"""`drafter import-review`: the reviewer's comments and tracked changes, placed on the CO
paragraph whose section they sit in, added to the project as review notes.

A note is placed by the section heading the renderer wrote ("Paragraph 17", in the template's
language) or a `drafter_p_17` bookmark; when the words a comment is attached to are found in
exactly one other paragraph's text (the reviewer moved or deleted headings), that paragraph wins.
A note that fits no paragraph is kept unplaced, with the heading it was under: never dropped.
The comments a review copy carried (the author's notes, earlier notes and answers) are
recognised as drafter's and not added again; a reply to one of them is threaded under its note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import ReadError
from drafter.project import citations
from drafter.project.model import ReviewNote
from drafter.project.report.comments import ReviewWords, known_remarks, remark_key
from drafter.project.report.tree import paragraph_bookmark
from drafter.project.review import add_notes, note_id
from drafter.project.workspace import Workspace
from drafter.review.docx_notes import Found, read_review

_MARKUP = re.compile(r"[*_`#>|~\[\]]+")


@dataclass
class ReviewImport:
    file: Path
    added: list[ReviewNote] = field(default_factory=list)
    known: int = 0  # imported before
    recognised: int = 0  # comments drafter wrote into the review copy (notes already here)
    moved: int = 0  # placed by their words, not their heading

    @property
    def unplaced(self) -> list[ReviewNote]:
        return [n for n in self.added if not n.paragraph]


def _flat(text: str) -> str:
    text = citations.CITATION.sub(" ", text)
    return " ".join(_MARKUP.sub("", text).split())


def _heading_pattern(label: str) -> re.Pattern[str]:
    """ "Paragraph {id}" -> a pattern for "Paragraph 17" or "Paragraph 17 (follow-up …)"."""
    head, _, tail = label.partition("{id}")
    return re.compile(
        re.escape(head.strip())
        + r"\s*(?P<id>[\w().-]+?)"
        + re.escape(tail.strip())
        + r"(?:\s*\(.*\))?",
        re.I,
    )


def import_review(ws: Workspace, file: Path) -> ReviewImport:
    """Read `file`, place each note, add the new ones to the project and save."""
    if not file.is_file():
        raise ReadError("no such file", file)
    known_ids = {c.id for c in ws.co_paragraphs()} | set(ws.project.entries)
    prefix = len(paragraph_bookmark(""))
    bookmark_ids = {paragraph_bookmark(pid)[prefix:]: pid for pid in known_ids}
    patterns = {_heading_pattern(ws.template.label("paragraph", id="{id}"))}
    patterns.add(_heading_pattern("Paragraph {id}"))

    def section_of(text: str) -> str | None:
        for pattern in patterns:
            m = pattern.fullmatch(text.strip())
            if m and m["id"] in known_ids:
                return m["id"]
        return None

    reviewed = read_review(file, section_of)
    found = reviewed.found
    for f in found:
        if f.paragraph and f.paragraph not in known_ids:
            f.paragraph = bookmark_ids.get(f.paragraph, "")
    placed = {bookmark_ids.get(b, b) for b in reviewed.bookmarks}
    # The comments drafter wrote into a review copy (`drafter render --review`) come back too:
    # recognised by place, author and words, they stand for the notes they were written from.
    review_words = ReviewWords.of(ws.template, ws.project)
    drafter_wrote = known_remarks(ws.project, review_words, placed)
    texts: dict[str, str] = {}
    for pid in known_ids:
        e = ws.project.entries.get(pid)
        parts = [e.commentary, *e.questions, *e.recommendations] if e else []
        co = ws.co_paragraph(pid)
        if co is not None and not co.placeholder:
            parts.append(co.text)
        texts[pid] = _flat("\n".join(parts))

    result = ReviewImport(file)
    ids: dict[str, str] = {}  # comment w:id -> note id
    notes: list[ReviewNote] = []
    new: list[Found] = []
    for f in found:
        if f.kind == "comment":
            ours = drafter_wrote.get(remark_key(f.paragraph, f.author, f.text))
            if ours is not None:
                ids[f.comment_id] = ours
                result.recognised += 1
                continue
        new.append(f)
    found = new
    for f in found:
        words = _flat(f.anchor if f.kind == "comment" else f.deleted or f.before[-40:])
        if len(words) >= 12 and (not f.paragraph or words not in texts.get(f.paragraph, "")):
            hits = [pid for pid, t in texts.items() if words in t]
            if len(hits) == 1:
                f.paragraph = hits[0]
                result.moved += 1
        note = _note(f, file)
        if f.comment_id:
            ids[f.comment_id] = note.id
        notes.append(note)
    every = {n.id: n for n in ws.project.review} | {n.id: n for n in notes}
    for f, note in zip(found, notes, strict=True):
        if f.reply_to:
            note.reply_to = ids.get(f.reply_to, "")
            parent = every.get(note.reply_to)
            if parent is not None:
                note.paragraph = parent.paragraph
    added = add_notes(ws.project, notes)
    result.added, result.known = added.added, added.known
    if added.added:
        ws.mark_dirty()
        ws.save()
    return result


def _note(f: Found, file: Path) -> ReviewNote:
    nid = note_id(f.kind, f.author, f.date, f.text, f.deleted, f.anchor, f.before, f.after)
    return ReviewNote(
        id=nid,
        kind=f.kind,
        paragraph=f.paragraph,
        section=f.section,
        author=f.author,
        date=f.date,
        text=f.text,
        deleted=f.deleted,
        anchor=f.anchor,
        before=f.before,
        after=f.after,
        status="resolved" if f.done else "open",
        file=file.name,
    )
