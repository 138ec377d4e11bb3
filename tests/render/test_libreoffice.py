"""The reviewer's side: the report opens in LibreOffice (converted to PDF, read with pdftotext)
and pandoc reads it back, with its cover, footnotes, page numbers and headings."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require

from drafter.project.workspace import Workspace
from drafter.render import render_docx
from tests.render.conftest import BR_TITLE, KZ_TITLE, pdf_text, to_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(
    kz_docx: Path, br_project: Path, soffice_profile: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    out = tmp_path_factory.mktemp("pdf")
    br_docx = out / "brazil.docx"
    with Workspace.open(br_project, read_only=True) as ws:
        render_docx(ws, br_docx)
    return {p.stem: pdf_text(p) for p in to_pdf([kz_docx, br_docx], out / "pdf", soffice_profile)}


def test_cover_footnotes_and_page_numbers_in_the_pdf(pdfs: dict[str, str]) -> None:
    text = pdfs["kazakhstan"]
    flat = " ".join(text.split())
    assert " ".join(KZ_TITLE.split()) in flat
    assert "CERD/C/KAZ/11-14, para. 1." in flat
    assert re.search(r"Ibid\., para\. \d+\.", flat)
    assert "A note that cites the evidence" in flat
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 4
    # Page numbers in the footer: page N's text has a line holding just N (not on the cover).
    numbered = [n for n, page in enumerate(pages, start=1) if re.search(rf"(?m)^\s*{n}\s*$", page)]
    assert len(numbered) >= 3 and 1 not in numbered
    assert "[@" not in text and "**" not in text and "[^" not in text


def test_follow_up_report_in_the_pdf(pdfs: dict[str, str]) -> None:
    flat = " ".join(pdfs["brazil"].split())
    assert BR_TITLE in flat and "CONFIDENTIAL" in flat
    assert "CERD/C/BRA/CO/18-20, para. 17." in flat
    assert "Paragraph 36 (follow-up paragraph)" in flat


def test_pandoc_reads_headings_and_footnotes(kz_docx: Path) -> None:
    require("pandoc")
    md = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "markdown", str(kz_docx)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "# Executive summary" in md
    assert "## " in md and "### Paragraph" in md
    notes = re.findall(r"(?m)^\[\^(\d+)\]: ", md)
    refs = re.findall(r"\[\^\d+\](?!:)", md)
    assert len(notes) >= 30 and len(refs) == len(notes)
    assert "[^1]: CERD/C/KAZ/11-14, para. 1." in md
    assert "[link to OHCHR](https://www.ohchr.org/en/treaty-bodies/cerd)" in " ".join(md.split())
