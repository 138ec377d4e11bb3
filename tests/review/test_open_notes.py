"""What is still open in a review, and the actions the CLI and the TUI share (`review.act`):
`drafter check` warns about open review notes, paragraph by paragraph (a warning: the report
can still go out), counting a thread once; accepting a change whose place is not certain
changes nothing and says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.project import review
from drafter.project.model import ReviewNote
from drafter.project.workspace import Workspace
from tests.conftest import SEED_STATE_REPORT
from tests.project.conftest import run

TEXT = "Only 37 refugees were registered. The registered refugees had no documents."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DRAFTER_TEMPLATES", raising=False)
    folder = tmp_path / "kaz"
    run("new", folder, "--template", "cerd-alternative-report", "--title", "Report")
    run("import", folder, SEED_STATE_REPORT, "--as", "state-report")
    run("entry", folder, "-p", "40", "-a", "satisfactory", "--commentary", TEXT)
    with Workspace.open(folder) as ws:
        ws.project.review.extend(
            [
                ReviewNote(id="c40", kind="comment", paragraph="40", author="R", text="Source?"),
                ReviewNote(id="re40", kind="comment", paragraph="40", text="Yes.", reply_to="c40"),
                ReviewNote(id="d40", kind="deletion", paragraph="40", deleted="registered"),
                ReviewNote(id="all", kind="comment", section="Executive summary", text="Long."),
            ]
        )
        ws.mark_dirty()
        ws.save()
    return folder


def review_findings(folder: Path) -> list[dict[str, str]]:
    out = json.loads(run("check", folder, "--json"))
    return [p for p in out["problems"] if p["kind"] == "review-open"]


def test_check_warns_about_open_notes_a_thread_once(project: Path) -> None:
    found = review_findings(project)
    assert [(p["severity"], p["paragraph"]) for p in found] == [
        ("warning", "40"),
        ("warning", None),
    ]
    # The comment and its reply are one thread: 2 open on paragraph 40, not 3.
    assert found[0]["message"].startswith("paragraph 40: 2 open review notes")
    assert found[1]["message"].startswith("1 open review note on no paragraph")
    assert "warning: paragraph 40: 2 open review notes" in run("check", project)

    run("review", "resolve", project, "c40")
    run("review", "reject", project, "d40")
    run("review", "place", project, "all", "40")
    assert [p["message"][:33] for p in review_findings(project)] == [
        "paragraph 40: 1 open review note:"
    ]
    run("review", "resolve", project, "all")
    assert review_findings(project) == []


def test_accept_refuses_a_change_that_fits_two_places(project: Path) -> None:
    """ "registered" is in the commentary twice, and the note says nothing around it."""
    before = (project / "drafter.toml").read_bytes()
    out = run("review", "accept", project, "d40", code=2)
    assert "paragraph 40's text is not certain" in out and "drafter review resolve d40" in out
    assert (project / "drafter.toml").read_bytes() == before


def test_act_is_what_the_cli_and_the_tui_do() -> None:
    from drafter.project.model import Entry, Project

    project = Project(entries={"40": Entry(paragraph="40", commentary=TEXT)})
    note = ReviewNote(
        id="i", kind="insertion", paragraph="40", text=" only", before="documents had", after=""
    )
    other = ReviewNote(id="x", kind="replacement", paragraph="40", text="Just", deleted="Only")
    project.review.extend([note, other])
    assert review.act(project, other, "accept") == "commentary"
    assert project.entries["40"].commentary.startswith("Just 37 refugees")
    assert review.act(project, other, "answer", text="Done.", author="Ann") == ""
    assert (other.answer, other.answered_by, other.status) == ("Done.", "Ann", "accepted")
    with pytest.raises(Exception, match="not certain"):
        review.act(project, note, "accept")  # "documents had" is nowhere in the text
    assert note.status == "open"
    with pytest.raises(Exception, match="no such action"):
        review.act(project, note, "delete")
