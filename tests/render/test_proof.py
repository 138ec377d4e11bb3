"""The proof that a rendered report can be sent, on the three sample projects and on a Spanish
and a French project: read back from the DOCX and from LibreOffice's PDF, never from drafter's tree.

- every quotation is verbatim in the paragraph its note cites, and ends at a real sentence end;
- no citation or Markdown syntax and no internal text anywhere in the package;
- every note cites paragraphs that exist;
- `drafter check` and `drafter render` give the same word count;
- the PDF's table of contents gives each heading's page;
- French has « » and note marks before the punctuation; English after.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.report.quotes import is_abbreviation
from drafter.project.workspace import Workspace
from tests.conftest import BRAZIL_CO_TXT, BRAZIL_FCO_TXT, REPO
from tests.render.conftest import drafter, pdf_text, to_pdf
from tests.render.docx_reading import body, normal, notes_in_order, package_texts
from tests.render.test_quotes import assert_exact

pytestmark = pytest.mark.slow

SAMPLES = REPO / "sample_projects"


@dataclass
class Rendered:
    name: str
    language: str
    project: Path
    docx: Path
    pdf: Path
    render_output: str
    check: dict[str, object]


LATIN = {
    "es": (
        "cerd-alternative-report-es",
        "El Estado parte describe la Estrategia de Salud Antirracista [@cerd-c-bra-fco-18-20:9]."
        ' Indica que el número de beneficiarios "ha aumentado un 30 %" '
        "[@cerd-c-bra-fco-18-20:18], sin cifras de pobreza [@cerd-c-bra-fco-18-20:18; "
        "@cerd-c-bra-co-18-20:23]; el Comité lo había pedido [@cerd-c-bra-co-18-20:23(a)].",
        "Publicar datos desglosados por raza y etnia.",
    ),
    "fr": (
        "cerd-alternative-report-fr",
        "L'État partie décrit la Stratégie de santé antiraciste [@cerd-c-bra-fco-18-20:9]. "
        'Il indique que le nombre de bénéficiaires "a augmenté de 30 %" '
        "[@cerd-c-bra-fco-18-20:18] ; les chiffres de la pauvreté manquent "
        "[@cerd-c-bra-fco-18-20:18; @cerd-c-bra-co-18-20:23] : le Comité les avait demandés "
        "[@cerd-c-bra-co-18-20:23(a)].",
        "Publier des données ventilées par race et origine ethnique.",
    ),
}


def build_latin(folder: Path, language: str) -> Path:
    """A small project in Spanish or French on the Brazil documents, as an author builds it."""
    template, commentary, recommendation = LATIN[language]
    drafter("new", str(folder), "--template", template, "--state", "Brazil", "--title",
            {"es": "Informe sobre el Brasil", "fr": "Rapport sur le Brésil"}[language])  # fmt: skip
    drafter("import", str(folder), str(BRAZIL_CO_TXT), "--as", "concluding-observations")
    drafter("import", str(folder), str(BRAZIL_FCO_TXT), "--as", "state-report")
    drafter(
        "metadata", str(folder), "--set", "submitted=2026-08-03", "--set", "session=110.º período",
        "--set", "session_start=2026-08-03", "--set", "session_end=2026-08-21",
        "--organisation", "Organización de ejemplo;A. Autora;a@example.org;lead",
    )  # fmt: skip
    drafter(
        "entry", str(folder), "-p", "23", "--assessment", "partially-satisfactory",
        "--commentary", commentary, "--recommendation", recommendation,
    )  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, soffice_profile: str) -> dict[str, Rendered]:
    work = tmp_path_factory.mktemp("proof")
    projects = {
        "brazil": ("en", shutil.copytree(SAMPLES / "brazil-cerd-follow-up-2026", work / "brazil")),
        "kazakhstan": ("en", shutil.copytree(SAMPLES / "kazakhstan-cerd-2025", work / "kz")),
        "czechia": ("en", shutil.copytree(SAMPLES / "czechia-crpd-follow-up-2016", work / "cz")),
        "spanish": ("es", build_latin(work / "es", "es")),
        "french": ("fr", build_latin(work / "fr", "fr")),
    }
    out: dict[str, Rendered] = {}
    for name, (language, project) in projects.items():
        docx = work / f"{name}.docx"
        args = ["render", str(project), "-o", str(docx)]
        if name == "brazil":  # the one render through --pdf: LibreOffice is slow to start
            args = ["render", str(project), "--pdf", "-o", str(docx.with_suffix(".pdf"))]
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        checked = CliRunner().invoke(cli, ["check", str(project), "--json"])
        out[name] = Rendered(
            name, language, project, docx, docx.with_suffix(".pdf"), result.output,
            json.loads(checked.output),
        )  # fmt: skip
    assert out["brazil"].pdf.is_file()
    to_pdf([r.docx for r in out.values() if r.name != "brazil"], work, soffice_profile)
    return out


NAMES = ["brazil", "kazakhstan", "czechia", "spanish", "french"]


def _documents(project: Path) -> dict[str, dict[str, str]]:
    """symbol or title -> paragraph id -> text, for every source of the project."""
    with Workspace.open(project, read_only=True) as ws:
        out: dict[str, dict[str, str]] = {}
        for s in ws.project.sources:
            doc = ws.documents[s.id]
            paras = {p.id: p.text for p in doc.paragraphs}
            for name in (s.symbol, s.title, s.author):
                if name:
                    out[name] = paras
        return out


_LOCATOR = re.compile(r"^(?:paras?\.|par\.|párrs?\.) (?P<numbers>.+)$")


def cited_paragraphs(note: str, docs: dict[str, dict[str, str]]) -> list[tuple[str, str]]:
    """(source name, paragraph number) for each paragraph a note cites; asserts they exist."""
    out: list[tuple[str, str]] = []
    for part in note.rstrip(".").split("; "):
        source = next((n for n in sorted(docs, key=len, reverse=True) if part.startswith(n)), None)
        assert source is not None, f"a note that cites no known document: {note!r}"
        rest = part[len(source) :].lstrip(", ")
        m = _LOCATOR.match(rest.split(", para", 1)[-1] if ", para" in rest else rest)
        if not rest or not m:
            continue  # the whole document, or an evidence note's date and address
        for number in re.split(r", | and | et | y |–", m["numbers"]):
            pid = number.split(" ", 1)[0].strip("()")
            if pid.isdigit():
                assert pid in docs[source], f"{note!r}: no paragraph {pid} in {source}"
                out.append((source, pid))
    return out


def resolved_notes(r: Rendered) -> list[list[tuple[str, str]]]:
    """Each note's cited paragraphs, "Ibid." resolved to the note before it."""
    docs = _documents(r.project)
    out: list[list[tuple[str, str]]] = []
    for note in notes_in_order(r.docx):
        if note.startswith("Ibid."):
            previous = out[-1]
            assert previous and len({s for s, _ in previous}) == 1, note
            source = previous[0][0]
            rest = note[len("Ibid.") :].lstrip(", ")
            out.append(cited_paragraphs(f"{source}, {rest}", docs) if rest else previous)
        elif any(note.startswith(n) for n in docs):
            out.append(cited_paragraphs(note, docs))
        else:
            out.append([])  # the author's own note
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_note_cites_paragraphs_that_exist(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    notes = resolved_notes(r)
    assert sum(1 for n in notes if n) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_every_quotation_is_verbatim_in_the_paragraph_it_cites(
    rendered: dict[str, Rendered], name: str
) -> None:
    r = rendered[name]
    docs = _documents(r.project)
    cited = resolved_notes(r)
    # The words an author chose to quote (`drafter entry --quote`): any exact part of the
    # paragraph, not only its opening.
    with Workspace.open(r.project, read_only=True) as ws:
        chosen = {normal(q) for e in ws.project.entries.values() for q in e.quotes.values()}
    by_note: dict[str, list[tuple[str, str]]] = {}
    n = 0
    for p in body(r.docx):
        for note_id in p.notes:
            by_note[note_id] = cited[n]
            n += 1
    paragraphs = body(r.docx)
    quotations = 0
    block: list[str] = []
    for p in paragraphs:
        if p.style == "Quote":  # the Committee's words, quoted as a block
            block.append(normal(p.text))
            if p.notes:
                ((source, pid),) = by_note[p.notes[-1]]
                for line in block:
                    assert line in normal(docs[source][pid]), line[:80]
                quotations += len(block)
                block = []
            continue
        m = re.match(r"^[“«]\s?(?P<quoted>.+?)\s?[”»]$", normal(p.text))
        if p.style == "List Paragraph" and m and p.notes:  # a claim of the State party
            ((source, pid),) = by_note[p.notes[-1]]
            if m["quoted"] in chosen:
                assert m["quoted"] in normal(docs[source][pid])
                quotations += 1
                continue
            assert_exact(normal(docs[source][pid]), m["quoted"])
            word = m["quoted"].split()[-1]
            assert not (word.endswith(".") and is_abbreviation(word)) or m["quoted"] == normal(
                docs[source][pid]
            )
            quotations += 1
    assert quotations >= 3 if name != "kazakhstan" else quotations >= 2
    assert not block


MARKUP = re.compile(r"\[@|\[\^|\*\*|__|\]\(|`|^\s*#{1,6} |^> ", re.M)


@pytest.mark.parametrize("name", NAMES)
def test_no_syntax_or_internal_text_anywhere_in_the_package(
    rendered: dict[str, Rendered], name: str
) -> None:
    r = rendered[name]
    with Workspace.open(r.project, read_only=True) as ws:
        ids = [s.id for s in ws.project.sources]
    for part_name, text in package_texts(r.docx).items():
        assert not MARKUP.search(text), (part_name, MARKUP.search(text))
        for sid in ids:
            assert sid not in text, (part_name, sid)
        assert "has not been imported" not in text
    # Every note names a document by its symbol, or by its author and title: never a bare title.
    with Workspace.open(r.project, read_only=True) as ws:
        names = [s.symbol or s.author for s in ws.project.sources if s.symbol or s.author]
    for note in notes_in_order(r.docx):
        assert note.startswith(("Ibid.", *names)), note


@pytest.mark.parametrize("name", NAMES)
def test_check_and_render_give_the_same_word_count(
    rendered: dict[str, Rendered], name: str
) -> None:
    r = rendered[name]
    total = r.check["words"]["total"]  # type: ignore[index]
    assert isinstance(total, int) and total > 100
    assert f"words: {total:,}" in r.render_output


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_contents_give_each_heading_s_page(
    rendered: dict[str, Rendered], name: str
) -> None:
    r = rendered[name]
    pages = pdf_text(r.pdf).split("\f")
    printed: dict[int, int] = {}  # page number in the footer -> index of the PDF page
    for i, page in enumerate(pages):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        if lines and lines[-1].isdigit():
            printed[int(lines[-1])] = i
    contents = next(
        i for i, p in enumerate(pages) if re.search(r"(?m)^\s*(Contents|Table des|Índice)", p)
    )
    entries = re.findall(
        r"(?m)^\s*(?:[IVX]+\.|[A-H]\.)?\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[contents]
    )
    assert len(entries) >= 4, pages[contents]
    for heading, number in entries:
        page = pages[printed[int(number)]]
        assert normal(heading)[:30] in normal(page), (heading, number)
    assert 1 in printed and printed[1] > contents  # cover and contents are not numbered


def test_french_quotes_and_note_marks(rendered: dict[str, Rendered]) -> None:
    r = rendered["french"]
    text = "\n".join(p.text for p in body(r.docx))
    assert (
        "«\u00a0a augmenté de 30\u00a0%\u00a0»" in text
        or "«\u00a0a augmenté de 30 %\u00a0»" in text
    )
    assert "\u202f;" in text and "\u00a0:" in text
    _marks_before_punctuation(r)


def test_spanish_words_dates_and_marks(rendered: dict[str, Rendered]) -> None:
    r = rendered["spanish"]
    text = "\n".join(p.text for p in body(r.docx))
    assert "Brasil" in text and "3 de agosto de 2026" in normal(text)
    assert "“ha aumentado un 30 %”" in normal(text)
    assert any(n.startswith("CERD/C/BRA/CO/18-20, párr. 23") for n in notes_in_order(r.docx))
    _marks_before_punctuation(r)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def mark_neighbours(r: Rendered) -> list[tuple[str, str]]:
    """(text of the run before, text of the run after) every note mark in the author's text
    (a quotation keeps its own full stop, whatever the language)."""
    out: list[tuple[str, str]] = []
    for p in body(r.docx):
        if p.xml is None or not p.notes or p.style != "Body Text":
            continue
        runs = list(p.xml.iter(f"{W}r"))
        for i, run in enumerate(runs):
            if run.find(f"{W}footnoteReference") is None:
                continue
            before = "".join(t.text or "" for t in runs[i - 1].iter(f"{W}t")) if i else ""
            after = (
                "".join(t.text or "" for t in runs[i + 1].iter(f"{W}t"))
                if i + 1 < len(runs)
                else ""
            )
            out.append((before, after))
    return out


PUNCTUATION = (".", ",", ";", ":")


def _marks_before_punctuation(r: Rendered) -> None:
    """French and Spanish: the note mark, then the punctuation ("antiraciste¹.")."""
    pairs = mark_neighbours(r)
    for before, _ in pairs:
        assert not before.rstrip("\u00a0\u202f").endswith(PUNCTUATION), before[-20:]
    assert sum(after.lstrip("\u00a0\u202f").startswith(PUNCTUATION) for _, after in pairs) >= 2


def test_english_marks_follow_the_punctuation(rendered: dict[str, Rendered]) -> None:
    text = "\n".join(p.text for p in body(rendered["brazil"].docx))
    assert "“are and remain fully vaccinated”." in text  # the mark comes after the stop
    pairs = mark_neighbours(rendered["brazil"])
    assert all(not after.startswith(PUNCTUATION) for _, after in pairs)
    assert sum(before.endswith(PUNCTUATION) for before, _ in pairs) >= 5
