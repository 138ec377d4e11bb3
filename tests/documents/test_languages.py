"""Languages and committees as data: the files, their check, and what the reader does with them.

The phrases drafter looks for in English, French and Spanish documents (roles, urgent-measures
and follow-up sentences, reply headings, references, sub-items) and the committees' symbols are
read from templates/languages and templates/committees; a maintainer adds a language by adding a
file there (here: a small German one, through $DRAFTER_TEMPLATES).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.documents.concluding_observations import annotate, role_of
from drafter.documents.language import check_files, data_files, language, registry
from drafter.documents.model import (
    Document,
    DocumentKind,
    Paragraph,
    ReferenceScope,
    Role,
    SourceText,
)
from drafter.documents.phrases import PatternError, compile_pattern
from drafter.documents.references import ReferenceContext, expand_paragraph_list, find_references
from drafter.documents.segment import segment

CO = ReferenceScope.CONCLUDING_OBSERVATIONS
LOI = ReferenceScope.LIST_OF_ISSUES
INTERNAL = ReferenceScope.INTERNAL


def _doc(*lines: str, language: str | None = None) -> Document:
    return segment(SourceText("t.txt", list(lines)), language=language)


# --- the files ---------------------------------------------------------------------------------


def test_every_shipped_file_passes_its_check() -> None:
    results = check_files(data_files())
    assert {p.name for p in results} >= {"en.toml", "fr.toml", "es.toml", "CRPD.toml", "UPR.toml"}
    assert {str(p): r.problems for p, r in results.items() if r.problems} == {}


def test_every_committee_of_the_brief_is_there() -> None:
    expected = {"CERD", "CCPR", "CESCR", "CAT", "CEDAW", "CRC", "CRPD", "CMW", "CED", "UPR"}
    assert set(registry().committees) == expected


@pytest.mark.parametrize(
    ("symbol", "kind", "answers"),
    [
        ("CRPD/C/CZE/CO/1", DocumentKind.CONCLUDING_OBSERVATIONS, None),
        ("CRPD/C/CZE/CO/1/Add.1", DocumentKind.STATE_REPORT, "CRPD/C/CZE/CO/1"),
        ("CCPR/C/NAM/CO/2/Add.1", DocumentKind.STATE_REPORT, "CCPR/C/NAM/CO/2"),
        ("CERD/C/BRA/FCO/18-20", DocumentKind.STATE_REPORT, "CERD/C/BRA/CO/18-20"),
        ("CRPD/C/ISR/Q/1", DocumentKind.LIST_OF_ISSUES, None),
        ("CRPD/C/CZE/QPR/2-3", DocumentKind.LIST_OF_ISSUES, None),
        ("CRPD/C/KWT/Q/1/Add.1", DocumentKind.STATE_REPORT, "CRPD/C/KWT/Q/1"),
        ("E/C.12/COL/CO/7", DocumentKind.CONCLUDING_OBSERVATIONS, None),
        ("CRPD/C/CZE/2-3", DocumentKind.STATE_REPORT, None),
        ("A/HRC/WG.6/41/BRA/2", DocumentKind.COMPILATION, None),
        ("A/HRC/WG.6/41/BRA/1", DocumentKind.STATE_REPORT, None),
    ],
)
def test_what_a_symbol_says(symbol: str, kind: DocumentKind, answers: str | None) -> None:
    found = registry().classify_symbol(symbol)
    assert found is not None
    assert (found.kind, found.answers) == (kind, answers)


def test_check_names_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "de.toml"
    bad.write_text(
        'code = "de"\nname = "Deutsch"\n[detection]\nwords = ["der"]\n'
        '[roles]\nrecommendation = ["{nobody} empfiehlt", "(empfiehlt"]\nbogus = ["x"]\n'
        '[references]\nparagraph = ["Absatz"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["languages", "check", str(bad)])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"{bad}: roles.bogus: unknown key" in lines
    assert any(
        line.startswith(f"{bad}: roles.recommendation: no word list {{nobody}}") for line in lines
    )
    assert any(line.startswith(f"{bad}: roles.recommendation: missing ')'") for line in lines)
    # What it leaves out is a note, not an error.
    assert any(line.startswith(f"{bad}: note: not given") for line in lines)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [("{paragraphs} of", "must be the last"), ("[a|b", "missing ']'"), ("", "empty")],
)
def test_malformed_patterns_are_refused(pattern: str, problem: str) -> None:
    with pytest.raises(PatternError, match=problem):
        compile_pattern(pattern, {}, "(?:paragraph)")


def test_a_maintainer_adds_a_language_with_one_file(tmp_path: Path) -> None:
    """German, in a folder of the organisation's own ($DRAFTER_TEMPLATES): detected from its
    words, its roles and reply headings read from its file, without any Python."""
    folder = tmp_path / "languages"
    folder.mkdir()
    (folder / "de.toml").write_text(
        """code = "de"
