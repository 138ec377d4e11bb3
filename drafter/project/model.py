"""The project file's content as Python objects: metadata, sources, front matter, entries.

This is the shape of `drafter.toml` (see docs/project-file.md). It knows nothing of TOML, files,
Textual or DOCX: `store.py` reads and writes it, `workspace.py` ties it to parsed sources.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Organisation:
    """A submitting organisation; in a coalition, `role` says what it did ("lead", "member")."""

    # Optional like every field: the file leaves empty values out, so a required one would make
    # an organisation whose name is still blank unreadable after its first save.
    name: str = ""
    contact: str = ""
    email: str = ""
    role: str = ""
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Metadata:
    title: str = ""
    report_label: str = ""  # "Alternative report", taken from the template unless overridden
    committee: str = ""  # "CERD"
    treaty: str = ""  # "International Convention on the Elimination of All Forms of …"
    state: str = ""  # "Kazakhstan"
    session: str = ""  # "118th session"
    session_start: str = ""  # ISO dates, "" when unknown
    session_end: str = ""
    deadline: str = ""
    # The date on the cover: the day the author sends it, not the day of rendering.
    submitted: str = ""
    short_title: str = ""  # the running header's title ("" = the report label and State)
    logo: str = ""  # an image in the project folder for the cover ("sources/logo.png")
    language: str = "en"
    confidentiality: str = "public"  # "public" or "confidential"
    template: str = ""
    organisations: list[Organisation] = field(default_factory=list)
    # Words the spelling check accepts in this project: names, acronyms ("Quilombola", "MIR").
    known_words: list[str] = field(default_factory=list)
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)


DATE_FIELDS = ("session_start", "session_end", "deadline", "submitted")
CONFIDENTIALITY = ("public", "confidential")


def metadata_problem(name: str, value: str, folder: Path | None = None) -> str | None:
    """What is wrong with a metadata value, or None. One rule for the CLI and the TUI's form:
    the overview counts days to the deadline, so dates must be ISO dates. Given the project
    `folder`, the logo gets the whole rule of a named path (paths.named_path: no symbolic link
    leading out either); without it, the rule of its spelling."""
    if name in DATE_FIELDS and value:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date like 2026-08-03"
    if name == "confidentiality" and value not in CONFIDENTIALITY:
        return f"{value!r} is not one of {', '.join(CONFIDENTIALITY)}"
    if name == "logo" and value:
        from drafter.project import paths  # here: paths imports this module

        if folder is None:
            problem = paths.spelling_problem(value)
        else:
            try:
                paths.named_path(folder, value)
                problem = None
            except paths.PathRefused as exc:
                problem = str(exc)
        if problem is not None:
            return f"{value!r} {problem}"
    return None


@dataclass
class Source:
    """An imported document. `path` is relative to the project folder (sources/…)."""

    id: str  # a slug, used in citations: "cerd-c-kaz-11-14"
    kind: str  # a DocumentKind value
    path: str
    symbol: str = ""
    title: str = ""
    date: str = ""
    # How a document without a UN symbol (the NGO's evidence) is cited in full the first time.
    author: str = ""
    url: str = ""
    sha256: str = ""
    # The document's language when the author gave it (`--language`); "" to detect it.
    language: str = ""
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FrontMatter:
    """Markdown text that opens the report."""

    executive_summary: str = ""
    about: str = ""
    methodology: str = ""
    annexes: str = ""
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Entry:
    """The author's work on one concluding-observations paragraph."""

    paragraph: str  # the CO paragraph id, "16"
    assessment: str = ""  # an id from the template's scale; "" = not assessed
    commentary: str = ""  # Markdown; citations as [@source-id:paragraph-id]
    questions: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # citation keys "source-id:paragraph-id"
    pinned: list[str] = field(default_factory=list)  # link keys the author pinned
    hidden: list[str] = field(default_factory=list)  # link keys the author hid
    # The words the author chose to quote from a linked paragraph, by link key; each must stay
    # an exact part of that paragraph (the report quotes the source verbatim).
    quotes: dict[str, str] = field(default_factory=dict)
    author: str = ""  # coalition member who wrote it
    updated: str = ""  # ISO timestamp of the last edit
    done: bool = False
    reviewed: bool = False
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """Nothing to keep: the entry is left out of the file. A paragraph claimed by a
        coalition member (`drafter entry -p 16 --author "NGO A"`) is kept, with nothing else."""
        return not (
            self.author
            or self.assessment
            or self.commentary.strip()
            or self.questions
            or self.recommendations
            or self.evidence
            or self.pinned
            or self.hidden
            or self.quotes
            or self.done
            or self.reviewed
            or self.extra
        )


