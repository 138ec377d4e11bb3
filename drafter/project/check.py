"""`drafter check`: is the report submittable? Word counts against the limit, unassessed
paragraphs, citations pointing nowhere, sources missing or changed on disk.

Problems are `error` (the report should not go out like this: `drafter check` exits 1) or
`warning` (worth a look). Nothing here changes the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.documents.model import Role
from drafter.project import citations, gitsetup, merge
from drafter.project.importing import sha256_file
from drafter.project.schema import sorted_entry_ids

if TYPE_CHECKING:
    from drafter.project.workspace import Workspace

# Markdown punctuation that is not words: emphasis, headings, list markers, link brackets.
_MARKUP = re.compile(r"[*_`#>|~\[\]]+|^\s*(?:[-+]|\d+[.)])\s+", re.M)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def count_words(markdown: str) -> int:
    """Words as a word processor counts them, after dropping Markdown syntax and citation
    tokens (those become footnotes, counted separately)."""
    text = citations.CITATION.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _MARKUP.sub(" ", text)
    # As Word counts: runs of non-space holding a letter or digit ("1,000", "non-refoulement").
    return sum(1 for t in text.split() if any(c.isalnum() for c in t))


@dataclass
class SectionCount:
    section: str
    words: int
    counted: bool  # counts toward the limit under the template's rule


@dataclass
class Problem:
    severity: str  # "error" or "warning"
    kind: str  # "word-limit", "unassessed", "citation", "source-missing", "source-changed", …
    message: str
    paragraph: str | None = None


@dataclass
class SourceStatus:
    """An imported source as `check` found it; its id is what citations use."""

    id: str
    kind: str
    symbol: str
    path: str
    status: str  # "ok", "missing", "changed", "unreadable"


@dataclass
class CheckReport:
    sections: list[SectionCount] = field(default_factory=list)
    total: int = 0  # words counted toward the limit
    limit: int = 0  # 0: no published limit
    counts: str = "body"
    limit_source: str = ""
    footnote_words: int = 0
    problems: list[Problem] = field(default_factory=list)
    sources: list[SourceStatus] = field(default_factory=list)

    @property
    def submittable(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "submittable": self.submittable,
            "words": {
                "total": self.total,
                "limit": self.limit or None,
                "counts": self.counts,
                "limit_source": self.limit_source,
                "footnotes": self.footnote_words,
                "sections": [
                    {"section": s.section, "words": s.words, "counted": s.counted}
                    for s in self.sections
                ],
            },
            "sources": [
                {"id": s.id, "kind": s.kind, "symbol": s.symbol, "path": s.path, "status": s.status}
                for s in self.sources
            ],
            "problems": [
                {
                    "severity": p.severity,
                    "kind": p.kind,
                    "message": p.message,
                    "paragraph": p.paragraph,
                }
                for p in self.problems
            ],
        }


_FRONT = (
    ("executive_summary", "Executive summary"),
    ("about", "About the organisations"),
    ("methodology", "Methodology"),
)


def check(ws: Workspace) -> CheckReport:
    tpl = ws.template
    project = ws.project
    report = CheckReport(
        limit=tpl.word_limit.words,
        counts=tpl.word_limit.counts,
        limit_source=tpl.word_limit.source,
    )
    count_all = tpl.word_limit.counts == "all"

    fm = project.front_matter
    for attr, label in _FRONT:
        n = count_words(getattr(fm, attr))
        if n:
            report.sections.append(SectionCount(label, n, True))
    co_ids = {p.id: p for p in ws.co_paragraphs()}
    for pid in sorted_entry_ids(project):
        e = project.entries[pid]
        n = (
            count_words(e.commentary)
            + sum(count_words(q) for q in e.questions)
            + sum(count_words(r) for r in e.recommendations)
        )
        if n:
            report.sections.append(SectionCount(f"Paragraph {pid}", n, True))
    n = count_words(fm.annexes)
    if n:
        # Annexes do not count toward a "body" limit (the CRC and UPR rules say so).
        report.sections.append(SectionCount("Annexes", n, count_all))

    # Footnotes: one per citation, in the style the renderer writes.
    for pid in sorted_entry_ids(project):
        for c in citations.find_citations(project.entries[pid].commentary):
            src = project.source(c.source_id)
            if src is not None:
                report.footnote_words += count_words(citations.format_citation(src, c.paragraph_id))
    report.total = sum(s.words for s in report.sections if s.counted)
    if count_all:
        report.total += report.footnote_words

    if report.limit and report.total > report.limit:
        report.problems.append(
            Problem(
                "error",
                "word-limit",
                f"{report.total} words counted, over the limit of {report.limit} "
                f"by {report.total - report.limit}",
            )
        )

    # Assessment: written but not assessed; for follow-up submissions every follow-up paragraph.
    for pid in sorted_entry_ids(project):
        e = project.entries[pid]
        if not e.assessment and (e.commentary.strip() or e.recommendations or e.questions):
            report.problems.append(
                Problem("error", "unassessed", f"paragraph {pid} has text but no assessment", pid)
            )
        if pid not in co_ids:
            report.problems.append(
                Problem(
                    "warning",
                    "unplaced",
                    f"paragraph {pid} is not in the concluding observations",
                    pid,
                )
            )
    if tpl.only_follow_up:
        for co in ws.co_paragraphs():
            followed = project.entries.get(co.id)
            if co.follow_up and (followed is None or not followed.assessment):
                report.problems.append(
                    Problem(
                        "error",
                        "unassessed",
                        f"follow-up paragraph {co.id} is not assessed",
                        co.id,
                    )
                )

    # A report that says nothing cannot go out; paragraphs left untouched are worth a reminder
    # (a report need not cover every paragraph, so this is a warning, named in one line).
    written = [pid for pid, e in project.entries.items() if e.assessment or e.commentary.strip()]
    if not written:
        report.problems.append(
            Problem("error", "empty", "no paragraph has an assessment or commentary yet")
        )
    else:
        untouched = [
            co.id
            for co in ws.co_paragraphs()
            if co.role in (Role.CONCERN, Role.RECOMMENDATION) or co.placeholder
            if ws.in_report(co.id)
            if co.id not in written
        ]
        if untouched:
            shown = ", ".join(untouched[:20]) + (" …" if len(untouched) > 20 else "")
            report.problems.append(
                Problem(
                    "warning",
                    "not-addressed",
                    f"{len(untouched)} paragraphs not addressed yet: {shown}",
                )
            )

    # Citations and evidence keys must point at an imported paragraph.
    for pid in sorted_entry_ids(project):
        e = project.entries[pid]
        keys = [
            (c.source_id, c.paragraph_id, c.token)
            for c in citations.find_citations(
                "\n".join((e.commentary, *e.questions, *e.recommendations))
            )
        ]
        for key in e.evidence:
            sid, _, para = key.partition(":")
            keys.append((sid, para, key))
        for sid, para, shown in keys:
            problem = _citation_problem(ws, sid, para)
            if problem:
                report.problems.append(
                    Problem("error", "citation", f"paragraph {pid}: {shown} {problem}", pid)
                )
    for attr, label in (*_FRONT, ("annexes", "Annexes")):
        for c in citations.find_citations(getattr(fm, attr)):
            problem = _citation_problem(ws, c.source_id, c.paragraph_id)
            if problem:
                report.problems.append(
                    Problem("error", "citation", f"{label}: {c.token} {problem}")
                )

    # What a git merge left for the author to decide (drafter merge-file), and a clone that
    # would merge line by line because its git config lacks the driver.
    for pid, message in merge.conflict_messages(project):
        report.problems.append(Problem("error", "merge-conflict", message, pid or None))
    missing_driver = gitsetup.driver_missing(ws.folder)
    if missing_driver:
        report.problems.append(Problem("warning", "git-setup", missing_driver))

    # Sources on disk: missing, or changed since imported (citations may point elsewhere now).
    for s in project.sources:
        path = ws.folder / s.path
        status = "ok"
        if not path.is_file():
            status = "missing"
            report.problems.append(
                Problem("error", "source-missing", f"source {s.id!r}: {s.path} is missing")
            )
        elif s.sha256 and sha256_file(path) != s.sha256:
            status = "changed"
            report.problems.append(
                Problem(
                    "error",
                    "source-changed",
                    f"source {s.id!r}: {s.path} changed since it was imported "
                    f"(run `drafter import` on it again)",
                )
            )
        elif s.id in ws.document_errors:
            status = "unreadable"
            report.problems.append(
                Problem("error", "source-unreadable", ws.document_errors[s.id].one_line())
            )
        report.sources.append(SourceStatus(s.id, s.kind, s.symbol, s.path, status))
    return report


def _citation_problem(ws: Workspace, source_id: str, paragraph_id: str) -> str | None:
    if ws.project.source(source_id) is None:
        return "points to no imported source"
    doc = ws.documents.get(source_id)
    if doc is None:
        return None  # the source itself is reported missing or unreadable
    if doc.paragraph(paragraph_id) is None:
        base = paragraph_id.split("(", 1)[0]
        if doc.paragraph(base) is None:
            return f"points to no paragraph {paragraph_id!r} in that source"
    return None
