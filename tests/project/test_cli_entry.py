"""`drafter entry` and `drafter metadata`: what the author writes in the TUI, from a script."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.workspace import Workspace
from tests.project.conftest import run


def test_entry_writes_what_the_tui_writes_and_reads_it_back(seeded: Path) -> None:
    commentary = "Example: the State reports 37 refugees [@cerd-c-kaz-11-14:280].\n"
    notes = seeded / "notes.md"
    notes.write_text(commentary, encoding="utf-8")
    run(
        "entry", seeded, "-p", "39", "-a", "not-implemented",
        "--commentary-file", notes, "--question", "How many were refused?",
        "--recommendation", "Publish the figures.", "--pin", "cerd-c-kaz-11-14:281",
        "--author", "FIDH", "--done",
    )  # fmt: skip
    run("entry", seeded, "-p", "39", "--commentary", "More.", "--append")
    with Workspace.open(seeded, read_only=True) as ws:
        e = ws.project.entries["39"]
        assert e.assessment == "not-implemented"
        assert e.commentary == commentary.rstrip("\n") + "\n\nMore."
        assert e.questions == ["How many were refused?"]
        assert e.recommendations == ["Publish the figures."]
        assert e.pinned == ["cerd-c-kaz-11-14:281"]
        assert (e.author, e.done) == ("FIDH", True)
        assert e.updated
    data = json.loads(run("entry", seeded, "-p", "39", "--json"))
    assert data["topic"] == "Rights of refugees and asylum-seekers" and data["placeholder"]
    run("entry", seeded, "-p", "39", "-a", "none")
    assert json.loads(run("entry", seeded, "-p", "39", "--json"))["assessment"] == ""


def test_a_paragraph_claimed_before_it_is_written_keeps_its_author(seeded: Path) -> None:
    """A coalition splits the paragraphs up front (docs/user-guide.md): an entry with only an
    author is kept in the file, so the claim travels in git."""
    run("entry", seeded, "-p", "40", "--author", "NGO A")
    with Workspace.open(seeded, read_only=True) as ws:
        assert ws.project.entries["40"].author == "NGO A"
    assert "[entries.40]" in (seeded / "drafter.toml").read_text(encoding="utf-8")


def test_entry_refuses_what_is_wrong_and_changes_nothing(seeded: Path) -> None:
    before = (seeded / "drafter.toml").read_bytes()
    for args, says in (
        (["-p", "39", "-a", "partialy"], "'partialy' is not on the template's scale"),
        (["-p", "999", "-a", "satisfactory"], "no paragraph '999'"),
        (["-p", "39", "--commentary-file", str(seeded / "nope.md")], "nope.md: no such file"),
    ):
        result = CliRunner().invoke(cli, ["entry", str(seeded), *args])
        assert result.exit_code == 2, result.output
        assert says in result.output and "Traceback" not in result.output
    assert (seeded / "drafter.toml").read_bytes() == before


def test_metadata_sets_cover_facts_and_front_matter(seeded: Path) -> None:
    summary = seeded / "summary.md"
    summary.write_text("Example: an *executive* summary.\n", encoding="utf-8")
    run(
        "metadata", seeded, "--set", "session=118th session", "--set", "deadline=2026-03-30",
        "--organisation", "Example NGO;A. Author;a@example.org;lead",
        "--front", f"executive_summary={summary}",
    )  # fmt: skip
    data = json.loads(run("metadata", seeded, "--json"))
    assert data["session"] == "118th session" and data["deadline"] == "2026-03-30"
    assert data["organisations"] == [
        {"name": "Example NGO", "contact": "A. Author", "email": "a@example.org", "role": "lead"}
    ]
    assert data["front_matter"]["executive_summary"] == "Example: an *executive* summary.\n"
    for bad in ("deadline=30 March", "colour=red", "confidentiality=secret"):
        result = CliRunner().invoke(cli, ["metadata", str(seeded), "--set", bad])
        assert result.exit_code == 2 and "Traceback" not in result.output
    assert json.loads(run("metadata", seeded, "--json"))["deadline"] == "2026-03-30"
