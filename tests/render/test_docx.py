"""Re-read the rendered reports with python-docx and the raw package: the structure a reviewer
relies on (styles, real footnotes, numbering, tables, links, properties) is really there."""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from lxml import etree

from drafter.project.workspace import Workspace
from drafter.render import render_docx
from tests.render.conftest import BR_TITLE, KZ_TITLE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def footnote_texts(path: Path) -> list[str]:
    root = part_xml(path, "word/footnotes.xml")
    return [
        "".join(t.text or "" for t in fn.iter(f"{W}t")).strip()
        for fn in root.iter(f"{W}footnote")
        if fn.get(f"{W}type") in (None, "normal")
    ]


def all_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts + footnote_texts(path))


def test_styles_headings_and_cover(kz_docx: Path) -> None:
    d = docx.Document(str(kz_docx))
    used = {p.style.name for p in d.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "List Paragraph"} <= used
    assert d.paragraphs[1].text == KZ_TITLE and d.paragraphs[1].style.name == "Title"
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "Executive summary",
        "Methodology",
        "Implementation of the concluding observations",
    ]
    assert "Annex: documents cited" in headings
    # The commentary's "####" heading sits under its paragraph's Heading 3.
    assert any(
        p.style.name.startswith("Heading") and p.text == "A heading inside the commentary"
        for p in d.paragraphs
    )
    assert any("This report may be published" in p.text for p in d.paragraphs[:12])


def test_real_footnotes_in_un_style(kz_docx: Path) -> None:
    notes = footnote_texts(kz_docx)
    body = part_xml(kz_docx, "word/document.xml")
    refs = list(body.iter(f"{W}footnoteReference"))
    assert len(refs) == len(notes) >= 30
    assert "CERD/C/KAZ/11-14, para. 1." in notes  # methodology's citation
    assert any(re.fullmatch(r"Ibid\., para\. \d+\.", n) for n in notes)
    assert any(n.startswith("A note that cites the evidence") for n in notes)
    # The footnote styles exist and are used, and the separators are in place.
    root = part_xml(kz_docx, "word/footnotes.xml")
    types = [fn.get(f"{W}type") for fn in root.iter(f"{W}footnote")]
    assert types[:2] == ["separator", "continuationSeparator"]
    d = docx.Document(str(kz_docx))
    names = {s.name.lower() for s in d.styles}
    assert {"footnote text", "footnote reference"} <= names
    rels = part_xml(kz_docx, "word/_rels/document.xml.rels")
    assert any(r.get("Target") == "footnotes.xml" for r in rels)


def test_ibid_only_after_a_note_to_the_same_source(kz_docx: Path) -> None:
    notes = footnote_texts(kz_docx)
    for before, note in itertools.pairwise(notes):
        if note.startswith("Ibid"):
            assert before.startswith(("CERD/C/KAZ/11-14", "Ibid")), (before, note)


def test_no_markdown_left(kz_docx: Path) -> None:
    text = all_text(kz_docx)
    for token in ("**", "[^", "[@", "](http"):
        assert token not in text, token
    assert "Raw <b>HTML</b> stays text" in text


