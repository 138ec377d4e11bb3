"""DOCX sources: Word's list numbers recovered, tables as text, footnotes as footnotes."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafter.documents import read_document, read_source
from drafter.documents.model import Footnote
from tests.conftest import SAMPLES
from tests.documents.docx_samples import Para, Table, build_docx
from tests.documents.libreoffice import convert


@pytest.fixture
def co_docx(tmp_path: Path) -> Path:
    return build_docx(
        tmp_path / "co.docx",
        [
            Para("CERD/C/XYZ/CO/1"),
            Para("A. Introduction"),
            Para("The Committee considered the report.", 0, footnotes=["CERD/C/XYZ/1."]),
            Para("The Committee recommends that the State party:", 0),
            Para("Adopt measures;", 1),
            Para("Review its laws.", 1, footnotes=["Ibid., para. 17."]),
            Para("Including criminal laws.", 2),
            Table([["Treaty", "Ratified"], ["ICERD", "1998"]]),
            Para("The Committee notes the data.", 0),
            Para("First item of a restarted list.", 0, num_id=91),
        ],
        restart_num_ids={91: 1},
    )


def test_list_numbers_follow_words_counters(co_docx: Path) -> None:
    source = read_source(co_docx)
    numbered = {source.lines[i]: label for i, label in source.list_numbers.items()}
    assert numbered == {
        "The Committee considered the report.": "1.",
        "The Committee recommends that the State party:": "2.",
        "Adopt measures;": "(a)",
        "Review its laws.": "(b)",
        "Including criminal laws.": "(i)",
        "The Committee notes the data.": "3.",  # a table between does not restart the list
        "First item of a restarted list.": "1.",  # startOverride on a new list instance
    }


def test_tables_become_lines_in_document_order(co_docx: Path) -> None:
    lines = [line for line in read_source(co_docx).lines if line]
    assert lines.index("Treaty | Ratified") == lines.index("Including criminal laws.") + 1
    assert lines.index("ICERD | 1998") + 1 == lines.index("The Committee notes the data.")


def test_footnotes_are_read_and_anchored(co_docx: Path) -> None:
    source = read_source(co_docx)
    assert source.footnotes == [Footnote("1", "CERD/C/XYZ/1."), Footnote("2", "Ibid., para. 17.")]
    anchored = {source.lines[i]: markers for i, markers in source.footnote_anchors.items()}
    assert anchored == {
        "The Committee considered the report.": ["1"],
        "Review its laws.": ["2"],
    }


def test_numbering_from_a_paragraph_style(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "styled.docx", [Para("placeholder")])
    document = Document(str(path))
    styles = document.styles.element
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="UNPara">'
            '<w:name w:val="UN Para"/><w:pPr><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr>'
            "</w:style>"
        )
    )
    styles.append(
        parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="UNParaChild">'
            '<w:name w:val="UN Para child"/><w:basedOn w:val="UNPara"/></w:style>'
        )
    )
    for text, style in [("First.", "UN Para"), ("Second.", "UN Para child")]:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    source = read_source(path)
    numbered = {source.lines[i]: label for i, label in source.list_numbers.items()}
    assert numbered == {"First.": "1.", "Second.": "2."}


def test_numbered_docx_segments_into_numbered_paragraphs(co_docx: Path) -> None:
    document = read_document(co_docx)
    ids = [p.id for p in document.paragraphs]
    assert ids[:3] == ["1", "2", "3"]
    second = document.paragraph("2")
    assert second is not None
    assert [s.label for s in second.sub_items][:2] == ["a", "b"]
    assert document.paragraph("1").footnotes == ("1",)  # type: ignore[union-attr]


@pytest.mark.slow
def test_libreoffice_docx_numbering_is_recovered() -> None:
    source = read_source(convert(SAMPLES / "numbered_co.html", "docx:MS Word 2007 XML"))
    numbered = {source.lines[i]: label for i, label in source.list_numbers.items()}
    assert numbered == {
        "The Committee considered the combined reports of the State party.": "1.",
        "The Committee welcomes the submission of the report.": "2.",
        "The Committee is concerned about the lack of disaggregated data.": "3.",
        "The Committee recommends that the State party:": "4.",
        "Collect disaggregated data;": "a.",
        "Publish the data every year.": "b.",
    }
    assert "Treaty | Ratified" in source.lines


@pytest.mark.slow
def test_libreoffice_round_trip_keeps_numbers_and_footnotes(co_docx: Path) -> None:
    source = read_source(convert(co_docx, "docx:MS Word 2007 XML"))
    assert [note.text for note in source.footnotes] == ["CERD/C/XYZ/1.", "Ibid., para. 17."]
    numbered = {source.lines[i]: label for i, label in source.list_numbers.items()}
    assert numbered["The Committee notes the data."] == "3."
    assert numbered["Review its laws."] == "(b)"


def test_tracked_deletions_are_not_text_and_insertions_are(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "tracked.docx", [Para("")])
    document = Document(str(path))
    paragraph = document.add_paragraph("The Committee ")
    stamp = 'w:author="A" w:date="2025-01-01T00:00:00Z"'
    for xml in (
        f'<w:del {nsdecls("w")} w:id="1" {stamp}><w:r><w:delText>regrets</w:delText></w:r></w:del>',
        f'<w:ins {nsdecls("w")} w:id="2" {stamp}><w:r><w:t>welcomes</w:t></w:r></w:ins>',
        f'<w:moveFrom {nsdecls("w")} w:id="3" {stamp}><w:r><w:t> elsewhere</w:t></w:r>'
        "</w:moveFrom>",
    ):
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(" the report.")
    document.save(str(path))
    assert "The Committee welcomes the report." in read_source(path).lines


def test_typed_marks_and_endnotes(tmp_path: Path) -> None:
    path = build_docx(
        tmp_path / "notes.docx",
        [
            Para("Concluding observations on the report of Xyzland", starred=["Adopted in 2022."]),
            Para("The Committee considered the report.", 0, footnotes=["CERD/C/XYZ/1."]),
            Para("It recalls its earlier findings.", 0, endnotes=["CERD/C/XYZ/CO/1, para. 5."]),
            Para("It notes the reply.", 0, footnotes=["CERD/C/XYZ/2."], endnotes=["Ibid."]),
        ],
    )
    source = read_source(path)
    assert source.footnotes == [
        Footnote("*", "Adopted in 2022."),
        Footnote("1", "CERD/C/XYZ/1."),
        Footnote("i", "CERD/C/XYZ/CO/1, para. 5."),  # Word numbers endnotes i, ii … by default
        Footnote("2", "CERD/C/XYZ/2."),
        Footnote("ii", "Ibid."),
    ]
    assert source.lines[0] == "Concluding observations on the report of Xyzland"
    assert source.footnote_anchors == {0: ["*"], 1: ["1"], 2: ["i"], 3: ["2", "ii"]}
