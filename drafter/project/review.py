"""Reviewers' notes on the rendered report, kept in the project (`[[review]]`): adding what
`drafter import-review` read, and the author's answers to them.

A tracked change is a proposal: the author's text changes only when the author accepts it, and
then only if the change can be found unambiguously in the paragraph's text (the Markdown source is
not the Word text, so the words around the change are what finds its place).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field

from drafter.errors import DrafterError
from drafter.project.model import Entry, Project, ReviewNote
from drafter.project.schema import paragraph_sort_key

# Tracked changes: proposals the author accepts or rejects (the other kinds are comments).
CHANGE_KINDS = ("insertion", "deletion", "replacement")


def note_id(*parts: str) -> str:
    """A short id from the note's content: the same comment imported twice has the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:10]


@dataclass
class AddResult:
    added: list[ReviewNote] = field(default_factory=list)
    known: int = 0  # already in the project (imported before)


def add_notes(project: Project, notes: list[ReviewNote]) -> AddResult:
    """Add notes not yet in the project; those already there keep the author's answers."""
    have = {n.id for n in project.review}
    result = AddResult()
    for n in notes:
        if n.id in have:
            result.known += 1
            continue
        have.add(n.id)
        project.review.append(n)
        result.added.append(n)
    return result


def find_note(project: Project, prefix: str) -> ReviewNote:
    """The note whose id starts with `prefix` (as `drafter review list` shows them)."""
    hits = [n for n in project.review if n.id.startswith(prefix)] if prefix else []
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise DrafterError(f"no review note {prefix!r} (see `drafter review list`)")
    raise DrafterError(f"{prefix!r} names {len(hits)} review notes; give more of the id")


