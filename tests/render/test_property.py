"""Property: whatever Markdown an author types, every word of it reaches the document (the body
or a footnote, read back from the DOCX), and LibreOffice opens the file.

Words are tokens the generator knows (`wd123`), mixed with pieces of Markdown syntax and
arbitrary text; a word is lost only if the pipeline drops the author's text somewhere (a note
nobody refers to, a list nested too deep, a table row longer than its header: all seen)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.project.report.markdown import parse_markdown
from drafter.project.report.tree import Heading, Text
from drafter.render.docx_writer import DocxWriter
from tests.render.conftest import finished, to_pdf
from tests.render.docx_reading import body, footnotes

# Pieces of Markdown syntax (no bare parentheses: "[text](words)" makes the words a link's
# address, which is not text the author means to print).
SYNTAX = [
    "**", "*", "_", "__", "~~", "`", "```\n", "[", "]", "[^1]", "\n[^1]: ", "[^x]", "\n\n[^2]: ",
    "[@cerd-c-kaz-11-14:170]", "[@cerd-c-kaz-11-14:10-12; @fidh]", "[@unknown:b3]",
    "[@x:22(a)]", "[@bad 1]", "- ", "* ", "1. ", "2) ", "> ", "# ", "### ",
    "| a | b |\n|---|---|\n| ", " |", " | ", "---\n", "<b>", "</div>", "<!-- c -->", "&amp;",
    "&#0;", "\\", "\n", "\n\n", "    ", "  \n", "  ", "https://www.ohchr.org",
    "<https://example.org>", "[l](https://example.org)", "![img](x.png)", "\x00", "\x0b",
    "\ufffe", '"', "'", "...", "--",
]  # fmt: skip
word = st.integers(0, 999_999).map(lambda n: f" wd{n} ")
piece = st.one_of(word, word, st.sampled_from(SYNTAX), st.text(max_size=6))
commentary = st.lists(piece, max_size=50).map("".join)
WORD = re.compile(r"wd\d+")


def render(markdown: str, out: Path) -> list[str]:
    parsed = parse_markdown(markdown, "commentary", numbered=True)
    DocxWriter(finished([Heading(1, [Text("Commentary")]), *parsed.blocks])).write(out)
    return parsed.warnings


def words_written(markdown: str) -> list[str]:
    """The author's words, as the generator put them (forbidden characters cannot be in one)."""
    return WORD.findall(markdown)


def assert_every_word_reaches(markdown: str, out: Path) -> None:
    text = "\n".join(p.text for p in body(out)) + "\n" + "\n".join(footnotes(out).values())
    found = set(WORD.findall(text))
    missing = [w for w in words_written(markdown) if w not in found]
    assert not missing, (missing, markdown)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown=commentary)
def test_every_word_the_author_wrote_reaches_the_document(
    markdown: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("md") / "c.docx"
    warnings = render(markdown, out)
    if any(c in markdown for c in "\x00\x0b\ufffe"):
        assert any("cannot hold" in w for w in warnings)
    assert_every_word_reaches(markdown, out)


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=st.lists(commentary, min_size=5, max_size=5))
def test_any_markdown_renders_to_a_docx_libreoffice_opens(
    batch: list[str], tmp_path: Path, soffice_profile: str
) -> None:
    folder = tmp_path / f"batch-{abs(hash(tuple(batch)))}"
    folder.mkdir()
    docs = []
    for i, markdown in enumerate(batch):
        out = folder / f"c{i}.docx"
        render(markdown, out)
        docx.Document(str(out))  # python-docx reads it back
        with zipfile.ZipFile(out) as z:
            assert z.testzip() is None
        assert_every_word_reaches(markdown, out)
        docs.append(out)
    for pdf in to_pdf(docs, folder / "pdf", soffice_profile):
        assert pdf.is_file() and pdf.stat().st_size > 0, pdf
