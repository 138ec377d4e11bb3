"""`drafter check`: is the report submittable? It builds the report (the same tree the renderer
writes), so its word count and findings are the render's: citations that resolve nowhere, text
that looks like a citation and is not one, entries outside the template's scope, a template of
another committee, quotations no longer in their source (errors); the word limit, paragraphs
written but not assessed, cover facts missing (warnings). It adds what only the project on disk
can say: sources missing, changed since imported or unreadable.

It also says what a git merge left for the author to decide (drafter merge-file), whether the
clone lacks the merge driver, and which paragraphs have review notes still open (warnings).
`drafter render` runs this check first and stops on an error unless it renders a draft.
Nothing here changes the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.project import gitsetup, merge, review
from drafter.project.importing import sha256_file
from drafter.project.report.builder import BuiltReport, Finding, build_report
from drafter.project.report.words import WordCount, count_words

if TYPE_CHECKING:
    from drafter.project.template import Template
    from drafter.project.workspace import Workspace

Problem = Finding  # the name `check` used before the report builder shared it

__all__ = ["CheckReport", "Problem", "SourceStatus", "check", "count_words", "source_findings"]


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
    words: WordCount
    limit: int = 0  # 0: no published limit
    counts: list[str] = field(default_factory=list)  # the parts the limit counts
    limit_source: str = ""
    problems: list[Finding] = field(default_factory=list)
    sources: list[SourceStatus] = field(default_factory=list)
    built: BuiltReport | None = None  # the report itself, for the renderer

    @property
    def total(self) -> int:
        """The one word count: what the template's limit applies to."""
        return self.words.total

    @property
    def errors(self) -> list[Finding]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def submittable(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        counted = self.words.counted
        return {
            "submittable": self.submittable,
            "words": {
                "total": self.total,
                "limit": self.limit or None,
                "counts": self.counts,
                "limit_source": self.limit_source,
                "parts": dict(self.words.parts),
                "footnotes": self.words.parts["footnotes"],
                "sections": [
                    {
                        "section": d.title,
                        "part": d.part.value,
                        "paragraph": d.paragraph,
                        "words": sum(d.words.values()),
                        "counted": d.total(counted),
                    }
                    for d in self.words.divisions
                    if d.part.value not in ("cover", "contents")
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


def check(
    ws: Workspace, template: Template | str | None = None, *, draft: bool = False
) -> CheckReport:
    """Build the report and say what is wrong with it; `template` overrides the project's."""
    built = build_report(ws, template, draft=draft)
    tpl = built.template
    report = CheckReport(
        words=built.words,
        limit=tpl.word_limit.words,
        counts=sorted(built.words.counted),
        limit_source=tpl.word_limit.source,
        problems=list(built.findings),
        built=built,
    )
    statuses, findings = _sources(ws)
    report.sources = statuses
    report.problems.extend(findings)
    # What a git merge left for the author to decide (drafter merge-file), and a clone that
    # would merge line by line because its git config lacks the driver.
    for pid, message in merge.conflict_messages(ws.project):
        report.problems.append(Finding("error", "merge-conflict", message, pid or None))
    # Reviewers' notes still open (a warning: the author decides when a note is dealt with).
    for pid, message in review.open_messages(ws.project):
        report.problems.append(Finding("warning", "review-open", message, pid or None))
    missing_driver = gitsetup.driver_missing(ws.folder)
    if missing_driver:
        report.problems.append(Finding("warning", "git-setup", missing_driver))
    # Spelling (warnings only; the rules are in spelling.py).
    from drafter.project.spelling import spelling_problems

    report.problems.extend(spelling_problems(ws))
    return report


def source_findings(ws: Workspace) -> list[Finding]:
    """Sources missing, changed on disk or unreadable; cheap (no report is built), for the
    TUI's start-up."""
    return _sources(ws)[1]


def _sources(ws: Workspace) -> tuple[list[SourceStatus], list[Finding]]:
    statuses: list[SourceStatus] = []
    findings: list[Finding] = []
    for s in ws.project.sources:
        path = ws.folder / s.path
        status = "ok"
        if not path.is_file():
            status = "missing"
            findings.append(
                Finding("error", "source-missing", f"source {s.id!r}: {s.path} is missing")
            )
        elif s.sha256 and sha256_file(path) != s.sha256:
            status = "changed"
            findings.append(
                Finding(
                    "error",
                    "source-changed",
                    f"source {s.id!r}: {s.path} changed since it was imported "
                    f"(run `drafter import` on it again)",
                )
            )
        elif s.id in ws.document_errors:
            status = "unreadable"
            findings.append(
                Finding("error", "source-unreadable", ws.document_errors[s.id].one_line())
            )
        statuses.append(SourceStatus(s.id, s.kind, s.symbol, s.path, status))
    return statuses, findings
