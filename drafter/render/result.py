"""What a render returns. Kept apart from the writer so that importing it costs nothing (the TUI
starts without loading python-docx or markdown-it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.project.check import CheckReport


@dataclass(slots=True)
class RenderReport:
    output: Path
    check: CheckReport
    pdf: Path | None = None
    warnings: list[str] = field(default_factory=list)  # the writer's own (characters removed)
    draft: bool = False
    review: bool = False  # a copy for a reviewer, with the open review notes as comments
    comments: int = 0

    @property
    def words(self) -> int:
        """The one word count (the template's rule), as `drafter check` gives it."""
        return self.check.total

    @property
    def word_limit(self) -> int:
        return self.check.limit

    @property
    def footnotes(self) -> int:
        return self.check.built.notes if self.check.built else 0

    @property
    def paragraphs(self) -> int:
        return self.check.built.paragraphs if self.check.built else 0

    @property
    def template(self) -> str:
        return self.check.built.template.id if self.check.built else ""

    @property
    def over_limit(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit

    def lines(self) -> list[str]:
        """A summary for people (the CLI prints it; the TUI shows it)."""
        written = f"Written {self.output}"
        if self.pdf:
            written += f" and {self.pdf}"
        kind = ("draft, " if self.draft else "") + (
            f"review copy with {self.comments} comment{'s' if self.comments != 1 else ''}, "
            if self.review
            else ""
        )
        limit = f" of {self.word_limit:,}" if self.word_limit else " (no limit in the template)"
        parts = self.check.words.parts
        out = [
            f"{written} ({kind}template {self.template})",
            f"  {self.paragraphs} concluding-observations paragraphs, {self.footnotes} footnotes",
            f"  words: {self.words:,}{limit}; body {parts['body']:,}, quotations "
            f"{parts['quotations']:,}, footnotes {parts['footnotes']:,}, annexes "
            f"{parts['annexes']:,}",
        ]
        out += [f"  {p.severity}: {p.message}" for p in self.check.problems]
        out += [f"  warning: {w}" for w in dict.fromkeys(self.warnings)]
        return out