def test_numbering_toc_and_settings(kz_docx: Path) -> None:
    body = part_xml(kz_docx, "word/document.xml")
    numbered = body.findall(f".//{W}numPr")
    assert len(numbered) > 40
    levels = {n.find(f"{W}ilvl").get(f"{W}val") for n in numbered}
    assert {"0", "1", "2"} <= levels  # paragraphs, (a) sub-items, (i) sub-sub-items
    numbering = part_xml(kz_docx, "word/numbering.xml")
    texts = {lv.get(f"{W}val") for lv in numbering.iter(f"{W}lvlText")}
    assert {"%1.", "(%2)", "(%3)"} <= texts
    instr = "".join(t.text or "" for t in body.iter(f"{W}instrText"))
    assert 'TOC \\o "1-3"' in instr
    settings = part_xml(kz_docx, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    footers = [n for n in zipfile.ZipFile(kz_docx).namelist() if n.startswith("word/footer")]
    assert any(b"PAGE" in zipfile.ZipFile(kz_docx).read(f) for f in footers)


def test_tables_hyperlinks_and_properties(kz_docx: Path, kz_project: Path) -> None:
    d = docx.Document(str(kz_docx))
    with Workspace.open(kz_project, read_only=True) as ws:
        addressed = [pid for pid, e in ws.project.entries.items() if e.assessment]
        n_sources = len(ws.project.sources)
    summary = next(t for t in d.tables if t.rows[0].cells[0].text == "Paragraph")
    assert len(summary.rows) == len(addressed) + 1
    colours = {
        tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill")
        for tc in summary._tbl.iter(f"{W}tc")
        if tc.find(f"{W}tcPr/{W}shd") is not None
    }
    assert {"C6EFCE", "FFEB9C", "FFC7CE"} <= colours
    annex = next(t for t in d.tables if t.rows[0].cells[0].text == "Symbol")
    assert len(annex.rows) == n_sources + 1
    assert any(c.text == "CERD/C/KAZ/11-14" for c in annex.columns[0].cells)
    rels = [r for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert any(r.target_ref == "https://www.ohchr.org/en/treaty-bodies/cerd" for r in rels)
    body = part_xml(kz_docx, "word/document.xml")
    assert body.findall(f".//{W}hyperlink")
    cp = d.core_properties
    assert cp.title == KZ_TITLE
    assert "Example Coalition for Equality" in cp.author
    assert "CERD" in cp.subject and "Kazakhstan" in cp.keywords
    assert cp.language == "en-GB"
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert abs(s.page_width - Mm(210)) < Mm(1)


def test_follow_up_template_keeps_only_follow_up_paragraphs(
    br_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brazil.docx"
    with Workspace.open(br_project, read_only=True) as ws:
        follow_up = [c.id for c in ws.co_paragraphs() if c.follow_up]
        report = render_docx(ws, out)
    assert follow_up == ["17", "19", "23", "36"]
    d = docx.Document(str(out))
    h3 = [p.text for p in d.paragraphs if p.style.name == "Heading 3"]
    assert h3 == [f"Paragraph {n} (follow-up paragraph)" for n in follow_up]
    assert report.paragraphs == 4
    text = all_text(out)
    assert "CONFIDENTIAL" in text and BR_TITLE in text
    assert "CERD/C/BRA/CO/18-20, para. 17." in footnote_texts(out)
    # The recommendation is quoted with its sub-items on their own lines.
    quotes = [p.text for p in d.paragraphs if p.style.name == "Quote"]
    assert any(q.startswith("(a) Develop and implement") for q in quotes)


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        ("cerd-alternative-report-fr", ["Table des matières", "Résumé", "Évaluation", "par."]),
        ("cerd-alternative-report-es", ["Índice", "Resumen ejecutivo", "Evaluación", "párr."]),
        ("ccpr-alternative-report", ["A: Reply/action largely satisfactory"]),
        ("generic", ["Implemented"]),
        ("cerd-list-of-issues", ["Suggested questions for the list of issues"]),
    ],
)
def test_every_template_renders_in_its_words(
    kz_project: Path, tmp_path: Path, template: str, expect: list[str]
) -> None:
    out = tmp_path / f"{template}.docx"
    with Workspace.open(kz_project, read_only=True) as ws:
        # The project's assessments come from the CERD scale; map them onto the template's.
        from drafter.project.template import find_template

        tpl = find_template(template)
        saved = {pid: e.assessment for pid, e in ws.project.entries.items()}
        for i, e in enumerate(ws.project.entries.values()):
            if e.assessment:
                e.assessment = tpl.scale[i % len(tpl.scale)].id
        try:
            render_docx(ws, out, template=template)
        finally:
            for pid, a in saved.items():
                ws.project.entries[pid].assessment = a
    text = all_text(out)
    for word in expect:
        assert word in text, word
    if template.endswith(("-fr", "-es")):
        assert "Implementation of the concluding observations" not in text
        assert "Alternative report" not in text and "International Convention" not in text
        assert ("Rapport alternatif" if template.endswith("fr") else "Informe alternativo") in text
        d = docx.Document(str(out))
        # French and Spanish sub-items: a), b) (UN Editorial Manual).
        numbering = part_xml(out, "word/numbering.xml")
        assert "%2)" in {lv.get(f"{W}val") for lv in numbering.iter(f"{W}lvlText")}
        assert d.core_properties.language in ("fr-FR", "es-ES")
    if template == "cerd-list-of-issues":
        d = docx.Document(str(out))
        h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
        assert h1[0] == "Suggested questions for the list of issues"


def test_forbidden_characters_in_an_entry_warn_and_never_reach_the_file(
    kz_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bad.docx"
    with Workspace.open(kz_project, read_only=True) as ws:
        pid = next(pid for pid, e in ws.project.entries.items() if e.commentary)
        entry = ws.project.entries[pid]
        old = entry.commentary
        entry.commentary = "Control\x07 characters\x1f here."
        try:
            report = render_docx(ws, out)
        finally:
            entry.commentary = old
    assert any("cannot hold" in w and pid in w for w in report.warnings)
    assert "Control characters here." in all_text(out)


def test_a_missing_output_folder_is_a_clear_error(kz_project: Path, tmp_path: Path) -> None:
    from drafter.errors import DrafterError

    with Workspace.open(kz_project, read_only=True) as ws, pytest.raises(DrafterError) as exc:
        render_docx(ws, tmp_path / "no" / "such" / "report.docx")
    assert "no such folder" in str(exc.value)


def test_a_reference_docx_gives_its_styles(kz_project: Path, tmp_path: Path) -> None:
    from docx.shared import RGBColor

    from drafter.project.template import find_template

    folder = tmp_path / "house-style"
    shutil.copytree(find_template("cerd-alternative-report").folder, folder)
    (folder / "template.toml").write_text(
        (folder / "template.toml")
        .read_text(encoding="utf-8")
        .replace('id = "cerd-alternative-report"', 'id = "house-style"'),
        encoding="utf-8",
    )
    ref = docx.Document()
    ref.styles["Heading 1"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    ref.styles["Heading 1"].font.name = "Arial"
    ref.add_paragraph("sample text in the reference, never in the report")
    ref.save(str(folder / "reference.docx"))
    out = tmp_path / "styled.docx"
    with Workspace.open(kz_project, read_only=True) as ws:
        render_docx(ws, out, template=str(folder))
    d = docx.Document(str(out))
    h1 = d.styles["Heading 1"].font
    assert h1.color.rgb == RGBColor(0x12, 0x34, 0x56) and h1.name == "Arial"
    assert "sample text in the reference" not in all_text(out)
    assert footnote_texts(out)  # the writer's own styles were added where the reference lacked


def test_word_limit_and_scale_warnings(kz_project: Path, tmp_path: Path) -> None:
    from drafter.project.template import find_template

    tpl = find_template("ccpr-alternative-report")
    tpl.word_limit.words = 500
    with Workspace.open(kz_project, read_only=True) as ws:
        report = render_docx(ws, tmp_path / "long.docx", template=tpl)
    assert report.over_limit and report.words == report.counts.total > 500
    assert any("over the template's limit of 500" in w for w in report.warnings)
    assert any(
        "is not on the scale of template 'ccpr-alternative-report'" in w for w in report.warnings
    )


def test_cli_render_default_output_and_errors(kz_project: Path) -> None:
    from click.testing import CliRunner

    from drafter.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["render", str(kz_project)])
    assert result.exit_code == 0, result.output
    written = (
        kz_project / "kazakhstan-racial-discrimination-a-review-of-the-state-party-s-claims.docx"
    )
    assert written.is_file() and f"Written {written}" in result.output
    written.unlink()
    bad = runner.invoke(cli, ["render", str(kz_project), "--template", "no-such-template"])
    assert bad.exit_code == 2
    assert "no template named 'no-such-template'" in bad.output


def test_a_new_empty_project_renders_and_says_what_is_missing(tmp_path: Path) -> None:
    from tests.render.conftest import drafter

    drafter("new", str(tmp_path / "empty"), "--template", "generic")
    out = tmp_path / "empty.docx"
    with Workspace.open(tmp_path / "empty", read_only=True) as ws:
        report = render_docx(ws, out)
    assert report.paragraphs == 0 and report.footnotes == 0
    assert any("boilerplate.cover_intro left out" in w for w in report.warnings)
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "Alternative report" and d.paragraphs[0].style.name == "Title"
    assert "Submitted to the" not in all_text(out)
