"""Property: whatever Markdown an author types, the report is a DOCX LibreOffice opens.

LibreOffice is slow to start, so each example renders a batch of commentaries and converts them
in one run."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.render.docx_writer import DocxWriter
from drafter.render.markdown import parse_markdown
from tests.render.conftest import to_pdf

pytestmark = pytest.mark.slow

# Pieces of Markdown syntax, mixed with arbitrary text (control characters included).
SYNTAX = [
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "```\n",
    "[",
    "]",
    "(",
    ")",
    "[^1]",
    "\n[^1]: ",
    "[^x]",
    "[@cerd-c-kaz-11-14:170]",
    "[@unknown:b3]",
    "[@x:22(a)]",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "> ",
    "# ",
    "### ",
    "| a | b |\n|---|---|\n| ",
    " |",
    "---\n",
    "<b>",
    "</div>",
    "<!-- c -->",
    "&amp;",
    "&#0;",
    "\\",
    "\n",
    "\n\n",
    "    ",
    "  \n",
    "https://www.ohchr.org",
    "<https://example.org>",
    "[l](https://example.org)",
    "![img](x.png)",
    "\x00",
    "\x0b",
    "\ufffe",
]
piece = st.one_of(st.sampled_from(SYNTAX), st.text(max_size=12))
commentary = st.lists(piece, max_size=40).map("".join)


def render(markdown: str, out: Path) -> list[str]:
    w = DocxWriter(cite=lambda s, p: "CERD/C/KAZ/11-14" if s == "cerd-c-kaz-11-14" else None)
    w.heading(1, "Commentary")
    parsed = parse_markdown(markdown, "commentary")
    w.blocks(parsed.blocks, heading_base=2, numbered=True)
    w.finish(title="t", author="a", subject="s", keywords="k", language="en-GB")
    w.save(out)
    return parsed.warnings + w.warnings


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
        warnings = render(markdown, out)
        if any(c in markdown for c in "\x00\x0b\ufffe"):
            assert any("cannot hold" in w for w in warnings)
        docx.Document(str(out))  # python-docx reads it back
        with zipfile.ZipFile(out) as z:
            assert z.testzip() is None
        docs.append(out)
    pdfs = to_pdf(docs, folder / "pdf", soffice_profile)
    for pdf in pdfs:
        assert pdf.is_file() and pdf.stat().st_size > 0, pdf
