"""Real projects for the renderer's tests, built the way an author builds them: `drafter new`,
`drafter import` of the real seeds, then entries written through the Workspace (as the TUI does).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require

from drafter.cli import cli
from drafter.documents.model import Document, DocumentKind, Paragraph
from drafter.project.model import Organisation, Source
from drafter.project.report.builder import finish
from drafter.project.report.language import language
from drafter.project.report.notes import CitationWords, Resolver
from drafter.project.report.tree import Block, Division, Metadata, Part, Report
from drafter.project.workspace import Workspace
from tests.conftest import (
    BRAZIL_CO_TXT,
    BRAZIL_FCO_TXT,
    SEED_COMPILATION,
    SEED_FIDH_1,
    SEED_FIDH_2,
    SEED_LETTER,
    SEED_STATE_REPORT,
)

KZ_TITLE = "Kazakhstan: racial discrimination, a review of the State party's claims"
BR_TITLE = "Brazil: the follow-up recommendations"
STATE_REPORT = "cerd-c-kaz-11-14"


def drafter(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def build_kazakhstan(folder: Path, template: str = "cerd-alternative-report") -> Path:
    drafter(
        "new", str(folder), "--template", template, "--title", KZ_TITLE, "--state", "Kazakhstan"
    )
    drafter("import", str(folder), str(SEED_STATE_REPORT), "--as", "state-report")
    drafter("import", str(folder), str(SEED_LETTER), "--as", "committee-letter")
    drafter("import", str(folder), str(SEED_COMPILATION), "--as", "compilation")
    drafter("import", str(folder), str(SEED_FIDH_1), "--as", "evidence")
    drafter("import", str(folder), str(SEED_FIDH_2), "--as", "evidence")
    with Workspace.open(folder) as ws:
        md = ws.project.metadata
        md.session = "118th session"
        md.submitted = "2026-07-20"
        md.organisations = [
            Organisation(
                name="Example Coalition for Equality", contact="A. Author", email="a@example.org"
            ),
            Organisation(name="Second Example NGO", role="member"),
        ]
        fm = ws.project.front_matter
        fm.executive_summary = (
            "This example report reviews what the State party says about the Committee's "
            "recommendations.\n\nIt is an **example** made for tests; it states no facts of "
            "its own."
        )
        fm.methodology = (
            "We read the State party's report [@cerd-c-kaz-11-14:1] paragraph by paragraph."
        )
        cos = ws.co_paragraphs()
        scale = [lv.id for lv in ws.template.scale]
        for i, co in enumerate(cos[:6]):
            e = ws.entry(co.id)
            e.assessment = scale[i % len(scale)]
            claims = [lk.paragraph_id for lk in ws.links(co.id).group("claims")] or ["1", "2"]
            e.commentary = (
                f"The State party describes its measures[@{STATE_REPORT}:{claims[0]}]. "
                f"It adds detail[@{STATE_REPORT}:{claims[-1]}].\n\n"
                "A *second* paragraph with a "
                "[link to OHCHR](https://www.ohchr.org/en/treaty-bodies/cerd) "
                "and a note.[^n]\n\n"
                "1. a first sub-item\n2. a second sub-item\n   1. a nested one\n\n"
                "- a bullet\n  - a nested bullet\n\n"
                "> A quoted sentence.\n\n"
                "#### A heading inside the commentary\n\n"
                "| Year | Cases |\n|---|---|\n| 2023 | 4 |\n| 2024 | 7 |\n\n"
                "Raw <b>HTML</b> stays text; `inline code` too.\n\n"
                f"[^n]: A note that cites the evidence [@003-4e942972d8533948:b1]."
            )
            e.questions = [f"What has been done about paragraph {co.id}?", "How many *cases*?"]
            e.recommendations = [
                f"Adopt the measures the Committee asked for in paragraph {co.id}.",
                "Publish disaggregated data.",
            ]
            ws.touch(co.id)
        ws.save()
    return folder


def build_brazil(folder: Path) -> Path:
    drafter(
        "new", str(folder), "--template", "cerd-follow-up", "--title", BR_TITLE, "--state", "Brazil"
    )
    drafter("import", str(folder), str(BRAZIL_CO_TXT), "--as", "concluding-observations")
    drafter("import", str(folder), str(BRAZIL_FCO_TXT), "--as", "state-report")
    with Workspace.open(folder) as ws:
        ws.project.metadata.confidentiality = "confidential"
        ws.project.metadata.submitted = "2026-03-02"
        for co in ws.co_paragraphs():
            if co.follow_up:
                e = ws.entry(co.id)
                e.assessment = "partially-satisfactory"
                e.commentary = f"Example commentary on paragraph {co.id}."
                e.recommendations = ["Report on the measures taken."]
                ws.touch(co.id)
        ws.save()
    return folder


@pytest.fixture(scope="session")
def kz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_kazakhstan(tmp_path_factory.mktemp("kz") / "kazakhstan")


@pytest.fixture(scope="session")
def br_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_brazil(tmp_path_factory.mktemp("br") / "brazil")


@pytest.fixture(scope="session")
def kz_docx(kz_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "kazakhstan.docx"
    drafter("render", str(kz_project), "-o", str(out))
    return out


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A LibreOffice profile of our own, so parallel runs never clash on its lock."""
    profile = tmp_path_factory.mktemp("lo-profile")
    yield profile.as_uri()
    shutil.rmtree(profile, ignore_errors=True)


def to_pdf(docs: list[Path], outdir: Path, profile: str) -> list[Path]:
    """Convert in one LibreOffice run (it is slow to start); returns the PDFs it wrote."""
    require("soffice", "pdftotext")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [outdir / (d.stem + ".pdf") for d in docs]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


# A small world for trees a test builds itself (the writer's tests, the property test): a State
# report with paragraphs 1 to 299, and an NGO's statement cited by author and title.
SOURCES = {
    "cerd-c-kaz-11-14": Source("cerd-c-kaz-11-14", "state-report", "s", symbol="CERD/C/KAZ/11-14"),
    "fidh": Source("fidh", "evidence", "f", title="FIDH statement", author="FIDH"),
}
DOCS = {
    "cerd-c-kaz-11-14": Document(
        DocumentKind.STATE_REPORT,
        "CERD/C/KAZ/11-14",
        [Paragraph(id=str(n), text="x") for n in range(1, 300)],
    ),
    "fidh": Document(DocumentKind.EVIDENCE, None, [Paragraph(id="b1", text="x", numbered=False)]),
}


def finished(blocks: list[Block], lang: str = "en", meta: Metadata | None = None) -> Report:
    """`blocks` as a report's body, through the builder's last passes (notes, typography) with
    the small world's sources."""
    report = Report(meta or Metadata(), [Division(Part.BODY, "t", blocks)])
    finish(report, Resolver(SOURCES, DOCS, CitationWords(language=lang)), language(lang))
    return report