def now() -> str:
    """The time a note or an answer is written, as Word dates comments (UTC, to the second)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def author_name(project: Project, given: str | None = None) -> str:
    """Who the author is in a review copy's comments: the name given, else $DRAFTER_AUTHOR
    (what the TUI signs entries with), else the first organisation, else "Author"."""
    for name in (given, os.environ.get("DRAFTER_AUTHOR"), *_organisations(project)):
        if name and name.strip():
            return " ".join(name.split())
    return "Author"


def _organisations(project: Project) -> list[str]:
    return [o.name for o in project.metadata.organisations]


def add_author_note(project: Project, paragraph: str, text: str, author: str) -> ReviewNote:
    """The author's note to the reviewer on CO paragraph `paragraph` ("" = on the report as a
    whole); `drafter render --review` shows it as a comment, and the reviewer's reply comes back
    under it."""
    if not text.strip():
        raise DrafterError("a note to the reviewer needs some text")
    date = now()
    note = ReviewNote(
        id=note_id("author-note", author, date, text, paragraph),
        kind="author-note",
        paragraph=paragraph,
        author=author,
        date=date,
        text=text,
    )
    project.review.append(note)
    return note


def answer(note: ReviewNote, text: str, author: str = "") -> None:
    note.answer = text
    note.answered_by = author if text else ""
    note.answered = now() if text else ""


def resolve(note: ReviewNote) -> None:
    note.status = "resolved"


def reopen(note: ReviewNote) -> None:
    note.status = "open"


def reject(note: ReviewNote) -> None:
    if note.kind in ("comment", "author-note"):
        raise DrafterError(f"note {note.id} is a comment: resolve or answer it instead")
    note.status = "rejected"


def place(project: Project, note: ReviewNote, paragraph: str) -> None:
    """Put a note the import could not place on a CO paragraph (its replies go with it)."""
    note.paragraph = paragraph
    for reply in project.review:
        if reply.reply_to == note.id:
            reply.paragraph = paragraph


# What the author can do with a note, by name: `drafter review VERB` and the TUI both act
# through `act`, so a note changes the same way whichever the author uses.
VERBS = ("answer", "resolve", "reopen", "accept", "reject", "place")


def act(
    project: Project,
    note: ReviewNote,
    verb: str,
    *,
    text: str = "",
    author: str = "",
    paragraph: str = "",
) -> str:
    """Do `verb` to `note`; returns what `accept` changed ("commentary", "questions 2"), else
    "". Raises DrafterError, changing nothing, when the verb does not apply."""
    match verb:
        case "answer":
            answer(note, text, author)
        case "resolve":
            resolve(note)
        case "reopen":
            reopen(note)
        case "reject":
            reject(note)
        case "place":
            place(project, note, paragraph)
        case "accept":
            return accept(project, note)
        case _:
            raise DrafterError(f"no such action on a review note: {verb!r}")
    return ""


# -- threads and what is still open ------------------------------------------------------------


def thread(project: Project, root: ReviewNote) -> list[tuple[int, ReviewNote]]:
    """(depth, note) for `root` and its replies, each reply under the note it answers, by date."""
    replies: dict[str, list[ReviewNote]] = {}
    for n in project.review:
        if n.reply_to and n.reply_to != n.id:
            replies.setdefault(n.reply_to, []).append(n)
    out: list[tuple[int, ReviewNote]] = []
    seen: set[str] = set()

    def walk(note: ReviewNote, depth: int) -> None:
        if note.id in seen:
            return
        seen.add(note.id)
        out.append((depth, note))
        for reply in sorted(replies.get(note.id, []), key=lambda r: r.date):
            walk(reply, depth + 1)

    walk(root, 0)
    return out


def threads(project: Project, paragraph: str | None = None) -> list[list[tuple[int, ReviewNote]]]:
    """Every thread (a note that answers no other, then its replies), in file order; only
    those on CO paragraph `paragraph` when given ("" = the notes on no paragraph)."""
    ids = {n.id for n in project.review}
    roots = [
        n
        for n in project.review
        if not (n.reply_to and n.reply_to != n.id and n.reply_to in ids)
        and (paragraph is None or n.paragraph == paragraph)
    ]
    return [thread(project, r) for r in roots]


def open_by_paragraph(project: Project) -> dict[str, int]:
    """How many threads are still open, by CO paragraph ("" = on no paragraph). A thread is
    open while the note that starts it is: a review copy shows exactly these."""
    out: dict[str, int] = {}
    for t in threads(project):
        root = t[0][1]
        if root.status == "open":
            out[root.paragraph] = out.get(root.paragraph, 0) + 1
    return out


def open_messages(project: Project) -> list[tuple[str, str]]:
    """(paragraph or "", message) for each paragraph with open review notes, for `drafter
    check` (a warning: an open note does not stop a report, but should not be forgotten)."""
    counts = open_by_paragraph(project)
    out: list[tuple[str, str]] = []
    for pid in sorted((p for p in counts if p), key=paragraph_sort_key):
        n = counts[pid]
        out.append(
            (
                pid,
                f"paragraph {pid}: {n} open review note{'s' if n != 1 else ''}: answer, "
                f"resolve, accept or reject each (drafter review list DIR -p {pid}; N in the "
                "walk screen)",
            )
        )
    if counts.get(""):
        n = counts[""]
        out.append(
            (
                "",
                f"{n} open review note{'s' if n != 1 else ''} on no paragraph (on the report as "
                "a whole, or not placed): drafter review list DIR; n in the overview",
            )
        )
    return out


# -- accepting a tracked change ----------------------------------------------------------------


def _fields(entry: Entry) -> list[tuple[str, int | None, str]]:
    """(field, index in a list or None, text) of everything the author wrote in the entry."""
    out: list[tuple[str, int | None, str]] = [("commentary", None, entry.commentary)]
    out.extend(("questions", i, q) for i, q in enumerate(entry.questions))
    out.extend(("recommendations", i, r) for i, r in enumerate(entry.recommendations))
    return out


def _occurrences(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []


def _tail(text: str, size: int = 40) -> str:
    return text[-size:].lstrip() if len(text) > size else text


def _head(text: str, size: int = 40) -> str:
    return text[:size].rstrip() if len(text) > size else text


def _where(note: ReviewNote, text: str) -> tuple[int, int] | None:
    """(start, end) of what the change replaces in `text` (start == end for an insertion), when
    there is exactly one such place."""
    if note.kind in ("deletion", "replacement"):
        spots = _occurrences(text, note.deleted)
        if len(spots) > 1:  # the words around it decide
            spots = [
                s
                for s in spots
                if text[:s].endswith(_tail(note.before, 15))
                or text[s + len(note.deleted) :].startswith(_head(note.after, 15))
            ]
        if len(spots) == 1:
            return spots[0], spots[0] + len(note.deleted)
        return None
    for size in (40, 25, 12):
        b = _tail(note.before, size)
        spots = [s + len(b) for s in _occurrences(text, b)] if b.strip() else []
        if len(spots) == 1:
            return spots[0], spots[0]
    for size in (40, 25, 12):
        a = _head(note.after, size)
        spots = _occurrences(text, a) if a.strip() else []
        if len(spots) == 1:
            return spots[0], spots[0]
    return None


def accept(project: Project, note: ReviewNote) -> str:
    """Apply a tracked change to the paragraph's text; returns the field changed. Raises a
    DrafterError (and changes nothing) when its place cannot be found for certain."""
    if note.kind in ("comment", "author-note"):
        raise DrafterError(f"note {note.id} is a comment, not a change: answer or resolve it")
    if note.status == "accepted":
        raise DrafterError(f"note {note.id} was accepted already")
    if not note.paragraph or note.paragraph not in project.entries:
        raise DrafterError(
            f"note {note.id} is not on a paragraph with text (place it with `drafter review "
            "place`, or make the change by hand and resolve it)"
        )
    entry = project.entries[note.paragraph]
    found: list[tuple[str, int | None, str, tuple[int, int]]] = []
    for name, index, text in _fields(entry):
        spot = _where(note, text)
        if spot is not None:
            found.append((name, index, text, spot))
    if len(found) != 1:
        why = "nowhere, or in more than one place" if not found else f"in {len(found)} places"
        raise DrafterError(
            f"note {note.id}: its place in paragraph {note.paragraph}'s text is not certain (the "
            f"change fits {why}; the text may have changed since the report was rendered); make "
            f"it by hand, then resolve the note (`drafter review resolve {note.id}`)"
        )
    name, index, text, (start, end) = found[0]
    new = text[:start] + (note.text if note.kind != "deletion" else "") + text[end:]
    if index is None:
        entry.commentary = new
    else:
        getattr(entry, name)[index] = new
    note.status = "accepted"
    return name if index is None else f"{name} {index + 1}"
