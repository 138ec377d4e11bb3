"""Re-read the rendered reports with python-docx and the raw package: the structure a reviewer
relies on (styles, real footnotes, numbering, contents, tables, links, properties, page
furniture) is really there."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from drafter.errors import DrafterError, NotReadyError
from drafter.project.template import find_template
from drafter.project.workspace import Workspace
from drafter.render import render_docx
from tests.render.conftest import BR_TITLE, KZ_TITLE, drafter
from tests.render.docx_reading import W, body, notes_in_order, package_texts, part


def all_text(path: Path) -> str:
    return "\n".join(p.text for p in body(path)) + "\n" + "\n".join(notes_in_order(path))


def headings(path: Path, style: str) -> list[str]:
    """Headings of one style, without their UN label ("I.", "A.")."""
    return [re.sub(r"^(?:[IVXLC]+|[A-Z])\.\s", "", p.text) for p in body(path) if p.style == style]


def test_styles_headings_and_cover(kz_docx: Path) -> None:
    d = docx.Document(str(kz_docx))
    used = {p.style.name for p in d.paragraphs if p.style is not None}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "List Paragraph"} <= used
    assert d.paragraphs[1].text == KZ_TITLE.replace("'", "’")  # typographic apostrophe
    assert d.paragraphs[1].style.name == "Title"
    assert headings(kz_docx, "heading 1")[:3] == [
        "Executive summary",
        "Methodology",
        "Implementation of the concluding observations",
    ]
    assert "Annex: documents cited" in headings(kz_docx, "heading 1")
    # UN numbering of the body's parts; front matter and annexes unnumbered.
    h1 = [p.text for p in body(kz_docx) if p.style == "heading 1"]
    assert h1[0] == "Executive summary" and h1[2].startswith("I. ")
    assert h1[-1] == "Annex: documents cited"
    # The commentary's "####" heading sits under its paragraph's heading, one level down.
    assert "A heading inside the commentary" in headings(kz_docx, "heading 4")
    assert any("This report may be published" in p.text for p in d.paragraphs[:14])
    assert any(p.text == "Date: 20\u00a0July\u00a02026" for p in d.paragraphs[:14])  # unbroken


def test_real_footnotes_in_un_style(kz_docx: Path) -> None:
    notes = notes_in_order(kz_docx)
    refs = list(part(kz_docx, "word/document.xml").iter(f"{W}footnoteReference"))
    assert len(refs) == len(notes) >= 30
    assert notes[0] == "CERD/C/KAZ/11-14, para. 1."  # the methodology's citation
    assert any(re.fullmatch(r"Ibid\., para\. \d+\.", n) for n in notes)
    assert any(n.startswith("A note that cites the evidence") for n in notes)
    root = part(kz_docx, "word/footnotes.xml")
    types = [fn.get(f"{W}type") for fn in root.iter(f"{W}footnote")]
    assert types[:2] == ["separator", "continuationSeparator"]
    names = {s.name.lower() for s in docx.Document(str(kz_docx)).styles}
    assert {"footnote text", "footnote reference"} <= names
    rels = part(kz_docx, "word/_rels/document.xml.rels")
    assert any(r.get("Target") == "footnotes.xml" for r in rels)


def test_a_markdown_note_keeps_its_quote_and_table(tmp_path: Path, kz_project: Path) -> None:
    with Workspace.open(kz_project, read_only=True) as ws:
        pid = next(pid for pid, e in ws.project.entries.items() if e.commentary)
        entry = ws.project.entries[pid]
        old = entry.commentary
        entry.commentary = (
            "A claim.[^n]\n\n[^n]: The lead of the note.\n\n    > words quoted in the note\n\n"
            "    | Year | Cases |\n    |---|---|\n    | 2024 | 7 |\n"
        )
        try:
            render_docx(ws, tmp_path / "n.docx")
        finally:
            entry.commentary = old
    notes = notes_in_order(tmp_path / "n.docx")
    (note,) = [n for n in notes if n.startswith("The lead of the note.")]
    assert "words quoted in the note" in note and "2024" in note and "Cases" in note
    root = part(tmp_path / "n.docx", "word/footnotes.xml")
    assert root.find(f".//{W}tbl") is not None


def test_ibid_only_after_a_note_to_the_same_source(kz_docx: Path) -> None:
    for before, note in itertools.pairwise(notes_in_order(kz_docx)):
        if note.startswith("Ibid"):
            assert before.startswith(("CERD/C/KAZ/11-14", "Ibid")), (before, note)


def test_no_markdown_left(kz_docx: Path) -> None:
    text = all_text(kz_docx)
    for token in ("**", "[^", "[@", "](http"):
        assert token not in text, token
    assert "Raw <b>HTML</b> stays text" in text


def test_numbering_contents_and_settings(kz_docx: Path) -> None:
    doc = part(kz_docx, "word/document.xml")
    numbered = doc.findall(f".//{W}numPr")
    assert len(numbered) > 40
    levels = {n.find(f"{W}ilvl").get(f"{W}val") for n in numbered}  # type: ignore[union-attr]
    assert {"0", "1", "2"} <= levels  # paragraphs, (a) sub-items, (i) sub-sub-items
    numbering = part(kz_docx, "word/numbering.xml")
    assert {"%1.", "(%2)", "(%3)"} <= {lv.get(f"{W}val") for lv in numbering.iter(f"{W}lvlText")}
    # The contents: each entry links to its heading's bookmark and asks for its page.
    instr = [t.text or "" for t in doc.iter(f"{W}instrText")]
    refs = [i.split()[1] for i in instr if i.strip().startswith("PAGEREF")]
    marks = {b.get(f"{W}name") for b in doc.iter(f"{W}bookmarkStart")}
    assert len(refs) >= 8 and set(refs) <= marks
    anchors = {h.get(f"{W}anchor") for h in doc.iter(f"{W}hyperlink") if h.get(f"{W}anchor")}
    assert set(refs) == anchors
    settings = part(kz_docx, "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"  # type: ignore[union-attr]


def test_pages_two_sections_header_and_numbers(kz_docx: Path) -> None:
    doc = part(kz_docx, "word/document.xml")
    sections = list(doc.iter(f"{W}sectPr"))
    assert len(sections) == 2  # the cover and contents, then the report
    first, last = sections
    assert first.find(f"{W}footerReference") is None  # the public report's cover: no number
    assert last.find(f"{W}pgNumType").get(f"{W}start") == "1"  # type: ignore[union-attr]
    texts = package_texts(kz_docx)
    headers = [t for n, t in texts.items() if n.startswith("word/header")]
    footers = [n for n in texts if n.startswith("word/footer")]
    # The label and the State (no short title set); the organisations too long for one line.
    assert [h.strip() for h in headers] == ["Alternative report – Kazakhstan"]
    # Set small and to the right, as the house style says (9 points: one line of 80 characters).
    header_xml = part(kz_docx, "word/header1.xml")
    style_id = header_xml.find(f".//{W}pStyle").get(f"{W}val")  # type: ignore[union-attr]
    style = next(
        s for s in part(kz_docx, "word/styles.xml").iter(f"{W}style")
        if s.get(f"{W}styleId") == style_id
    )  # fmt: skip
    assert style.find(f"{W}rPr/{W}sz").get(f"{W}val") == "18"  # type: ignore[union-attr]
    assert style.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"  # type: ignore[union-attr]
    assert any(b"PAGE" in zipfile.ZipFile(kz_docx).read(f) for f in footers)


def test_a_confidential_report_says_so_on_every_page(br_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "br.docx"
    with Workspace.open(br_project, read_only=True) as ws:
        render_docx(ws, out)
    doc = part(out, "word/document.xml")
    texts = package_texts(out)
    for sect in doc.iter(f"{W}sectPr"):
        (ref,) = sect.findall(f"{W}footerReference")
        rels = part(out, "word/_rels/document.xml.rels")
        target = next(
            r.get("Target")
            for r in rels
            if r.get("Id")
            == ref.get(
                f"{{{'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}}}id"
            )
        )
        assert "Confidential" in texts[f"word/{target}"]


def test_tables_hyperlinks_and_properties(kz_docx: Path, kz_project: Path) -> None:
    d = docx.Document(str(kz_docx))
    with Workspace.open(kz_project, read_only=True) as ws:
        addressed = [pid for pid, e in ws.project.entries.items() if e.assessment]
    summary = next(t for t in d.tables if t.rows[0].cells[0].text == "Paragraph")
    assert len(summary.rows) == len(addressed) + 1
    colours = {
        tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill")
        for tc in summary._tbl.iter(f"{W}tc")
        if tc.find(f"{W}tcPr/{W}shd") is not None
    }
    assert {"C6EFCE", "FFEB9C", "FFC7CE"} <= colours
    annex = next(t for t in d.tables if t.rows[0].cells[0].text == "Symbol")
    # Only the documents the report cites, each by symbol or author and title, never an id.
    listed = [r.cells[1].text for r in annex.rows[1:]]
    assert any(c.text == "CERD/C/KAZ/11-14" for c in annex.columns[0].cells)
    assert len(listed) == 2 and not any("-" in t and " " not in t for t in listed)
    rels = [r for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert any(r.target_ref == "https://www.ohchr.org/en/treaty-bodies/cerd" for r in rels)
    cp = d.core_properties
    assert cp.title == KZ_TITLE
    assert "Example Coalition for Equality" in cp.author
    assert "CERD" in cp.subject and "Kazakhstan" in cp.keywords
    assert cp.language == "en-GB"
    s = d.sections[-1]
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
    assert headings(out, "heading 3") == [f"Paragraph {n} (follow-up paragraph)" for n in follow_up]
    assert report.paragraphs == 4
    text = all_text(out)
    assert "CONFIDENTIAL" in text and BR_TITLE in text
    assert "CERD/C/BRA/CO/18-20, para. 17." in notes_in_order(out)
    # The recommendation is quoted with its sub-items on their own lines.
    quotes = [p.text for p in body(out) if p.style == "Quote"]
    assert any(q.startswith("(a) Develop and implement") for q in quotes)


def test_an_entry_outside_the_template_s_scope_stops_the_render(
    br_project: Path, tmp_path: Path
) -> None:
    with Workspace.open(br_project, read_only=True) as ws:
        ws.entry("5").commentary = "Commentary on a paragraph the follow-up does not cover."
        with pytest.raises(NotReadyError) as exc:
            render_docx(ws, tmp_path / "no.docx")
        assert "paragraph 5 is outside the scope of template 'cerd-follow-up'" in exc.value.message
        assert not (tmp_path / "no.docx").exists()
        report = render_docx(ws, tmp_path / "draft.docx", draft=True)
        del ws.project.entries["5"]
    assert report.draft
    text = all_text(tmp_path / "draft.docx")
    assert "paragraph 5 is outside the scope" in text
    header = "\n".join(
        t for n, t in package_texts(tmp_path / "draft.docx").items() if "header" in n
    )
    assert "Draft – not for submission" in header


@pytest.mark.parametrize(
    ("template", "expect"),
    [
        ("cerd-alternative-report-fr", ["Table des matières", "Résumé", "Évaluation", "par."]),
        ("cerd-alternative-report-es", ["Índice", "Resumen ejecutivo", "Evaluación", "párr."]),
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
        assert ("Kazakhstan" if template.endswith("fr") else "Kazajistán") in text
        numbering = part(out, "word/numbering.xml")
        assert "%2)" in {lv.get(f"{W}val") for lv in numbering.iter(f"{W}lvlText")}
        assert docx.Document(str(out)).core_properties.language in ("fr-FR", "es-ES")
    if template == "cerd-list-of-issues":
        assert headings(out, "heading 1")[0] == "Suggested questions for the list of issues"


def test_a_template_of_another_committee_is_refused(kz_project: Path, tmp_path: Path) -> None:
    with Workspace.open(kz_project, read_only=True) as ws, pytest.raises(NotReadyError) as exc:
        render_docx(ws, tmp_path / "ccpr.docx", template="ccpr-alternative-report")
    assert "template 'ccpr-alternative-report' is for CCPR" in exc.value.message


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
    assert any("cannot hold" in line and pid in line for line in report.lines())
    assert "Control characters here." in all_text(out)


def test_output_problems_are_clear_errors(kz_project: Path, tmp_path: Path) -> None:
    with Workspace.open(kz_project, read_only=True) as ws:
        with pytest.raises(DrafterError) as exc:
            render_docx(ws, tmp_path / "no" / "such" / "report.docx")
        assert "no such folder" in str(exc.value)
        with pytest.raises(DrafterError) as exc:
            render_docx(ws, ws.file)
        assert "project file" in str(exc.value)


def test_the_report_has_the_user_s_normal_permissions(kz_project: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        with Workspace.open(kz_project, read_only=True) as ws:
            render_docx(ws, tmp_path / "perm.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "perm.docx").stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_reference_docx_gives_its_styles(kz_project: Path, tmp_path: Path) -> None:
    from docx.shared import RGBColor

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
    assert notes_in_order(out)  # the writer's own styles were added where the reference lacked


def test_word_limit_and_scale_warnings(kz_project: Path, tmp_path: Path) -> None:
    tpl = find_template("generic")
    tpl.word_limit.words = 500
    with Workspace.open(kz_project, read_only=True) as ws:
        report = render_docx(ws, tmp_path / "long.docx", template=tpl)
    assert report.over_limit and report.words == report.check.words.total > 500
    lines = "\n".join(report.lines())
    assert "over the limit of 500" in lines
    assert "is not on the scale of template 'generic'" in lines


def test_cli_render_default_output_pdf_and_errors(kz_project: Path, tmp_path: Path) -> None:
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
    refused = runner.invoke(
        cli, ["render", str(kz_project), "--template", "ccpr-alternative-report", "-o",
              str(tmp_path / "x.docx")]
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "not rendered: 1 problem" in refused.output and "  error: template" in refused.output
    # No LibreOffice on the PATH: one clear line, and the DOCX is still written.
    env = {"PATH": str(tmp_path / "empty-path")}
    no_lo = runner.invoke(
        cli, ["render", str(kz_project), "--pdf", "-o", str(tmp_path / "r.pdf")], env=env
    )
    assert no_lo.exit_code == 2, no_lo.output
    assert "LibreOffice is not installed" in no_lo.output and "Traceback" not in no_lo.output
    assert (tmp_path / "r.docx").is_file()


def test_a_title_of_any_length(tmp_path: Path) -> None:
    long_title = "A very long title, " * 40
    drafter("new", str(tmp_path / "p"), "--template", "generic", "--title", long_title)
    from click.testing import CliRunner

    from drafter.cli import cli

    result = CliRunner().invoke(cli, ["render", str(tmp_path / "p"), "--draft"])
    assert result.exit_code == 0, result.output
    (written,) = (tmp_path / "p").glob("*.docx")
    assert len(written.name) < 100
    d = docx.Document(str(written))
    assert len(d.core_properties.title) <= 255
    assert " ".join(long_title.split()) in " ".join(d.paragraphs[0].text.split()) or any(
        " ".join(long_title.split()) == " ".join(p.text.split()) for p in d.paragraphs[:3]
    )


def test_a_new_empty_project_is_not_ready_and_renders_as_a_draft(tmp_path: Path) -> None:
    drafter("new", str(tmp_path / "empty"), "--template", "generic")
    out = tmp_path / "empty.docx"
    with Workspace.open(tmp_path / "empty", read_only=True) as ws:
        with pytest.raises(NotReadyError) as exc:
            render_docx(ws, out)
        assert "no paragraph has an assessment or commentary yet" in exc.value.problems
        report = render_docx(ws, out, draft=True)
    assert report.paragraphs == 0 and report.footnotes == 0
    assert any("boilerplate.cover_intro left out" in line for line in report.lines())
    d = docx.Document(str(out))
    assert d.paragraphs[0].text == "Alternative report" and d.paragraphs[0].style.name == "Title"
    assert "Submitted to the" not in all_text(out)
