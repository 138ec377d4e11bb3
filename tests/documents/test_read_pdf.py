"""PDF sources: the corpus PDFs read clean, with footnotes kept as footnotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from drafter.documents import read_document, read_source
from drafter.documents.model import DocumentKind, SourceText
from drafter.documents.read_pdf import _merge_baselines, _Piece, _raised_start
from tests.conftest import BRAZIL_CO_PDF, BRAZIL_CO_TXT, BRAZIL_FCO_PDF, BRAZIL_UPR_PDF, CRPD
from tests.documents.docx_samples import Para, Table, build_docx
from tests.documents.libreoffice import convert

RUNNING = re.compile(r"GE\.\d\d-\d{5}|CERD/C/BRA/CO/18-20")


@pytest.fixture(scope="module")
def brazil_co() -> SourceText:
    return read_source(BRAZIL_CO_PDF)


def test_masthead_symbol_stands_alone_and_running_headers_are_gone(brazil_co: SourceText) -> None:
    text = "\n".join(brazil_co.lines)
    assert brazil_co.lines[:2] == ["United Nations", "CERD/C/BRA/CO/18-20*"]
    assert text.count("CERD/C/BRA/CO/18-20") == 1  # 17 running headers dropped
    assert "GE.22-27770" not in text
    assert not [line for line in brazil_co.lines if re.fullmatch(r"\d{1,2}", line)]


def test_footnotes_are_moved_out_of_the_body(brazil_co: SourceText) -> None:
    notes = {note.id: note.text for note in brazil_co.footnotes}
    assert list(notes) == ["*", "**", *[str(n) for n in range(1, 13)]]
    assert notes["**"] == (
        "Adopted by the Committee at its 108th session (14 November–2 December 2022)."
    )
    assert notes["7"].startswith("See https://forumseguranca.org.br/")
    assert notes["11"] == "Ibid., para. 17."
    body = "\n".join(brazil_co.lines)
    assert "CERD/C/64/CO/2, para. 18." not in body
    assert "Reissued for technical reasons" not in body


def test_raised_markers_are_cut_from_words_and_anchored(brazil_co: SourceText) -> None:
    first = next(i for i, line in enumerate(brazil_co.lines) if line.startswith("Brazil,"))
    assert brazil_co.lines[first].startswith("Brazil, submitted in one document, at its 2931st")
    assert "meetings, held on" in brazil_co.lines[first]
    assert brazil_co.footnote_anchors[first] == ["1", "2"]
    anchored = [m for markers in brazil_co.footnote_anchors.values() for m in markers]
    assert set(anchored) >= {str(n) for n in range(1, 13)} - {"6"}
    # Numbers that are not raised stay: decimals, law numbers, years.
    body = "\n".join(brazil_co.lines)
    assert "28.6 per cent" in body
    assert "Law No. 13,445" in body


def test_line_end_hyphens_keep_the_documents_spelling(brazil_co: SourceText) -> None:
    body = " ".join(brazil_co.lines)
    assert "scope of anti-discrimination legislation" in body
    assert "\ufffe" not in body


def test_a_raised_ordinal_letter_on_a_line_of_its_own_ends_the_word_before_it() -> None:
    """CRPD/C/NOR/CO/1 (French) prints "observation générale nᵒ 2": pdfium gives "n", then
    "o 2 " as a short line of its own. The raised "o" joins the "n" ("no 2"), as in the six
    other places the document writes the same abbreviation."""
    text = " ".join(read_source(CRPD / "CRPD_C_NOR_CO_1_fr.pdf").lines)
    assert "observation générale no 2 (2014)" in text
    numbers = [int(n) for n in re.findall(r"générale no (\d)", text)]
    assert numbers == [6, 3, 2, 1, 5, 4, 7]
    assert " n o " not in text


class _Sizes:
    """Font sizes by character index, standing in for pdfium's."""

    def __init__(self, sizes: list[float]) -> None:
        self.sizes = sizes

    def size(self, index: int) -> float:
        return self.sizes[index]


@pytest.mark.parametrize(
    ("text", "sizes", "raised"),
    [
        ("o 2 (2014)", [6.5] + [10.0] * 9, True),  # the run is most of the line: "n" + "o"
        ("er session", [7.0, 7.0] + [11.0] * 8, True),  # "1" + "er"
        ("º 3 de la", [7.0] + [11.0] * 8, True),  # "n." + "º"
        ("of the Committee", [11.0] * 16, False),  # a short word at the body's size
        ("er session", [7.0, 11.0] + [11.0] * 8, False),  # only half the run is raised
    ],
)
def test_raised_letters_opening_a_line_are_told_by_size(
    text: str, sizes: list[float], raised: bool
) -> None:
    middle = len(text) // 2 if text[len(text) // 2].isalpha() else 0
    found = _raised_start(_Sizes(sizes), text, 0, len(text), middle, sizes[middle])
    assert found is raised


