"""Projects on another committee and in other languages (CRPD, English, French, Spanish).

A follow-up project (the Czech Republic's CO and its follow-up reply), a project that walks a
list of issues before any CO exists (Czechia's report under the simplified reporting procedure,
Kuwait's Spanish replies, Israel's Spanish list of issues), evidence that cites a CO paragraph
(an explicit link whatever the document's kind), and a language given on import.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.documents.model import DocumentKind
from drafter.project.linking import LinkGroup
from drafter.project.workspace import Workspace
from tests.conftest import CRPD
from tests.project.conftest import run

CZE_CO = CRPD / "CRPD_C_CZE_CO_1.pdf"
CZE_REPLY = CRPD / "CRPD_C_CZE_CO_1_Add.1.pdf"
CZE_SRP = CRPD / "CRPD_C_CZE_2-3.pdf"
KWT_REPLIES = CRPD / "CRPD_C_KWT_Q_1_Add.1_es.pdf"
ISR_LOI = CRPD / "CRPD_C_ISR_Q_1_es.pdf"


@pytest.fixture(scope="module")
def czech_follow_up(
    module_templates: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path_factory.mktemp("cze") / "report", "test-cerd", state="Czechia")
    ws.import_source(CZE_CO, "concluding-observations")
    ws.import_source(CZE_REPLY, "state-report")
    evidence = ws.folder.parent / "ngo-comments.txt"
    evidence.write_text(
        "Comments of the National Disability Council\n\n"
        "On paragraph 37 of the concluding observations, involuntary sterilization: the State "
        "has still not compensated the women concerned.\n\n"
        "Restraint beds remain in use in psychiatric hospitals.\n",
        encoding="utf-8",
    )
    ws.import_source(evidence, "evidence")
    yield ws
    ws.close()


def test_the_follow_up_paragraphs_of_the_czech_co(czech_follow_up: Workspace) -> None:
    walked = czech_follow_up.co_paragraphs()
    assert len(walked) == 67
    assert [p.id for p in walked if p.follow_up] == ["32", "37"]


def test_the_reply_answers_each_follow_up_paragraph_explicitly(czech_follow_up: Workspace) -> None:
    reply = next(s.id for s in czech_follow_up.project.sources if s.symbol.endswith("Add.1"))
    for pid, answering in (("32", range(4, 28)), ("37", range(28, 59))):
        claims = czech_follow_up.links(pid).group(LinkGroup.CLAIMS)
        explicit = [lk.paragraph_id for lk in claims if lk.source_id == reply and lk.score == 1.0]
        assert explicit == [str(n) for n in answering]
        assert all(lk.reason.startswith("answers para.") for lk in claims if lk.score == 1.0)


def test_cross_references_inside_the_reply_link_nothing(czech_follow_up: Workspace) -> None:
    # "(see Paragraph 26)" and "see the Paragraph 28" point at the reply's own paragraphs.
    for pid in ("26", "28"):
        claims = czech_follow_up.links(pid).group(LinkGroup.CLAIMS)
        assert claims == [], [lk.key for lk in claims]


def test_evidence_that_cites_a_co_paragraph_is_an_explicit_link(czech_follow_up: Workspace) -> None:
    evidence = czech_follow_up.links("37").group(LinkGroup.EVIDENCE)
    assert evidence and evidence[0].paragraph_id == "b1"
    assert evidence[0].reason.startswith("refers to para. 37")
    # … and only where it cites it: the restraint-bed block is a suggestion for 32, not a claim.
    assert all(
        lk.reason.startswith("shares")
        for lk in czech_follow_up.links("32").group(LinkGroup.EVIDENCE)
    )


@pytest.fixture
def simplified_procedure(module_templates: Path, tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "report", "test-cerd", state="Czechia")
    ws.import_source(CZE_SRP, "state-report")
    yield ws
    ws.close()


def test_replies_to_a_list_of_issues_give_list_of_issues_paragraphs_to_walk(
    simplified_procedure: Workspace,
) -> None:
    walked = simplified_procedure.co_paragraphs()
    assert [p.id for p in walked] == [str(n) for n in range(1, 29)]
    assert {p.target for p in walked} == {DocumentKind.LIST_OF_ISSUES}
    assert all(p.placeholder for p in walked)
    # "Reply to paragraph 5 (a) of the list of issues" answers question 5, never CO paragraph 5.
    claims = simplified_procedure.links("5").group(LinkGroup.CLAIMS)
    assert [lk.paragraph_id for lk in claims] == ["17", "18"]
    assert claims[0].reason.startswith("answers para. 5(a)")


def test_a_list_of_issues_is_walked_until_the_co_arrives(
    module_templates: Path, tmp_path: Path
) -> None:
    ws = Workspace.create(tmp_path / "report", "test-cerd", state="Israel")
    ws.import_source(ISR_LOI, "list-of-issues")
    walked = ws.co_paragraphs()
    assert [p.id for p in walked] == [str(n) for n in range(1, 34)]
    assert not any(p.placeholder for p in walked)
    assert walked[0].text.startswith("Sírvanse proporcionar información sobre:")
    assert walked[0].paragraph_language == "es"
    ws.close()


def test_spanish_replies_answer_their_list_of_issues(
    module_templates: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "report"
    Workspace.create(folder, "test-cerd", state="Kuwait").close()
    out = run("import", folder, KWT_REPLIES, "--as", "state-report")
    assert "explicit answers to paragraphs of the list of issues" in out
    assert "paragraphs of the list of issues to walk" in out
    with Workspace.open(folder) as ws:
        claims = ws.links("13").group(LinkGroup.CLAIMS)
        assert [lk.paragraph_id for lk in claims][:4] == ["61", "62", "63", "63bis"]


def test_the_language_given_on_import_is_kept(module_templates: Path, tmp_path: Path) -> None:
    folder = tmp_path / "report"
    Workspace.create(folder, "test-cerd", state="Israel").close()
    run("import", folder, ISR_LOI, "--as", "list-of-issues", "--language", "fr")
    sources = tomllib.loads((folder / "drafter.toml").read_text(encoding="utf-8"))["sources"]
    assert sources[0]["language"] == "fr"
    with Workspace.open(folder) as ws:
        (document,) = ws.documents.values()
        assert document.language == "fr"
    out = run("import", folder, ISR_LOI, "--as", "list-of-issues", "--language", "xx", code=2)
    assert "no language 'xx'" in out


def test_co_arriving_after_work_on_a_list_of_issues_never_takes_that_work(
    module_templates: Path, tmp_path: Path
) -> None:
    # Czechia's report under the simplified procedure: the author walks the list of issues and
    # writes on its question 5 ("Reply to paragraph 5 (a) of the list of issues").
    folder = tmp_path / "report"
    with Workspace.create(folder, "test-cerd", state="Czechia") as ws:
        ws.import_source(CZE_SRP, "state-report")
    run("entry", folder, "-p", "5", "--commentary", "On question 5 of the list of issues.")
    before = (folder / "drafter.toml").read_bytes()

    # The concluding observations have a paragraph 5 about something else: refused, in one
    # line that says why and what to do, and nothing changed.
    out = run("import", folder, CZE_CO, "--as", "concluding-observations", code=2)
    assert out.count("\n") == 1
    assert "1 entry was written on the list of issues (paragraph 5)" in out
    assert "--set-aside-list-of-issues" in out and "nothing was imported" in out
    assert (folder / "drafter.toml").read_bytes() == before
    assert not list((folder / "sources").glob("CRPD_C_CZE_CO_1*"))

    # Set aside: the words are kept as LOI-5, which no CO paragraph is, and CO paragraph 5
    # starts empty.
    out = run(
        "import", folder, CZE_CO, "--as", "concluding-observations", "--set-aside-list-of-issues"
    )
    assert "entry 5, written on the list of issues, is kept as LOI-5" in out
    with Workspace.open(folder) as ws:
        assert "5" not in ws.project.entries
        kept = ws.project.entries["LOI-5"]
        assert kept.paragraph == "LOI-5"
        assert kept.commentary == "On question 5 of the list of issues."
        walked = {p.id: p for p in ws.co_paragraphs()}
        assert (
            not walked["5"].placeholder
            and walked["5"].target is DocumentKind.CONCLUDING_OBSERVATIONS
        )
        assert walked["LOI-5"].placeholder  # listed apart, under "not found"
        assert ws.written_on_list_of_issues() == []  # a CO is there now: nothing to refuse

    # The author gives it to the CO paragraph it belongs to; never over words already there.
    run("entry", folder, "-p", "9", "--commentary", "On CO paragraph 9.")
    out = run("entry", folder, "-p", "LOI-5", "--move-to", "9", code=2)
    assert out.count("\n") == 1 and "paragraph 9 already has an entry" in out
    out = run("entry", folder, "-p", "LOI-5", "--move-to", "999", code=2)
    assert "no paragraph '999'" in out
    moved = json.loads(run("entry", folder, "-p", "LOI-5", "--move-to", "12", "--json"))
    assert moved["paragraph"] == "12" and moved["commentary"].startswith("On question 5")
    with Workspace.open(folder) as ws:
        assert "LOI-5" not in ws.project.entries
        assert ws.project.entries["12"].commentary == "On question 5 of the list of issues."
        assert ws.project.entries["12"].paragraph == "12"
        assert ws.project.entries["9"].commentary == "On CO paragraph 9."
        assert "LOI-5" not in {p.id for p in ws.co_paragraphs()}


def test_a_set_aside_import_that_cannot_save_leaves_the_entries_as_they_were(
    module_templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    folder = tmp_path / "report"
    with Workspace.create(folder, "test-cerd", state="Czechia") as ws:
        ws.import_source(CZE_SRP, "state-report")
        ws.project.entry("5").commentary = "On question 5."
        ws.mark_dirty()
        ws.save()

        def full_disk() -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(ws, "save", full_disk)
        with pytest.raises(OSError):
            ws.import_source(CZE_CO, "concluding-observations", set_aside_list_of_issues=True)
        # In memory, as before the import: the entry under its number, no CO.
        assert list(ws.project.entries) == ["5"]
        assert ws.project.entries["5"].paragraph == "5"
        assert ws.project.entries["5"].commentary == "On question 5."
        assert not any(s.kind == "concluding-observations" for s in ws.project.sources)
