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
from tests.render.docx_reading import normal

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdfs(
    kz_docx: Path, br_project: Path, soffice_profile: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    out = tmp_path_factory.mktemp("pdf")
    br_docx = out / "brazil.docx"
    with Workspace.open(br_project, read_only=True) as ws:
        render_docx(ws, br_docx)
    pdfs = to_pdf([kz_docx, br_docx], out / "pdf", soffice_profile)
    return {p.stem: pdf_text(p).replace("\u2011", "-") for p in pdfs}


def test_cover_footnotes_and_page_numbers_in_the_pdf(pdfs: dict[str, str]) -> None:
    text = pdfs["kazakhstan"]
    flat = normal(text)
    assert normal(KZ_TITLE.replace("'", "’")) in flat
    assert "CERD/C/KAZ/11-14, para. 1." in flat
    assert re.search(r"Ibid\., para\. \d+\.", flat)
    assert "A note that cites the evidence" in flat
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 4
    # Page numbers in the footer, from 1 on the first page after the cover and contents.
    footers = [p.strip().splitlines()[-1].strip() if p.strip() else "" for p in pages]
    assert footers[0] != "1" and footers[1] != "1"
    numbers = [int(f) for f in footers if f.isdigit()]
    assert numbers[:3] == [1, 2, 3]
    assert "[@" not in text and "**" not in text and "[^" not in text


def test_follow_up_report_in_the_pdf(pdfs: dict[str, str]) -> None:
    flat = normal(pdfs["brazil"])
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
    ).stdout.replace("\u2011", "-")  # a no-break hyphen, as pandoc reads w:noBreakHyphen
    assert "# Executive summary" in md
    assert "## " in md and "### Paragraph" in md
    notes = re.findall(r"(?m)^\[\^(\d+)\]: ", md)
    refs = re.findall(r"\[\^\d+\](?!:)", md)
    assert len(notes) >= 30 and len(refs) == len(notes)
    assert "[^1]: CERD/C/KAZ/11-14, para. 1." in md
    assert "[link to OHCHR](https://www.ohchr.org/en/treaty-bodies/cerd)" in " ".join(md.split())