def test_raised_ordinals_are_glued_to_the_word_or_number_before_them() -> None:
    def line(*parts: tuple[str, bool]) -> str:
        pieces = [_Piece(text, 10.0, bottom=700.0, raised_start=raised) for text, raised in parts]
        return " / ".join(p.text for p in _merge_baselines(pieces))

    assert line(("la 1", False), ("er session", True)) == "la 1er session"
    assert line(("générale n", False), ("o 2 (2014)", True)) == "générale no 2 (2014)"
    assert line(("el n.", False), ("º 3 del", True)) == "el n.º 3 del"
    assert line(("2020.", False), ("a Source", True)) == "2020. a Source"  # not an ordinal
    assert line(("la 1", False), ("re session", False)) == "la 1 re session"  # not raised


def _comparable(text: str, markers: set[str]) -> str:
    """pdftotext drops hyphens at line ends and leaves spaced markers ("2014 6 and") in."""
    text = text.replace("-", "")
    for marker in markers:
        text = re.sub(rf"(?<=\S) {re.escape(marker)}(?=\s|$)", "", text)
    return " ".join(text.split())


def test_brazil_co_pdf_segments_into_paragraphs_1_to_70() -> None:
    document = read_document(BRAZIL_CO_PDF)
    assert document.kind is DocumentKind.CONCLUDING_OBSERVATIONS
    assert document.symbol == "CERD/C/BRA/CO/18-20"
    assert [p.id for p in document.paragraphs] == [str(n) for n in range(1, 71)]
    assert {f.id for f in document.footnotes} >= {str(n) for n in range(1, 13)}
    first = document.paragraphs[0]
    assert first.footnotes == ("1", "2")
    assert "CERD/C/BRA/18-20." not in first.text
    # Paragraph by paragraph, the text is the pdftotext twin's: no header, footer, page number
    # or footnote text has crept in on either side.
    twin = read_document(BRAZIL_CO_TXT)
    for paragraph in document.paragraphs:
        assert not RUNNING.search(paragraph.text), paragraph.id
        other = twin.paragraph(paragraph.id)
        assert other is not None
        markers = set(paragraph.footnotes) | set(other.footnotes)
        assert _comparable(paragraph.text, markers) == _comparable(other.text, markers)


@pytest.mark.parametrize(
    ("path", "symbol", "last", "notes"),
    [
        (BRAZIL_FCO_PDF, "CERD/C/BRA/FCO/18-20", 44, 1),
        (BRAZIL_UPR_PDF, "A/HRC/WG.6/41/BRA/2", 69, 115),
    ],
)
def test_other_corpus_pdfs(path: object, symbol: str, last: int, notes: int) -> None:
    source = read_source(path)  # type: ignore[arg-type]
    assert len(source.footnotes) == notes
    text = "\n".join(source.lines)
    assert not re.search(r"GE\.\d\d-\d{5}", text)
    assert text.count(symbol) == 1
    document = read_document(path)  # type: ignore[arg-type]
    assert [p.id for p in document.paragraphs] == [str(n) for n in range(1, last + 1)]


@pytest.mark.slow
def test_word_processor_pdf_with_footnotes(tmp_path: Path) -> None:
    """A PDF made by LibreOffice from a .docx whose footnotes are as large as its text."""
    blocks: list[Para | Table] = [Para("CERD/C/XYZ/CO/1"), Para("A. Introduction")]
    for n in range(1, 40):
        notes = [f"CERD/C/XYZ/{n}, para. {n}."] if n % 5 == 0 else []
        text = f"The Committee considered paragraph {n} of the report and notes with concern "
        blocks.append(
            Para(text + "the issues raised by civil society organizations.", 0, footnotes=notes)
        )
    source = read_source(convert(build_docx(tmp_path / "notes.docx", blocks), "pdf"))
    assert [(n.id, n.text) for n in source.footnotes] == [
        (str(k), f"CERD/C/XYZ/{5 * k}, para. {5 * k}.") for k in range(1, 8)
    ]
    assert "CERD/C/XYZ/5," not in "\n".join(source.lines)
    anchored = sorted(int(m) for markers in source.footnote_anchors.values() for m in markers)
    assert anchored == list(range(1, 8))


@pytest.mark.slow
def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    document = Document()
    for n in range(1, 21):
        document.add_paragraph(
            f"{n}. Paragraph {n} begins here and runs on for a while, so that it wraps over "
            f"several lines of a narrow column of text; it ends with word{n}end."
        )
    document.sections[0]._sectPr.append(
        parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="720"/>')
    )
    path = tmp_path / "columns.docx"
    document.save(str(path))
    source = read_source(convert(path, "pdf"))
    order = [int(n) for line in source.lines for n in re.findall(r"word(\d+)end", line)]
    assert order == list(range(1, 21))
