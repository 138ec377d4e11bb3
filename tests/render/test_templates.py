"""Templates are data: every shipped one is complete, and a maintainer's mistake is reported
with the field that is wrong (one small bad template per mistake)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.errors import TemplateError
from drafter.project.template import (
    DEFAULT_LABELS,
    available_templates,
    check_template,
    find_template,
    load_template,
)

SHIPPED = [
    "ccpr-alternative-report",
    "cerd-alternative-report",
    "cerd-alternative-report-es",
    "cerd-alternative-report-fr",
    "cerd-follow-up",
    "cerd-list-of-issues",
    "crpd-alternative-report",
    "crpd-alternative-report-es",
    "crpd-alternative-report-fr",
    "crpd-follow-up",
    "crpd-follow-up-es",
    "crpd-follow-up-fr",
    "generic",
]
REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize("tid", SHIPPED)
def test_shipped_templates_are_complete(tid: str) -> None:
    assert tid in available_templates()
    assert check_template(available_templates()[tid]) == []


def test_scales_are_the_committees_own() -> None:
    ccpr = find_template("ccpr-alternative-report")
    assert [lv.id for lv in ccpr.scale] == ["a", "b", "c", "d", "e"]
    assert ccpr.scale[0].description == "Reply/action largely satisfactory"
    assert ccpr.scale[3].description == (
        "No cooperation with the Committee: No follow-up report has been received after the "
        "reminder(s)"
    )
    assert ccpr.word_limit.words == 10000
    cerd = find_template("cerd-alternative-report")
    assert [lv.label for lv in cerd.scale][:3] == [
        "Satisfactory",
        "Partially satisfactory",
        "Not satisfactory",
    ]
    assert cerd.word_limit.words == 0 and "not found" in cerd.word_limit.source
    generic = find_template("generic")
    assert [lv.id for lv in generic.scale] == [
        "implemented",
        "partially-implemented",
        "not-implemented",
        "no-information",
        "regression",
    ]
    follow_up = find_template("cerd-follow-up")
    assert follow_up.only_follow_up and "not found" in follow_up.word_limit.source
    assert find_template("cerd-list-of-issues").sections[0] == "questions"


@pytest.mark.parametrize(
    ("english", "translations"),
    [
        ("cerd-alternative-report", ("cerd-alternative-report-fr", "cerd-alternative-report-es")),
        ("crpd-alternative-report", ("crpd-alternative-report-fr", "crpd-alternative-report-es")),
        # The follow-up translations extend the translated alternative reports, not the English
        # follow-up template: what the English one changes must be translated all the same.
        ("crpd-follow-up", ("crpd-follow-up-fr", "crpd-follow-up-es")),
    ],
)
def test_translations_inherit_facts_and_translate_every_word(
    english: str, translations: tuple[str, ...]
) -> None:
    en = find_template(english)
    for tid in translations:
        t = find_template(tid)
        assert t.sections == en.sections
        assert t.deadline_days_before_session == en.deadline_days_before_session
        assert t.only_follow_up == en.only_follow_up and t.submission_type == en.submission_type
        assert t.word_limit.words == en.word_limit.words
        assert [lv.id for lv in t.scale] == [lv.id for lv in en.scale]
        assert [lv.colour for lv in t.scale] == [lv.colour for lv in en.scale]
        # Words that are the same in English and French are the only ones allowed to match.
        same = {"Session", "Date", "Contact", "Annexes", "Compilation", "Document"}
        for key in DEFAULT_LABELS:
            assert t.labels[key] != en.labels[key] or t.labels[key] in same, (tid, key)
        for key, text in en.boilerplate.items():
            assert t.boilerplate[key] != text, (tid, key)
        for lv, en_lv in zip(t.scale, en.scale, strict=True):
            assert lv.label != en_lv.label and lv.description != en_lv.description, (tid, lv.id)
        for key in ("name", "report_label", "committee_name", "treaty", "description"):
            assert getattr(t, key) != getattr(en, key), (tid, key)
        assert t.numbering["sub_items"] == "a)"


def test_crpd_templates_say_what_was_not_found_and_name_the_committee_as_its_documents_do() -> None:
    from drafter.documents.language import registry

    crpd = registry().committees["CRPD"]
    for tid in [t for t in SHIPPED if t.startswith("crpd-")]:
        t = find_template(tid)
        assert t.committee == "CRPD"
        # No limit was found in the sources: none is invented.
        assert t.word_limit.words == 0 and "not found" in t.word_limit.source, tid
        assert t.committee_name == crpd.names[t.language], tid
        assert t.treaty == crpd.treaties[t.language], tid
        # The generic template's ids: a project can move between the two without losing a grade.
        assert [lv.id for lv in t.scale] == [lv.id for lv in find_template("generic").scale]
    assert find_template("crpd-alternative-report").deadline_days_before_session == 62
    for tid in ("crpd-follow-up", "crpd-follow-up-es", "crpd-follow-up-fr"):
        t = find_template(tid)
        assert t.only_follow_up and t.submission_type == "follow-up"
        assert t.deadline_days_before_session == 0


def _template(tmp_path: Path, name: str, edit: str, base: str = "cerd-alternative-report") -> Path:
    """A copy of a shipped template with one line added or replaced."""
    folder = tmp_path / name
    shutil.copytree(REPO_TEMPLATES / base, folder)
    toml = folder / "template.toml"
    text = toml.read_text(encoding="utf-8").replace(f'id = "{base}"', f'id = "{name}"')
    old, _, new = edit.partition(" => ")
    if new:
        assert old in text, old
        text = text.replace(old, new)
    else:
        text = edit + "\n" + text
    toml.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("extra-key", 'colour_scheme = "blue"', "colour_scheme: unknown field"),
        ("bad-colour", 'colour = "C6EFCE" => colour = "green"', "scale[0].colour: 'green'"),
        (
            "bad-type",
            "deadline_days_before_session = 14 => deadline_days_before_session = 'x'",
            "deadline_days_before_session",
        ),
        ("bad-section", '"summary_table", => "summary-table",', "sections[4]: 'summary-table'"),
        (
            "bad-placeholder",
            "{state} under => {country} under",
            "boilerplate.cover_intro: unknown placeholder {country}",
        ),
        ("missing-label", 'contents = "Contents"\n => \n', "labels.contents: missing"),
        ("bad-numbering", 'sub_items = "(a)" => sub_items = "a."', "numbering.sub_items: 'a.'"),
        (
            "bad-counts",
            'counts = ["body", "quotations", "footnotes", "annexes"] => '
            'counts = ["body", "endnotes"]',
            "word_limit.counts[1]: 'endnotes' is not one of",
        ),
        ("not-toml", "id = => id ==", "not valid TOML"),
    ],
)
def test_each_mistake_names_its_field(tmp_path: Path, name: str, edit: str, message: str) -> None:
    folder = _template(tmp_path, name, edit)
    problems = check_template(folder)
    assert any(message in p for p in problems), problems


def test_a_translation_that_forgets_a_label_is_refused(tmp_path: Path) -> None:
    folder = _template(
        tmp_path,
        "cerd-alternative-report-de",
        'contents = "Table des matières"\n => \n',
        base="cerd-alternative-report-fr",
    )
    problems = check_template(folder)
    assert "labels.contents: not translated into 'fr'" in problems


def test_extends_cycles_and_unknown_parents(tmp_path: Path) -> None:
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "template.toml").write_text('extends = "b"\nid = "a"\n', encoding="utf-8")
    (b / "template.toml").write_text('extends = "a"\nid = "b"\n', encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(a)
    assert "extends" in exc.value.message and "a -> b -> a" in exc.value.message
    (b / "template.toml").write_text('extends = "nowhere"\nid = "b"\n', encoding="utf-8")
    with pytest.raises(TemplateError) as exc:
        load_template(a)
    assert "extends: no template named 'nowhere'" in exc.value.message


def test_cli_lists_and_checks(tmp_path: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(cli, ["templates"])
    assert listing.exit_code == 0
    for tid in SHIPPED:
        assert tid in listing.output
    assert "10,000 words" in listing.output
    ok = runner.invoke(cli, ["templates", "check", str(REPO_TEMPLATES / "cerd-follow-up")])
    assert ok.exit_code == 0 and "ok" in ok.output
    bad = _template(tmp_path, "bad-colour", 'colour = "C6EFCE" => colour = "green"')
    result = runner.invoke(cli, ["templates", "check", str(bad)])
    assert result.exit_code == 2
    assert "template.toml: scale[0].colour: 'green' is not a hex colour" in result.output


def test_every_kind_of_document_has_a_label_for_the_documents_cited() -> None:
    # The annex names each cited document's kind; a kind without a label printed its key
    # ("kind_list_of_issues") in the report.
    from drafter.documents.model import DocumentKind

    for kind in DocumentKind:
        key = "kind_" + kind.value.replace("-", "_")
        assert key in DEFAULT_LABELS, key
        for tid in SHIPPED:
            assert find_template(tid).labels.get(key, "").strip(), (tid, key)
    assert find_template("crpd-alternative-report-es").label("kind_list_of_issues") == (
        "Lista de cuestiones"
    )


def test_the_line_over_the_committee_s_words_says_what_the_paragraph_is(tmp_path: Path) -> None:
    """CRPD/C/NOR/CO/1 (French): paragraph 9 is a concern ("Le Comité note avec préoccupation"),
    10 a recommendation; each gets its own lead line, not "recommendation" over both."""
    from drafter.project.report.builder import build_report
    from drafter.project.report.tree import Para, ParaRole, Text
    from drafter.project.workspace import Workspace
    from tests.conftest import CRPD
    from tests.render.conftest import drafter

    folder = tmp_path / "nor"
    drafter("new", str(folder), "--template", "crpd-alternative-report-fr", "--state", "Norvège")
    drafter(
        "import",
        str(folder),
        str(CRPD / "CRPD_C_NOR_CO_1_fr.pdf"),
        "--as",
        "concluding-observations",
    )
    for pid in ("9", "10"):
        drafter("entry", str(folder), "-p", pid, "--commentary", "Texte.")
    report = build_report(Workspace.open(folder)).report
    leads = [
        "".join(i.text for i in b.inlines if isinstance(i, Text))
        for d in report.divisions
        for b in d.blocks
        if isinstance(b, Para) and b.role is ParaRole.LEAD
    ]
    assert leads == [
        "La préoccupation du Comité",
        "La recommandation du Comité",
    ]