# What a merge conflict record says happened (`Conflict.kind`).
CONFLICT_KINDS = ("text", "value", "deleted", "order")


@dataclass
class Conflict:
    """Two branches changed one field differently; `drafter merge-file` kept both and the author
    decides (docs/project-file.md, "Merging in git"). `drafter check` reports each as an error."""

    field: str  # in an entry its field ("commentary"); elsewhere a dotted path ("metadata.title")
    kind: str  # "text": both texts in the field between markers; "value": ours kept, `theirs`
    # below; "deleted": kept though one branch deleted it; "order": both branches reordered
    paragraph: str = ""  # the CO paragraph whose entry holds the field; "" outside the entries
    theirs: Any = None  # kind "value": the other branch's value (absent: it left it empty)
    note: str = ""  # what happened, in words, with the branch names when git gave them
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)  # `field` is a key here

    @property
    def where(self) -> str:
        """`paragraph 17: commentary` or `metadata.title`: how messages name it."""
        return f"paragraph {self.paragraph}: {self.field}" if self.paragraph else self.field


# A reviewer's comment or tracked change (imported from Word), or the author's own note to the
# reviewer (`drafter review note`), which `drafter render --review` puts in the review copy.
REVIEW_KINDS = ("comment", "insertion", "deletion", "replacement", "author-note")
REVIEW_STATUSES = ("open", "resolved", "accepted", "rejected")


@dataclass
class ReviewNote:
    """What a reviewer said in Word about the rendered report: a comment (or a reply to one), or
    a tracked change, which stays a proposal until the author accepts it (docs/project-file.md,
    "Review notes"). `drafter import-review` makes them; the author's own notes to the reviewer
    (kind "author-note") are kept the same way, so the reviewer's replies thread under them."""

    id: str  # from the note's content: importing the same file twice adds nothing
    kind: str  # comment, insertion, deletion, replacement, author-note
    paragraph: str = ""  # the CO paragraph it belongs to; "" = not placed (see `section`)
    section: str = ""  # the heading it was found under ("Paragraph 17", "Executive summary")
    author: str = ""
    date: str = ""  # as Word wrote it (ISO)
    text: str = ""  # the comment; for a change the text inserted
    deleted: str = ""  # a deletion or replacement: the text the reviewer deleted
    anchor: str = ""  # the report's words a comment is attached to
    before: str = ""  # a change: the words just before and after it, to find its place
    after: str = ""
    reply_to: str = ""  # a reply: the id of the note it answers
    status: str = "open"  # open, resolved, accepted, rejected
    answer: str = ""  # the author's answer to the reviewer
    answered_by: str = ""  # who answered, as the review copy shows it
    answered: str = ""  # when (ISO)
    file: str = ""  # the DOCX it came from (its name)
    # Fields written by a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Project:
    schema: int = SCHEMA_VERSION
    metadata: Metadata = field(default_factory=Metadata)
    sources: list[Source] = field(default_factory=list)
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    entries: dict[str, Entry] = field(default_factory=dict)  # by CO paragraph id
    conflicts: list[Conflict] = field(default_factory=list)  # left by a merge, until resolved
    review: list[ReviewNote] = field(default_factory=list)  # reviewers' notes from Word
    # Top-level tables from a newer drafter: kept and written back untouched.
    extra: dict[str, Any] = field(default_factory=dict)

    def source(self, source_id: str) -> Source | None:
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def review_notes(self, paragraph_id: str) -> list[ReviewNote]:
        """The reviewers' notes placed on a CO paragraph, in file order."""
        return [n for n in self.review if n.paragraph == paragraph_id]

    def entry(self, paragraph_id: str) -> Entry:
        """The entry for a CO paragraph, created empty on first use."""
        e = self.entries.get(paragraph_id)
        if e is None:
            e = self.entries[paragraph_id] = Entry(paragraph=paragraph_id)
        return e
