"""`drafter new / import / links / check` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import cli
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


def test_words_are_counted_on_the_report_not_on_its_markdown() -> None:
    from drafter.project.report.markdown import parse_markdown
    from drafter.project.report.tree import Division, Metadata, Part, Report
    from drafter.project.report.words import count_report, count_words

    def body_words(markdown: str) -> int:
        blocks = parse_markdown(markdown).blocks
        report = Report(Metadata(), [Division(Part.BODY, "t", blocks)])
        return count_report(report, "all").parts["body"]

    assert body_words("**Bold** and _it_ [@s:1] here.") == 4  # a citation is a note, not words
    assert body_words("- one\n- two\n1. three") == 3
    assert body_words("A [link](http://x.org/a) word") == 3
    assert body_words("**non**-refoulement, 1,000 people; e.g. this") == 5
    assert count_words("«\u00a0guillemets\u00a0» – dash") == 2


def _sections(data: dict[str, object]) -> dict[str, dict[str, object]]:
    return {s["section"]: s for s in data["words"]["sections"]}  # type: ignore[index,union-attr]


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
    words = data["words"]
    sections = _sections(data)
    # The template counts "body" (the text and its quotations): the annex is not counted.
    assert sections["Annexes"]["words"] >= 1000 and sections["Annexes"]["counted"] == 0
    assert words["total"] == sum(s["counted"] for s in words["sections"])
    assert words["total"] == words["parts"]["body"] + words["parts"]["quotations"]
    assert words["limit"] == 500 and words["counts"] == ["body", "quotations"]
    # The citation is a note of three words ("CERD/C/KAZ/11-14, para. 280." or "Ibid., para.
    # 280."), counted with the notes and not in the body.
    with Workspace.open(seeded) as ws:
        ws.entry("39").commentary = "Only 37 refugees were registered."
        ws.touch("39")
        ws.save()
    without = json.loads(run("check", seeded, "--json"))["words"]
    assert words["footnotes"] - without["footnotes"] == 3
    assert words["parts"]["body"] == without["parts"]["body"]
    with Workspace.open(seeded) as ws:
        ws.entry("39").commentary = f"Only 37 refugees were registered [@{state}:280]."
        ws.touch("39")
        ws.save()
    assert {
        "id": state,
        "kind": "state-report",
        "symbol": "CERD/C/KAZ/11-14",
        "path": f"sources/{SEED_STATE_REPORT.name}",
        "status": "ok",
    } in data["sources"]
    text = run("check", seeded)
    assert "Ready to submit" in text and f"{words['total']:7,d}  words of 500" in text
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
    kinds = {(p["kind"], p["severity"]) for p in data["problems"]}
    assert {
        ("word-limit", "warning"),
        ("unassessed", "warning"),
        ("citation", "error"),
        ("source-changed", "error"),
        ("source-missing", "error"),
    } <= kinds
    messages = "\n".join(p["message"] for p in data["problems"])
    assert "paragraph 40: [@cerd-c-kaz-11-14:9999] points to no paragraph '9999'" in messages
    assert "paragraph 40: [@nowhere:1] points to no imported source 'nowhere'" in messages
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


def test_check_counts_what_the_template_says(seeded: Path) -> None:
    # The same report under a limit that counts the body, and one that counts everything.
    totals: dict[str, dict[str, object]] = {}
    for template in ("tiny-limit", "tiny-all"):
        with Workspace.open(seeded) as ws:
            ws.project.metadata.template = template
            ws.mark_dirty()
            ws.entry("39").commentary = "word " * 18 + "[@cerd-c-kaz-11-14:280]"
            ws.entry("39").assessment = "satisfactory"
            ws.touch("39")
            ws.save()
        data = json.loads(run("check", seeded, "--json"))
        totals[template] = data["words"]
        # Over the limit is a warning: the author decides, `check` does not refuse.
        assert any(p["kind"] == "word-limit" for p in data["problems"])
    body, every = totals["tiny-limit"], totals["tiny-all"]
    parts = every["parts"]
    assert every["total"] == body["total"] + parts["footnotes"] + parts["annexes"]  # type: ignore[index,operator]
    assert parts["footnotes"] > 0 and parts["annexes"] > 0  # type: ignore[index,operator]


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
        "paragraph 39: evidence cerd-c-kaz-11-14:9999 points to no paragraph '9999' in "
        "CERD/C/KAZ/11-14"
    ]
