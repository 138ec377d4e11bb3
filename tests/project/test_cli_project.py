"""`drafter new / import / links / check` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.check import count_words
from drafter.project.workspace import Workspace
from tests.conftest import SEED_FIDH_1, SEED_FIDH_2, SEED_LETTER, SEED_STATE_REPORT
from tests.project.conftest import run


def test_new_creates_the_folder(tmp_path: Path, templates: Path) -> None:
    out = run(
        "new",
        tmp_path / "r",
        "--template",
        "test-cerd",
        "--committee",
        "CERD",
        "--state",
        "Kazakhstan",
        "--title",
        "Shadow",
    )
    assert "Created" in out
    assert (tmp_path / "r" / "drafter.toml").is_file()
    assert (tmp_path / "r" / "sources").is_dir()


def test_new_with_unknown_template_is_one_line(tmp_path: Path, templates: Path) -> None:
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "r"), "--template", "nope"])
    assert result.exit_code == 2
    assert "no template named 'nope'" in result.output
    assert "Traceback" not in result.output


def test_import_prints_what_it_found(tmp_path: Path, templates: Path) -> None:
    folder = tmp_path / "kaz"
    run("new", folder, "--template", "test-cerd")
    out = run("import", folder / "drafter.toml", SEED_STATE_REPORT, "--as", "state-report")
    assert "Imported cerd-c-kaz-11-14 (state-report, CERD/C/KAZ/11-14)" in out
    assert "explicit answers" in out
    assert "placeholders until the CO is imported" in out
    assert (folder / "sources" / SEED_STATE_REPORT.name).is_file()
    data = json.loads(run("import", folder, SEED_FIDH_2, "--as", "evidence", "--json"))
    assert data["kind"] == "evidence" and data["paragraphs"] > 5 and not data["replaced"]


def test_import_missing_file_is_one_line(seeded: Path) -> None:
    result = CliRunner().invoke(cli, ["import", str(seeded), "nope.txt", "--as", "evidence"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_links_text_and_json(seeded: Path) -> None:
    out = run("links", seeded, "--paragraph", "39")
    assert "Paragraph 39" in out and "placeholder" in out
    assert "Prior concerns" in out and "Evidence" in out
    assert "CERD/C/KAZ/11-14, para. 274" in out
    data = json.loads(run("links", seeded, "--paragraph", "39", "--json"))
    assert data["placeholder"] is True
    assert set(data["groups"]) == {"claims", "suggested-claims", "prior-concerns", "evidence"}
    first = data["groups"]["claims"][0]
    assert first["score"] == 1.0 and first["reason"] and first["text"]
    assert data["groups"]["prior-concerns"] and data["groups"]["evidence"]


def test_links_unknown_paragraph(seeded: Path) -> None:
    result = CliRunner().invoke(cli, ["links", str(seeded), "-p", "999"])
    assert result.exit_code == 2
    assert "no paragraph '999'" in result.output


def test_count_words_ignores_markup_and_citations() -> None:
    assert count_words("**Bold** and _it_ [@s:1] here.") == 4
    assert count_words("- one\n- two\n1. three") == 3
    assert count_words("A [link](http://x.org/a b) word") == 3
    assert count_words("non-refoulement, 1,000 people; e.g. this") == 5


def test_check_passes_then_fails_for_each_reason(seeded: Path) -> None:
    state = "cerd-c-kaz-11-14"
    with Workspace.open(seeded) as ws:
        e = ws.entry("39")
        e.commentary = f"Only 37 refugees were registered [@{state}:280]."
        e.assessment = "not-implemented"
        ws.touch("39")
        ws.project.front_matter.annexes = "word " * 1000
        ws.save()
    data = json.loads(run("check", seeded, "--json"))
    assert data["submittable"] is True
    sections = {s["section"]: s for s in data["words"]["sections"]}
    assert sections["Paragraph 39"]["words"] == 5
    assert sections["Annexes"]["counted"] is False
    assert data["words"]["total"] == 5 and data["words"]["limit"] == 500
    assert data["words"]["footnotes"] == 3  # "CERD/C/KAZ/11-14, para. 280"
    assert {
        "id": state,
        "kind": "state-report",
        "symbol": "CERD/C/KAZ/11-14",
        "path": f"sources/{SEED_STATE_REPORT.name}",
        "status": "ok",
    } in data["sources"]
    text = run("check", seeded)
    assert "Ready to submit" in text
    assert f"  {state}  state-report (CERD/C/KAZ/11-14)" in text

    with Workspace.open(seeded) as ws:
        ws.entry("40").commentary = f"Unassessed, and [@{state}:9999] and [@nowhere:1]."
        ws.touch("40")
        ws.entry("39").commentary += " More words." * 300
        ws.touch("39")
        ws.save()
    (seeded / "sources" / SEED_FIDH_1.name).write_text("changed", encoding="utf-8")
    (seeded / "sources" / SEED_LETTER.name).unlink()
    data = json.loads(run("check", seeded, "--json", code=1))
    kinds = {p["kind"] for p in data["problems"]}
    assert {"word-limit", "unassessed", "citation", "source-changed", "source-missing"} <= kinds
    messages = "\n".join(p["message"] for p in data["problems"])
    assert (
        "no paragraph '9999'" in messages
        and "[@nowhere:1] points to no imported source" in messages
    )
    out = run("check", seeded, code=1)
    assert "error: " in out and "Not ready" in out
    assert "[missing]" in out and "[changed]" in out


def test_check_refuses_an_empty_report_and_names_paragraphs_left(seeded: Path) -> None:
    data = json.loads(run("check", seeded, "--json", code=1))
    assert data["submittable"] is False
    assert [p["kind"] for p in data["problems"] if p["severity"] == "error"] == ["empty"]
    with Workspace.open(seeded) as ws:
        ws.entry("39").commentary = "Example."
        ws.entry("39").assessment = "satisfactory"
        ws.touch("39")
        ws.save()
    data = json.loads(run("check", seeded, "--json"))
    left = [p for p in data["problems"] if p["kind"] == "not-addressed"]
    assert len(left) == 1 and left[0]["severity"] == "warning"
    assert left[0]["message"].startswith("46 paragraphs not addressed yet: 5, 6, 7,")
    assert " 39," not in left[0]["message"]


def test_check_counts_footnotes_when_the_template_says_all(seeded: Path) -> None:
    # 18 words of text and a 3-word footnote: within a 20-word body limit, over a 20-word
    # limit that counts everything.
    for template, code, total in (("tiny-limit", 0, 18), ("tiny-all", 1, 21)):
        with Workspace.open(seeded) as ws:
            ws.project.metadata.template = template
            ws.mark_dirty()
            ws.entry("39").commentary = "word " * 18 + "[@cerd-c-kaz-11-14:280]"
            ws.entry("39").assessment = "satisfactory"
            ws.touch("39")
            ws.save()
        data = json.loads(run("check", seeded, "--json", code=code))
        assert data["words"]["total"] == total


def test_commands_on_a_folder_without_a_project(tmp_path: Path, templates: Path) -> None:
    for args in (
        ["check", str(tmp_path)],
        ["links", str(tmp_path), "-p", "1"],
        ["import", str(tmp_path), str(SEED_FIDH_1), "--as", "evidence"],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, args
        assert "no drafter.toml here" in result.output
        assert "Traceback" not in result.output


def test_import_while_another_drafter_writes(seeded: Path) -> None:
    with Workspace.open(seeded):
        result = CliRunner().invoke(
            cli, ["import", str(seeded), str(SEED_FIDH_2), "--as", "evidence"]
        )
        assert result.exit_code == 2
        assert "another drafter has this project open" in result.output
        # Reading is still allowed.
        assert "Paragraph 39" in run("links", seeded, "-p", "39")


def test_check_accepts_sub_paragraph_citations(seeded: Path) -> None:
    from drafter.project.check import check

    with Workspace.open(seeded) as ws:
        ws.entry("39").commentary = "See [@cerd-c-kaz-11-14:280(a)] and [@cerd-c-kaz-11-14:281]."
        ws.entry("39").assessment = "satisfactory"
        ws.entry("39").evidence = ["cerd-c-kaz-11-14:9999"]
        ws.touch("39")
        report = check(ws)
    problems = [p.message for p in report.problems if p.kind == "citation"]
    assert problems == [
        "paragraph 39: cerd-c-kaz-11-14:9999 points to no paragraph '9999' in that source"
    ]
