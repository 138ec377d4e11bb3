"""What a render returns. Kept apart from the writer so that importing it costs nothing (the TUI
starts without loading python-docx or markdown-it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class WordCounts:
    """Words in the rendered report, by where they are (the template says which count)."""

    body: int = 0  # front matter, topic sections, summary table
    footnotes: int = 0
    annexes: int = 0
    cover: int = 0  # cover page and contents, counted by no committee

    @property
    def total(self) -> int:
        return self.body + self.footnotes + self.annexes

    def counted(self, counts: str) -> int:
        """The number a word limit applies to: "body" or "all" (body, notes and annexes)."""
        return self.total if counts == "all" else self.body


@dataclass(slots=True)
class RenderReport:
    output: Path
    warnings: list[str] = field(default_factory=list)
    counts: WordCounts = field(default_factory=WordCounts)
    words: int = 0  # the number the template's word limit applies to
    word_limit: int = 0  # 0: the template knows no limit
    footnotes: int = 0
    paragraphs: int = 0  # concluding-observations paragraphs in the report
    template: str = ""

    @property
    def over_limit(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit

    def lines(self) -> list[str]:
        """A summary for people (the CLI prints it)."""
        limit = f" of {self.word_limit:,}" if self.word_limit else " (no limit in the template)"
        out = [
            f"Written {self.output} (template {self.template})",
            f"  {self.paragraphs} concluding-observations paragraphs, {self.footnotes} footnotes",
            f"  words: {self.words:,}{limit}; body {self.counts.body:,}, "
            f"footnotes {self.counts.footnotes:,}, annexes {self.counts.annexes:,}",
        ]
        out += [f"  warning: {w}" for w in self.warnings]
        return out