name = "Deutsch"
[detection]
words = ["der", "die", "das", "und", "des", "den", "dem", "von", "mit", "für"]
[words]
committee = ["der Ausschuss", "er"]
[roles]
recommendation = ["{committee} [, … ,] (empfiehlt|fordert)"]
concern = ["besorgt", "bedauert"]
[replies]
headings = ["Informationen zu {paragraphs}"]
[references]
paragraph = ["Absätze", "Absatz", "Abs."]
and = ["und"]
of = ["der", "des"]
concluding_observations = ["der abschließenden Bemerkungen"]
""",
        encoding="utf-8",
    )
    text = (
        "United Nations\nCRPD/C/DEU/CO/2-3/Add.1\n\nInformationen zu Absatz 12 der "
        "abschließenden Bemerkungen\n1. Die Bundesregierung hat die Empfehlung des Ausschusses "
        "umgesetzt und die Mittel für die Länder erhöht, mit dem Ziel der Inklusion.\n"
        "2. Die Länder haben die Förderung der Schulen und der Werkstätten neu geregelt.\n"
        "3. Der Bericht der Regierung und der Länder folgt im Jahr 2026.\n"
    )
    path = tmp_path / "reply.txt"
    path.write_text(text, encoding="utf-8")
    code = (
        "import json, sys; from drafter.documents import read_document; "
        "d = read_document(sys.argv[1]); "
        "print(json.dumps([d.language, [list(p.responds_to) for p in d.paragraphs]]))"
    )
    env = {"DRAFTER_TEMPLATES": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == '["de", [["12"], ["12"], ["12"]]]'


def test_reading_the_version_loads_no_language_data() -> None:
    code = (
        "import sys, drafter.cli; "
        "print(sorted(m for m in sys.modules if m.startswith('drafter.documents.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(eval(out.stdout))
    assert "drafter.documents.language" not in loaded and "drafter.documents.segment" not in loaded


def test_an_unknown_language_code_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("1. One.\n2. Two.\n3. Three.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path), "--language", "xx"])
    assert result.exit_code == 2
    assert "no language 'xx' (known: en, es, fr)" in result.output


# --- language detection ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Committee recommends that the State party take all the measures of the law.", "en"),
        (
            "Le Comité recommande à l’État partie de prendre les mesures et de revoir la loi "
            "dans les meilleurs délais pour les personnes handicapées et leur famille.",
            "fr",
        ),
        (
            "El Comité recomienda al Estado parte que adopte las medidas para que los niños y "
            "las niñas con discapacidad gocen de sus derechos en la escuela.",
            "es",
        ),
        ("Paragraph 5, para. 6.", "en"),  # too few words to tell: English
    ],
)
def test_the_language_is_detected_from_the_words(text: str, code: str) -> None:
    assert registry().detect(text * 2) == code


def test_the_language_can_be_given() -> None:
    document = _doc("1. Una.", "2. Dos.", "3. Tres.", language="es")
    assert document.language == "es"


# --- roles in three languages ------------------------------------------------------------------


def _p(text: str, *headings: str) -> Paragraph:
    return Paragraph(id="1", text=text, headings=headings)


@pytest.mark.parametrize(
    ("code", "text", "role"),
    [
        (
            "en",
            "The Committee, recalling its previous recommendations, encourages the State "
            "party to adopt a law.",
            Role.RECOMMENDATION,
        ),
        ("en", "The Committee is concerned that X. It recommends Y.", Role.CONCERN),
        (
            "en",
            "The Committee requests that the State party submit within 12 months "
            "information on the measures adopted.",
            Role.FOLLOW_UP_REQUEST,
        ),
        (
            "en",
            "The Committee wishes to draw the State party’s attention to the "
            "recommendations contained in paragraphs 46, on X, and 56, on Y.",
            Role.OTHER,
        ),
        ("fr", "Le Comité recommande à l’État partie de réviser sa loi.", Role.RECOMMENDATION),
        (
            "fr",
            "Dans l’esprit de son observation générale no 6 (2018), le Comité recommande à "
            "l’État partie :",
            Role.RECOMMENDATION,
        ),
        ("fr", "Il l’encourage aussi à ratifier le Traité.", Role.RECOMMENDATION),
        ("fr", "Le Comité exhorte l’État partie à agir.", Role.RECOMMENDATION),
        ("fr", "Le Comité note avec préoccupation :", Role.CONCERN),
        ("es", "El Comité recomienda al Estado parte que apruebe la ley.", Role.RECOMMENDATION),
        ("es", "El Comité insta al Estado parte a que derogue la ley.", Role.RECOMMENDATION),
        ("es", "Al Comité le preocupa:", Role.CONCERN),
        ("es", "Preocupa al Comité que no exista una estrategia.", Role.CONCERN),
        (
            "es",
            "El Comité solicita al Estado parte que, en el plazo de 12 meses, proporcione "
            "información sobre las medidas.",
            Role.FOLLOW_UP_REQUEST,
        ),
        (
            "es",
            "El Comité solicita al Estado parte que presente su próximo informe a más "
            "tardar el 24 de julio de 2026.",
            Role.RECOMMENDATION,
        ),
    ],
)
def test_roles_in_three_languages(code: str, text: str, role: Role) -> None:
    assert role_of(_p(text), language(code)) is role


@pytest.mark.parametrize(
    ("code", "sentence", "flagged", "items"),
    [
        (
            "en",
            "The Committee wishes to draw the State party’s attention to the recommendations "
            "contained in paragraphs 2, on equality, 3, on women, and 4, on children.",
            ["2", "3", "4"],
            [],
        ),
        (
            "fr",
            "S’agissant des mesures qu’il convient de prendre d’urgence, le Comité appelle "
            "l’attention de l’État partie sur les recommandations formulées aux paragraphes 2 "
            "(égalité) et 4 (enfants).",
            ["2", "4"],
            [],
        ),
        (
            "es",
            "En cuanto a las medidas urgentes, el Comité desea señalar a la atención del Estado "
            "parte las recomendaciones que figuran en los apartados b) y c) del párrafo 2 sobre "
            "la igualdad; 3 a), sobre las mujeres; y 4, sobre los niños.",
            ["2", "3", "4"],
            ["2(b)", "2(c)", "3(a)"],
        ),
    ],
)
def test_the_urgent_measures_sentence_in_three_languages(
    code: str, sentence: str, flagged: list[str], items: list[str]
) -> None:
    paragraphs = [
        Paragraph(id=str(n), text=f"Text {n}.", headings=("C. Concerns",)) for n in range(1, 5)
    ]
    paragraphs.append(Paragraph(id="5", text=sentence, headings=("D. Follow-up",)))
    document = Document(DocumentKind.CONCLUDING_OBSERVATIONS, None, paragraphs, language=code)
    annotate(document, language(code))
    assert [p.id for p in paragraphs if p.particular_importance] == flagged
    assert [f"{p.id}({s})" for p in paragraphs for s in p.particular_importance_items] == items
    assert paragraphs[-1].role is Role.OTHER


# --- sub-items, references and reply headings ----------------------------------------------


def test_sub_items_written_a_bracket_in_french_and_spanish() -> None:
    document = _doc(
        "1. Le Comité recommande à l’État partie :",
        "a) De transposer la Convention en droit interne ;",
        "b) De ratifier le Protocole facultatif, conformément à l’article 25 e) de la",
        "Convention ;",
        "2. Le Comité note avec préoccupation que la loi et les règles ne sont pas appliquées.",
        "3. Le Comité recommande à l’État partie de modifier la loi et les règles.",
        language="fr",
    )
    first = document.paragraph("1")
    assert first is not None
    assert [s.label for s in first.sub_items] == ["a", "b"]
    assert first.sub_items[1].text.endswith("conformément à l’article 25 e) de la Convention ;")


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("es", "párrafos 16 a 18", ["16", "17", "18"]),
        ("es", "apartados b) y c) del párrafo 16", ["16(b)", "16(c)"]),
        ("es", "párrafo 29 a)", ["29(a)"]),
        ("fr", "paragraphes 6 et 20", ["6", "20"]),
        ("fr", "paragraphe 12 a) à c)", ["12(a)", "12(b)", "12(c)"]),
        ("en", "subparagraphs (a) and (b) of paragraph 16", ["16(a)", "16(b)"]),
    ],
)
def test_paragraph_lists_in_three_languages(code: str, text: str, expected: list[str]) -> None:
    assert expand_paragraph_list(text, code) == expected


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "en",
            "See also the reply to paragraph 28 and paragraph 12 of the list of issues.",
            [(("28",), INTERNAL), (("12",), LOI)],
        ),
        (
            "es",
            "según el párrafo 29 a) de las observaciones finales y la respuesta al párrafo 3 b).",
            [(("29(a)",), CO), (("3(b)",), INTERNAL)],
        ),
        (
            "fr",
            "les recommandations figurant au paragraphe 12 des observations finales (voir "
            "le paragraphe 4 ci-dessus)",
            [(("12",), CO), (("4",), INTERNAL)],
        ),
    ],
)
def test_references_say_which_document_they_point_at(
    code: str, text: str, expected: list[tuple[tuple[str, ...], ReferenceScope]]
) -> None:
    context = ReferenceContext(default_scope=CO, language=code)
    assert [(r.targets, r.scope) for r in find_references(text, context)] == expected


@pytest.mark.parametrize(
    ("code", "heading", "co", "loi"),
    [
        (
            "es",
            "Información de seguimiento sobre el párrafo 29 a) de las observaciones finales",
            ["29(a)"],
            [],
        ),
        ("fr", "Renseignements relatifs au paragraphe 12", ["12"], []),
        ("en", "Reply to paragraph 5 (a) of the list of issues prior to reporting", [], ["5(a)"]),
        ("en", "As for Recommendation No. 32", ["32"], []),
        (
            "es",
            "Respuesta a los párrafos 27 b) y c) de la lista de cuestiones",
            [],
            ["27(b)", "27(c)"],
        ),
    ],
)
def test_reply_headings_in_three_languages(
    code: str, heading: str, co: list[str], loi: list[str]
) -> None:
    document = _doc(
        "CRPD/C/XYZ/1",
        "",
        heading,
        "1. La respuesta del Estado; the reply of the State; la réponse de l’État.",
        "2. Más información.",
        "3. Fin.",
        language=code,
    )
    first = document.paragraphs[0]
    assert (list(first.responds_to), list(first.responds_to_list_of_issues)) == (co, loi)


def test_a_reply_to_the_list_of_issues_is_never_an_answer_to_a_co_paragraph() -> None:
    document = _doc(
        "CRPD/C/XYZ/2-3",
        "",
        "Replies to the list of issues prior to reporting (CRPD/C/XYZ/QPR/2-3)",
        "Reply to paragraph 5 (a) of the list of issues",
        "1. The State has adopted a law (see also reply to paragraph 28).",
        "Reply to paragraph 6 of the list of issues",
        "2. The State has trained judges; see paragraph 1 above.",
        "3. And more.",
    )
    assert document.answers_list_of_issues == "CRPD/C/XYZ/QPR/2-3"
    assert document.answers_symbol is None
    assert [list(p.responds_to) for p in document.paragraphs] == [[], [], []]
    assert [list(p.responds_to_list_of_issues) for p in document.paragraphs] == [
        ["5(a)"],
        ["6"],
        ["6"],
    ]


def test_another_committees_symbol_quoted_in_passing_does_not_win() -> None:
    document = _doc(
        "CCPR/C/NAM/2",
        "",
        "1. As CEDAW/C/NAM/CO/4-5 observed, the law must change.",
        "2. The Committee in CCPR/C/NAM/CO/1 recommended a review.",
        "3. Paragraph 12 of the concluding observations asked for it.",
    )
    assert document.answers_symbol == "CCPR/C/NAM/CO/1"


# --- layouts -----------------------------------------------------------------------------------

MASTHEAD = [
    "United Nations",
    "CCPR/C/NAM/CO/2/Add.1",
    "International Covenant on",
    "Civil and Political Rights",
    "Distr.: General",
    "3 May 2019",
    "Original: English",
    "",
    "Human Rights Committee",
    "",
    "Concluding observations on the second periodic report of Namibia",
    "Addendum",
    "Information received from Namibia on follow-up to the concluding observations*",
    "",
]


def test_a_document_without_headings_or_numbers_keeps_its_text() -> None:
    document = _doc(
        *MASTHEAD,
        "The Government of Namibia has the honour to submit the follow-up information.",
        "",
        "The Ministry of Justice has taken measures in all regions.",
    )
    assert [p.text[:16] for p in document.paragraphs] == ["The Government o", "The Ministry of "]
    assert document.title == (
        "Information received from Namibia on follow-up to the concluding observations"
    )
    assert document.answers_symbol == "CCPR/C/NAM/CO/2"


def test_pasted_run_in_paragraphs_keep_their_numbers() -> None:
    document = _doc(
        "4. The Committee takes note of the State party’s report and the dialogue held with it.",
        "Views under the Optional Protocol 5. The Committee is concerned that the State party "
        "has not implemented the Views adopted under the Optional Protocol in several cases.",
        "6. The State party should give full effect to the Views of the Committee, as adopted "
        "under article 5 (4) of the Optional Protocol to the Covenant. Domestic violence",
        "7. The Committee is concerned at the high number of cases of domestic violence.",
        "8. The State party should adopt the law.",
    )
    assert [p.id for p in document.paragraphs] == ["4", "5", "6", "7", "8"]
    assert document.paragraph("5") is not None
    assert document.paragraphs[1].headings == ("Views under the Optional Protocol",)
    assert document.paragraphs[2].text.endswith("Optional Protocol to the Covenant.")
    assert document.paragraphs[3].headings == ("Domestic violence",)


def test_a_symbol_followed_by_a_private_use_glyph_is_recognised() -> None:
    document = _doc(
        "United Nations",
        "CRPD/C/AUT/CO/2-3\uf02a",
        "Concluding observations on the combined second and third periodic reports of Austria",
        "I. Introduction",
        "1. The Committee considered the report.\uf02a\uf031\uf035\uf030\uf039",
        "2. The Committee welcomes the report.",
        "3. The Committee recommends the law.",
    )
    assert document.symbol == "CRPD/C/AUT/CO/2-3"
    assert document.kind is DocumentKind.CONCLUDING_OBSERVATIONS
    assert document.paragraphs[0].text == "The Committee considered the report."


def test_endnotes_a_paste_lost_the_numbers_of_become_separate_notes() -> None:
    document = _doc(
        "1. The State has ratified the Convention.",
        "2. It has adopted a plan.",
        "3. It has reported.",
        "Notes",
        "A/HRC/36/11 and A/HRC/36/2.",
        "United Nations country team submission, paras. 64–65.",
        "A/HRC/45/12/Add.2, para. 100 (f).",
    )
    assert [(f.id, f.text) for f in document.footnotes] == [
        ("1", "A/HRC/36/11 and A/HRC/36/2."),
        ("2", "United Nations country team submission, paras. 64–65."),
        ("3", "A/HRC/45/12/Add.2, para. 100 (f)."),
    ]


# --- one registry of readers -------------------------------------------------------------------


def test_the_formats_are_listed_once() -> None:
    from drafter.documents.readers import READERS, suffixes
    from drafter.tui.screens.import_source import SUFFIXES

    assert set(suffixes()) == SUFFIXES == {".pdf", ".docx", ".txt", ".md"}
    assert all(r.suffixes for r in READERS)
    help_text = CliRunner().invoke(cli, ["parse", "--help"]).output
    assert "(.pdf, .docx, .txt or .md)" in " ".join(help_text.split())


def test_one_loader_reads_the_language_files_for_the_reader_and_the_report() -> None:
    from drafter.project.report.language import language as report_language

    french = registry().languages["fr"]
    assert report_language("fr").quotes == tuple(french.raw["typography"]["quotes"])
    assert report_language("fr").locale == french.raw["locale"] == "fr_FR"
    assert french.phrases("roles", "recommendation").search("Le Comité recommande")
