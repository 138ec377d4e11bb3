"""Text sources: encodings, and pdftotext pages cleaned like PDF pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.documents import read_source
from drafter.documents.pages import PageLine, clean_pages, split_text_pages
from drafter.documents.read_text import source_from_text
from drafter.errors import ReadError
from tests.conftest import BRAZIL_CO_TXT, BRAZIL_FCO_TXT, SEED_STATE_REPORT

RUSSIAN = "Комитет по ликвидации расовой дискриминации\n\n1. Комитет рассмотрел доклад.\n"
FRENCH = "Comité pour l'élimination de la discrimination raciale\n\n1. Le Comité a examiné.\n"


@pytest.mark.parametrize(
    ("name", "text", "encoding"),
    [
        ("utf8.txt", RUSSIAN, "utf-8"),
        ("bom.txt", RUSSIAN, "utf-8-sig"),
        ("utf16.txt", RUSSIAN, "utf-16"),
        ("russian.txt", RUSSIAN * 20, "cp1251"),
        ("french.md", FRENCH * 20, "latin-1"),
        ("windows-crlf.txt", FRENCH.replace("\n", "\r\n"), "utf-8"),
        # One short line each: too little text for detection among every known encoding.
        ("short-russian.txt", "Доклад Казахстана. Комитет рекомендует принять меры.\n", "cp1251"),
        ("short-spanish.txt", "Observaciones finales sobre el informe de España.\n", "latin-1"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, name: str, text: str, encoding: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    source = read_source(path)
    assert "\n".join(source.lines).strip() == text.replace("\r\n", "\n").strip()
    assert not source.lines[0].startswith("\ufeff")


def test_binary_data_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError, match="not text") as caught:
        read_source(path)
    assert caught.value.path == str(path)


def test_whitespace_only_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n \n\t\n")
    with pytest.raises(ReadError, match="no text"):
        read_source(path)


def test_seed_state_report_lines_are_kept_as_written() -> None:
    source = read_source(SEED_STATE_REPORT)
    raw = SEED_STATE_REPORT.read_text(encoding="utf-8").splitlines()
    assert [line.rstrip() for line in raw] == source.lines[: len(raw)]
    assert source.footnotes == [] and source.footnote_anchors == {}


def test_pdftotext_pages_lose_running_headers_footers_and_page_numbers() -> None:
    source = read_source(BRAZIL_CO_TXT)
    text = "\n".join(source.lines)
    # The symbol survives once, in the masthead; the 17 running headers are gone.
    assert text.count("CERD/C/BRA/CO/18-20") == 1
    assert "GE.22-27770" not in text
    assert "\f" not in text
    assert not [line for line in source.lines if re.fullmatch(r"\d{1,2}", line)]


def test_pdftotext_footnotes_become_footnotes_with_their_anchors() -> None:
    source = read_source(BRAZIL_CO_TXT)
    notes = {note.id: note.text for note in source.footnotes}
    assert list(notes) == ["*", "**", *[str(n) for n in range(1, 13)]]
    assert notes["1"] == "CERD/C/BRA/18-20."
    assert notes["3"] == "CERD/C/64/CO/2, para. 18."
    assert notes["12"] == "CERD/C/2007/1."
    body = "\n".join(source.lines)
    for text in notes.values():
        assert text not in body
    anchored = [marker for markers in source.footnote_anchors.values() for marker in markers]
    assert anchored[:2] == ["1", "2"]
    first = next(i for i, line in enumerate(source.lines) if line.startswith("Brazil,"))
    assert source.footnote_anchors[first] == ["1", "2"]
    assert source.lines[first].startswith("Brazil, submitted")


def test_follow_up_reply_pages_are_cleaned() -> None:
    source = read_source(BRAZIL_FCO_TXT)
    text = "\n".join(source.lines)
    assert "GE.26-00403" not in text
    assert text.count("CERD/C/BRA/FCO/18-20") == 1
    assert [note.id for note in source.footnotes] == ["*"]


def _pages(*pages: str) -> str:
    return "\f".join(pages)


def test_glued_markers_split_but_paragraph_numbers_and_decimals_kept() -> None:
    header = "CERD/C/XYZ/CO/1\n\n"
    text = _pages(
        "CERD/C/XYZ/CO/1\n\n1.\nThe Committee considered the report of Brazil,1 as set out in\n"
        "paragraph 5.2 of the report and Law No. 13,445 of 2017.\n\n1\n\nCERD/C/XYZ/1.\n",
        header + "2.\nThe session2 was held in Geneva, see also G20 and COVID-19.\n\n2\n\n"
        "Ibid.\n\n2\n",
        header + "3.\nFinal text.\n\n3\n",
    )
    source = source_from_text(text, "sample.txt")
    body = "\n".join(source.lines)
    assert "Brazil, as set out" in body
    assert "paragraph 5.2" in body and "No. 13,445" in body
    assert "The session was held" in body and "G20" in body and "COVID-19" in body
    assert [n.id for n in source.footnotes] == ["1", "2"]
    assert sorted(m for ms in source.footnote_anchors.values() for m in ms) == ["1", "2"]


def test_hyphenated_line_breaks_are_rejoined_the_way_the_document_spells_the_word() -> None:
    page = [
        PageLine("The anti-discrimination law and the anti-", size=10, top=0.5),
        PageLine("discrimination body work on well-", size=10, top=0.52),
        PageLine("being; the co\ufffeoperation is good.", size=10, top=0.54),
        PageLine("Cooperation continues.", size=10, top=0.56),
    ]
    source = clean_pages([page], "sample.pdf")
    assert source.lines == [
        "The anti-discrimination law and the anti-discrimination body work on well-being; "
        "the cooperation is good.",
        "Cooperation continues.",
    ]


def test_text_pages_keep_blank_lines_as_block_breaks() -> None:
    pages = split_text_pages("a\n\nb\nc\f\fd\n\f")
    assert [[line.text for line in page] for page in pages] == [["a", "b", "c"], [], ["d"]]
    assert [line.break_before for line in pages[0]] == [False, True, False]


def test_running_headers_go_but_sub_item_markers_at_page_tops_stay() -> None:
    pages = [
        f"CERD/C/XYZ/CO/1\n\n(a)\nItem text on page {n}.\n{n + 1}.\nParagraph text.\n\n{n}\n"
        for n in range(1, 6)
    ]
    source = source_from_text("\f".join(pages), "sample.txt")
    assert source.lines.count("(a)") == 5
    assert sum("CERD/C/XYZ/CO/1" in line for line in source.lines) == 1
    assert [line for line in source.lines if line.isdigit()] == []


def test_a_hyphen_before_a_capital_joins_a_compound() -> None:
    page = [
        PageLine("support for Afro-", size=10, top=0.5),
        PageLine("Brazilian women and the Inter-", size=10, top=0.52),
        PageLine("American Convention.", size=10, top=0.54),
    ]
    source = clean_pages([page], "sample.pdf")
    assert source.lines == ["support for Afro-Brazilian women and the Inter-American Convention."]
