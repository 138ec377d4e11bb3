"""Links on real documents: what the author must find beside each CO paragraph.

Projects are built once per module from the seeds (Kazakhstan, no CO imported: placeholders) and
from the Brazil corpus (CO, the State's follow-up reply, the UPR compilation).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.project.linking import LinkGroup, normalise, tokens
from drafter.project.workspace import Workspace
from tests.conftest import (
    BRAZIL_CO_PDF,
    BRAZIL_FCO_PDF,
    BRAZIL_UPR_PDF,
    SEED_COMPILATION,
    SEED_FIDH_1,
    SEED_FIDH_2,
    SEED_LETTER,
    SEED_STATE_REPORT,
)


def build_kazakhstan(folder: Path) -> Workspace:
    ws = Workspace.create(folder, "test-cerd", state="Kazakhstan")
    ws.import_source(SEED_STATE_REPORT, "state-report")
    ws.import_source(SEED_LETTER, "committee-letter", symbol="CERD/88th/FU/GH/FM/ks")
    ws.import_source(SEED_COMPILATION, "compilation")
    ws.import_source(SEED_FIDH_1, "evidence")
    ws.import_source(SEED_FIDH_2, "evidence")
    return ws


@pytest.fixture(scope="module")
def kazakhstan(
    module_templates: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    ws = build_kazakhstan(tmp_path_factory.mktemp("kaz") / "report")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def brazil(module_templates: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path_factory.mktemp("bra") / "report", "test-cerd", state="Brazil")
    ws.import_source(BRAZIL_CO_PDF, "concluding-observations")
    ws.import_source(BRAZIL_FCO_PDF, "state-report")
    ws.import_source(BRAZIL_UPR_PDF, "compilation")
    yield ws
    ws.close()


def _source_of(ws: Workspace, seed: Path) -> str:
    for s in ws.project.sources:
        if Path(s.path).name == seed.name:
            return s.id
    raise AssertionError(f"{seed.name} not imported")


def test_normalisation_meets_plurals_not_status() -> None:
    assert normalise("Refugees") == normalise("refugee")
    assert normalise("asylum-seekers") == "asylum-seeker"
    assert normalise("status") == "status"
    assert normalise("Indigenous") == "indigenous"
    assert "committee" not in tokens("The Committee recommends that the State party")


def test_placeholders_from_state_report_references(kazakhstan: Workspace) -> None:
    cos = {p.id: p for p in kazakhstan.co_paragraphs()}
    for pid in ("39", "40"):
        assert cos[pid].placeholder
        assert cos[pid].text == ""
        assert cos[pid].topic == "Rights of refugees and asylum-seekers"
    # Order follows the CO numbering.
    ids = [int(p.id) for p in kazakhstan.co_paragraphs() if p.id.isdigit()]
    assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("pid", "topic"),
    [
        # Named first in the introduction's list of key recommendations (para. 5), answered
        # under their own follow-up headings later: the heading gives the topic.
        ("16", "Freedom of expression"),
        ("22", "State policy for the prevention of inter-ethnic tensions"),
        ("28", "Kazakh identity"),
        ("42", "Stateless persons"),
        # An inline mention in another section comes before the follow-up heading.
        ("33", "Minority languages"),
        # Mentioned only inline: the section of the mention is all there is.
        ("54", "Introduction"),
    ],
)
def test_placeholder_topics_come_from_follow_up_headings(
    kazakhstan: Workspace, pid: str, topic: str
) -> None:
    cos = {p.id: p for p in kazakhstan.co_paragraphs()}
    assert cos[pid].topic == topic


@pytest.mark.parametrize("pid", ["39", "40"])
def test_kazakhstan_prior_concerns_find_the_letter_on_refugees(
    kazakhstan: Workspace, pid: str
) -> None:
    letter = _source_of(kazakhstan, SEED_LETTER)
    prior = kazakhstan.links(pid).group(LinkGroup.PRIOR_CONCERNS)[:3]
    letter_links = [lk for lk in prior if lk.source_id == letter]
    assert letter_links, [lk.key for lk in prior]
    block = kazakhstan.documents[letter].paragraph(letter_links[0].paragraph_id)
    assert block is not None
    assert any("Paragraph 18" in h for h in block.headings) or "asylum" in block.text
    assert "refugee" in letter_links[0].reason or "asylum" in letter_links[0].reason


@pytest.mark.parametrize("pid", ["39", "40"])
def test_kazakhstan_evidence_finds_fidh_on_refoulement_and_asylum(
    kazakhstan: Workspace, pid: str
) -> None:
    top = kazakhstan.links(pid).group(LinkGroup.EVIDENCE)[:3]
    fidh = {_source_of(kazakhstan, SEED_FIDH_1), _source_of(kazakhstan, SEED_FIDH_2)}
    assert {lk.source_id for lk in top} == fidh
    for lk in top:
        text = kazakhstan.documents[lk.source_id].paragraph(lk.paragraph_id)
        assert text is not None
        assert re.search(r"refoul|asylum|refugee", text.text, re.I), text.text[:200]


def test_kazakhstan_explicit_claims_come_first(kazakhstan: Workspace) -> None:
    links = kazakhstan.links("39")
    claims = links.group(LinkGroup.CLAIMS)
    ids = [lk.paragraph_id for lk in claims]
    assert {"274", "280", "287"} <= set(ids)
    assert all(lk.score == 1.0 and "answers para. 39" in lk.reason for lk in claims)
    suggested = {lk.paragraph_id for lk in links.group(LinkGroup.SUGGESTED_CLAIMS)}
    assert not suggested & set(ids)


def test_every_link_has_a_reason(kazakhstan: Workspace) -> None:
    for co in kazakhstan.co_paragraphs():
        for links in kazakhstan.links(co.id).groups.values():
            for lk in links:
                assert lk.reason.strip()


BRAZIL_SUBJECTS = {
    "17": "health",
    "19": "education",
    "23": "adequate standard of living",
    "36": "right to life, liberty and security",
}


@pytest.mark.parametrize("pid", sorted(BRAZIL_SUBJECTS))
def test_brazil_follow_up_reply_linked_explicitly(brazil: Workspace, pid: str) -> None:
    co = brazil.co_paragraph(pid)
    assert co is not None and not co.placeholder and co.text
    claims = brazil.links(pid).group(LinkGroup.CLAIMS)
    fco = next(s.id for s in brazil.project.sources if s.path.endswith("FCO_18-20.pdf"))
    headed = [
        lk
        for lk in claims
        if lk.source_id == fco
        and any(
            re.search(rf"paragraph {pid}\b", h)
            for h in brazil.documents[fco].paragraph(lk.paragraph_id).headings  # type: ignore[union-attr]
        )
    ]
    assert len(headed) >= 2, [lk.key for lk in claims]
    # The reply's introduction only lists the paragraphs: it comes after every answer.
    assert claims[: len(headed)] == headed
    intro = next(lk for lk in claims if lk.paragraph_id == "1")
    assert intro.score < 1.0 and intro.reason.startswith("refers to")


@pytest.mark.parametrize("pid", sorted(BRAZIL_SUBJECTS))
def test_brazil_compilation_on_the_same_subject_among_prior_concerns(
    brazil: Workspace, pid: str
) -> None:
    upr = next(s.id for s in brazil.project.sources if s.kind == "compilation")
    prior = brazil.links(pid).group(LinkGroup.PRIOR_CONCERNS)[:5]
    headings = [
        brazil.documents[lk.source_id].paragraph(lk.paragraph_id).headings[-1].lower()  # type: ignore[union-attr]
        for lk in prior
        if lk.source_id == upr
    ]
    assert any(BRAZIL_SUBJECTS[pid] in h for h in headings), headings


def test_pins_and_hides_override_the_ranking_and_persist(
    module_templates: Path, tmp_path: Path
) -> None:
    ws = build_kazakhstan(tmp_path / "report")
    evidence = ws.links("39").group(LinkGroup.EVIDENCE)
    low = evidence[-1]
    top_prior = ws.links("39").group(LinkGroup.PRIOR_CONCERNS)[0]
    ws.pin("39", low.key)
    ws.hide("39", top_prior.key)
    ws.save()
    ws.close()
    with Workspace.open(tmp_path / "report") as again:
        links = again.links("39")
        first = links.group(LinkGroup.EVIDENCE)[0]
        assert first.key == low.key and first.pinned
        assert top_prior.key not in [lk.key for lk in links.group(LinkGroup.PRIOR_CONCERNS)]
        # A pin on a paragraph the ranking would never show still appears, in its group.
        state = next(s.id for s in again.project.sources if s.kind == "state-report")
        again.pin("39", f"{state}:120")
        keys = [lk.key for lk in again.links("39").group(LinkGroup.SUGGESTED_CLAIMS)]
        assert keys[0] == f"{state}:120"


def test_placeholders_are_filled_when_the_co_arrives(
    module_templates: Path, tmp_path: Path
) -> None:
    ws = Workspace.create(tmp_path / "report", "test-cerd")
    ws.import_source(BRAZIL_FCO_PDF, "state-report")
    co = ws.co_paragraph("17")
    assert co is not None and co.placeholder and co.text == ""
    ws.entry("17").commentary = "Quilombola health: still no data."
    ws.entry("17").assessment = "partially-satisfactory"
    ws.touch("17")
    ws.entry("99").commentary = "A paragraph the CO will not have."
    ws.touch("99")
    ws.save()
    report = ws.import_source(BRAZIL_CO_PDF, "concluding-observations")
    co = ws.co_paragraph("17")
    assert co is not None and not co.placeholder and "health" in co.text.lower()
    assert ws.entry("17").commentary == "Quilombola health: still no data."
    assert any(u.startswith("entry 99:") for u in report.unplaced)
    assert ws.co_paragraph("99") is not None  # still walkable, listed at the end
    ws.close()


def test_reimport_of_changed_file_keeps_work_and_reports_what_cannot_be_placed(
    module_templates: Path, tmp_path: Path
) -> None:
    ws = build_kazakhstan(tmp_path / "report")
    fidh = _source_of(ws, SEED_FIDH_2)
    doc = ws.documents[fidh]
    kept, dropped = doc.paragraphs[0], doc.paragraphs[-1]
    ws.pin("39", f"{fidh}:{kept.id}")
    ws.pin("40", f"{fidh}:{dropped.id}")
    ws.entry("39").commentary = f"See [@{fidh}:{dropped.id}]."
    ws.touch("39")
    ws.save()

    changed = tmp_path / SEED_FIDH_2.name
    text = SEED_FIDH_2.read_text(encoding="utf-8")
    last = dropped.text[:40]
    assert last in text
    changed.write_text(text[: text.index(last)].rstrip() + "\n", encoding="utf-8")
    report = ws.import_source(changed, "evidence")
    assert report.replaced
    assert report.source_id == fidh
    assert ws.entry("39").pinned == [f"{fidh}:{kept.id}"]
    assert ws.entry("40").pinned == [f"{fidh}:{dropped.id}"]  # kept, reported
    assert any(f"{fidh}:{dropped.id}" in u and u.startswith("entry 40") for u in report.unplaced)
    assert any("citation" in u and u.startswith("entry 39") for u in report.unplaced)
    assert ws.entry("39").commentary == f"See [@{fidh}:{dropped.id}]."
    assert (ws.folder / "sources" / SEED_FIDH_2.name).read_text() == changed.read_text()

    again = ws.import_source(changed, "evidence")
    assert not again.replaced and "unchanged" in again.messages[0]
    ws.close()


def test_parsed_sources_are_cached(module_templates: Path, tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "report", "test-cerd")
    ws.import_source(SEED_STATE_REPORT, "state-report")
    ws.close()
    cached = list((tmp_path / "report" / ".drafter" / "documents").glob("*.msgpack"))
    assert len(cached) == 1
    import drafter.project.importing as importing

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("read again instead of using the cache")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(importing, "read_source", no_reading)
        with Workspace.open(tmp_path / "report") as again:
            assert len(again.documents) == 1
            assert again.co_paragraph("39") is not None


def test_missing_source_does_not_stop_opening(module_templates: Path, tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "report", "test-cerd")
    ws.import_source(SEED_FIDH_1, "evidence")
    ws.close()
    shutil.rmtree(tmp_path / "report" / "sources")
    with Workspace.open(tmp_path / "report") as again:
        assert not again.documents
        (sid,) = again.document_errors
        assert "missing" in again.document_errors[sid].message


def test_the_command_line_starts_without_loading_the_ranking_library() -> None:
    # Every drafter command imports the project model; only ranking needs bm25s and scipy.
    code = "import sys, drafter.cli; print(sorted({'bm25s', 'scipy'} & sys.modules.keys()))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("code", "bm25s_list"),
    [("en", "STOPWORDS_EN"), ("fr", "STOPWORDS_FRENCH"), ("es", "STOPWORDS_SPANISH")],
)
def test_stop_words_are_the_ranking_library_s_own(code: str, bm25s_list: str) -> None:
    import bm25s.stopwords

    from drafter.project.linking import tokenizer

    assert set(getattr(bm25s.stopwords, bm25s_list)) <= tokenizer(code).stopwords


def test_french_and_spanish_terms_are_stemmed_and_elided() -> None:
    assert tokens("l’égalité des personnes handicapées", "fr") == ["égal", "person", "handicap"]
    assert tokens("Las personas con discapacidad", "es") == ["person", "discapac"]
    # The Committee's own words are no topic, in any language.
    assert tokens("Le Comité recommande à l’État partie", "fr") == []
