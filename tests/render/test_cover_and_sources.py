"""What the author sets for the report from the command line: how evidence is cited (import
options, `drafter source`), the words to quote (`drafter entry --quote`), the cover's logo and
dates; and what the report then says."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.workspace import Workspace
from tests.conftest import REPO, SEED_FIDH_1
from tests.render.docx_reading import W, body, normal, notes_in_order, part

BRAZIL = REPO / "sample_projects" / "brazil-cerd-follow-up-2026"


def run(*args: str | Path, code: int = 0) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def brazil(tmp_path: Path) -> Path:
    return shutil.copytree(BRAZIL, tmp_path / "brazil")


def png(width: int = 4, height: int = 2) -> bytes:
    """A small red PNG, made here so the test needs no image file."""
    raw = b"".join(b"\x00" + b"\xcc\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_evidence_is_described_on_import_and_with_drafter_source(
    brazil: Path, tmp_path: Path
) -> None:
    data = json.loads(
        run(
            "import",
            brazil,
            SEED_FIDH_1,
            "--as",
            "evidence",
            "--author",
            "FIDH",
            "--title",
            "Oral statement",
            "--date",
            "2010-06-09",
            "--json",
        )
    )
    sid = data["source_id"]
    shown = json.loads(run("source", brazil, sid, "--json"))
    assert (shown["author"], shown["title"], shown["date"]) == (
        "FIDH",
        "Oral statement",
        "2010-06-09",
    )
    run("source", brazil, sid, "--url", "https://www.fidh.org/statement", "--title", "Statement")
    assert "Statement" in run("source", brazil, sid)
    bad = CliRunner().invoke(cli, ["source", str(brazil), sid, "--url", "www.fidh.org"])
    assert bad.exit_code == 2 and "https://" in bad.output
    missing = CliRunner().invoke(cli, ["source", str(brazil), "no-such-source"])
    assert missing.exit_code == 2 and "no source 'no-such-source'" in missing.output
    # Cited twice: in full the first time, by author and title the second.
    text = f"First [@{sid}:b2]. Later [@cerd-c-bra-co-18-20:19]. Again [@{sid}:b3]."
    run("entry", brazil, "-p", "19", "--commentary", text)
    run("render", brazil, "-o", tmp_path / "r.docx")
    notes = notes_in_order(tmp_path / "r.docx")
    assert "FIDH, Statement, 9 June 2010. Available at https://www.fidh.org/statement." in notes
    assert "FIDH, Statement." in notes
    annex = docx.Document(str(tmp_path / "r.docx")).tables[-1]
    assert any("FIDH, Statement" in c.text for c in annex.columns[1].cells)


def test_the_author_chooses_the_words_to_quote(brazil: Path, tmp_path: Path) -> None:
    key = "cerd-c-bra-fco-18-20:9"
    refused = CliRunner().invoke(
        cli, ["entry", str(brazil), "-p", "17", "--quote", f"{key}=words never written"]
    )
    assert refused.exit_code == 2 and "does not say" in refused.output
    # Only the State's claims are quoted: a quotation of the compilation would never be printed.
    other = CliRunner().invoke(
        cli, ["entry", str(brazil), "-p", "17", "--quote", "a-hrc-wg.6-41-bra-2:40=According"]
    )
    assert other.exit_code == 2 and "quotes the State's claims only" in other.output
    run("entry", brazil, "-p", "17", "--quote", f"{key}=launched on 6 December 2023")
    with Workspace.open(brazil, read_only=True) as ws:
        entry = ws.project.entries["17"]
        assert entry.quotes == {key: "launched on 6 December 2023"} and key in entry.pinned
    run("render", brazil, "-o", tmp_path / "r.docx")
    quoted = [normal(p.text) for p in body(tmp_path / "r.docx") if p.style == "List Paragraph"]
    assert "“launched on 6 December 2023”" in quoted
    run("entry", brazil, "-p", "17", "--quote", f"{key}=")
    with Workspace.open(brazil, read_only=True) as ws:
        assert ws.project.entries["17"].quotes == {}


def test_see_also_lists_the_other_answers_sorted_without_the_introduction(
    brazil: Path, tmp_path: Path
) -> None:
    run("render", brazil, "-o", tmp_path / "r.docx")
    see_also = [normal(p.text) for p in body(tmp_path / "r.docx") if p.text.startswith("See also")]
    assert "See also CERD/C/BRA/FCO/18-20, paras. 11 and 12." in see_also
    assert not any(s.endswith((", 1.", " 1.")) for s in see_also)


def test_the_cover_has_the_logo_dates_and_contact(brazil: Path, tmp_path: Path) -> None:
    (brazil / "sources" / "logo.png").write_bytes(png())
    run(
        "metadata", brazil, "--set", "logo=sources/logo.png", "--set", "session=110th session",
        "--set", "session_start=2026-04-13", "--set", "session_end=2026-05-01",
        "--set", "confidentiality=confidential",
        "--organisation", "Second NGO;B. Person;b@example.org;member",
    )  # fmt: skip
    run("render", brazil, "-o", tmp_path / "r.docx")
    out = tmp_path / "r.docx"
    cover = [normal(p.text) for p in body(out)][:14]
    assert "Session: 110th session (13 April – 1 May 2026)" in cover
    assert "Date: 2 March 2026" in cover  # the submission date the author set
    assert "Contact: B. Person (b@example.org)" in cover
    doc = part(out, "word/document.xml")
    assert doc.find(f".//{W}drawing") is not None
    rels = part(out, "word/_rels/document.xml.rels")
    assert any(r.get("Target", "").startswith("media/") for r in rels)
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(png())
    # A logo outside the project is refused when it is set, and (set by hand) when the project
    # is opened, like every path the project file names (docs/security.md).
    refused = CliRunner().invoke(cli, ["metadata", str(brazil), "--set", f"logo={outside}"])
    assert refused.exit_code == 2 and "absolute path" in refused.output
    toml = brazil / "drafter.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'logo = "sources/logo.png"', f'logo = "../{outside.name}"'
        ),
        encoding="utf-8",
    )
    refused = CliRunner().invoke(cli, ["render", str(brazil), "-o", str(tmp_path / "x.docx")])
    assert refused.exit_code == 2 and "metadata.logo" in refused.output
    assert "outside the project folder" in refused.output


def test_the_summary_table_has_its_heading_and_introduction_and_stands_alone(
    brazil: Path, tmp_path: Path
) -> None:
    # The last paragraph's first recommendation once swallowed the table (and the section lost
    # its heading and introduction, the table then printed twice).
    run("render", brazil, "-o", tmp_path / "r.docx")
    out = tmp_path / "r.docx"
    paragraphs = body(out)
    headings = [normal(p.text) for p in paragraphs if p.style.lower().startswith("heading")]
    assert any(h.endswith("Summary of the follow-up assessment") for h in headings), headings
    texts = [normal(p.text) for p in paragraphs]
    (intro,) = [p for p in paragraphs if p.text.startswith("The table gives the submitting")]
    assert intro.xml is not None and intro.xml.find(f"{W}pPr/{W}keepNext") is not None
    doc = part(out, "word/document.xml")
    tables = doc.findall(f".//{W}body/{W}tbl")
    assert len(tables) == 2  # the summary and the documents cited, each once
    assert not doc.findall(f".//{W}tbl//{W}tbl")
    # The last recommendation is in the report once, as a list item, and once in the table.
    last = "Set out the measures and the timetable for the demilitarization"
    assert sum(t.startswith(last) for t in texts) == 2
