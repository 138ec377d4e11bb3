"""The reviewer's round trip through Word: a report drafter rendered, commented on and edited
with changes tracked in LibreOffice (a real editor, driven over UNO by lo_review.py), saved as
DOCX, read back by `drafter import-review` onto the right paragraphs."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from drafter.project.workspace import Workspace
from tests.conftest import SEED_STATE_REPORT, require
from tests.project.conftest import run

HERE = Path(__file__).resolve().parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REVIEWER = "Rita Reviewer"

ACTIONS = [
    {
        "do": "comment",
        "reviewer": REVIEWER,
        "heading": "Paragraph 40",
        "find": "registered only 37 refugees",
        "text": "Which source gives 37? Please cite it.",
    },
    {
        "do": "comment",
        "reviewer": REVIEWER,
        "heading": "Paragraph 42",
        "find": "stateless persons remain undocumented",
        "text": "Add the 2024 UNHCR figure.",
    },
    {
        "do": "replace",
        "reviewer": REVIEWER,
        "heading": "Paragraph 40",
        "find": "Amend the Refugees Act",
        "text": "Revise the Refugees Act",
    },
    {
        "do": "insert",
        "reviewer": REVIEWER,
        "heading": "Paragraph 42",
        "find": "The State party says",
        "text": " in its 2025 report",
    },
    {
        "do": "comment",
        "reviewer": REVIEWER,
        "heading": "Executive summary",
        "find": "Our coalition",
        "text": "Name the member organisations.",
    },
]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(the project, the DOCX LibreOffice saved after the review): one LibreOffice run shared
    by the tests of this module."""
    require("soffice", "drafter")
    if subprocess.run(["/usr/bin/python3", "-c", "import uno"], check=False).returncode:
        require("python3-uno")
    root = tmp_path_factory.mktemp("review")
    mp = pytest.MonkeyPatch()
    mp.delenv("DRAFTER_TEMPLATES", raising=False)  # the shipped template, as authors use it
    try:
        folder = root / "kaz"
        run("new", folder, "--template", "cerd-alternative-report", "--title", "Report")
        run("import", folder, SEED_STATE_REPORT, "--as", "state-report")
        with Workspace.open(folder) as ws:
            ws.project.front_matter.executive_summary = "Our coalition reviewed the report.\n"
            e = ws.entry("40")
            e.assessment = "partially-satisfactory"
            e.commentary = "The State party registered only 37 refugees in three years.\n"
            e.recommendations = ["Amend the Refugees Act to grant status for three years."]
            e = ws.entry("42")
            e.assessment = "not-satisfactory"
            e.commentary = (
                "The State party says that it identified stateless persons; many stateless "
                "persons remain undocumented.\n"
            )
            for pid in ("40", "42"):
                ws.touch(pid)
            ws.mark_dirty()
            ws.save()
        rendered = root / "report.docx"
        run("render", folder, "-o", rendered)
        actions = root / "actions.json"
        actions.write_text(json.dumps(ACTIONS), encoding="utf-8")
        out = root / "reviewed.docx"
        proc = subprocess.run(
            ["/usr/bin/python3", HERE / "lo_review.py", rendered, out, actions],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        yield folder, out
    finally:
        mp.undo()


@pytest.fixture
def project(reviewed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder, _ = reviewed
    copy_ = tmp_path / "kaz"
    shutil.copytree(folder, copy_)
    monkeypatch.delenv("DRAFTER_TEMPLATES", raising=False)
    return copy_


def test_comments_and_tracked_changes_land_on_their_paragraphs(
    reviewed: tuple[Path, Path], project: Path
) -> None:
    _, docx = reviewed
    out = run("import-review", project, docx)
    assert "5 new review notes" in out and "4 placed on paragraphs, 1 not placed" in out
    with Workspace.open(project, read_only=True) as ws:
        notes = {(n.kind, n.paragraph): n for n in ws.project.review}
        before = copy.deepcopy(ws.project.entries)
    c40 = notes[("comment", "40")]
    assert c40.text == "Which source gives 37? Please cite it."
    assert c40.author == REVIEWER and c40.date.startswith("2026-03-02")
    assert c40.anchor == "registered only 37 refugees" and c40.status == "open"
    assert notes[("comment", "42")].anchor == "stateless persons remain undocumented"
    change = notes[("replacement", "40")]
    assert (change.deleted, change.text, change.author) == (
        "Amend the Refugees Act",
        "Revise the Refugees Act",
        REVIEWER,
    )
    insertion = notes[("insertion", "42")]
    assert insertion.text == " in its 2025 report"
    unplaced = notes[("comment", "")]
    assert unplaced.section == "Executive summary" and "member organisations" in unplaced.text

    # Nothing in the author's text changed on import.
    with Workspace.open(project, read_only=True) as ws:
        assert ws.project.entries["40"].recommendations == before["40"].recommendations
    # Importing the same file again adds nothing.
    assert "0 new review notes" in run("import-review", project, docx)

    # The author acts: accepts the two changes, answers and resolves a comment.
    run("review", "accept", project, change.id[:6])
    run("review", "accept", project, insertion.id)
    run("review", "answer", project, c40.id, "Cited the State report, para. 280.")
    run("review", "resolve", project, c40.id)
    run("review", "accept", project, c40.id, code=2)  # a comment is not a change
    with Workspace.open(project, read_only=True) as ws:
        e40, e42 = ws.project.entries["40"], ws.project.entries["42"]
        assert e40.recommendations == ["Revise the Refugees Act to grant status for three years."]
        assert e42.commentary.startswith("The State party says in its 2025 report that it")
        statuses = {n.id: n.status for n in ws.project.review}
        assert statuses[c40.id] == "resolved" and statuses[change.id] == "accepted"
    listed = run("review", "list", project, "--open")
    assert "Add the 2024 UNHCR figure." in listed and "Which source" not in listed
    run("check", project)  # the notes are valid project content; check has nothing against them


def _section_bounds(body: etree._Element, heading: str) -> tuple[int, int]:
    children = list(body)
    texts = ["".join(t.text or "" for t in c.iter(f"{W}t", f"{W}delText")) for c in children]
    start = texts.index(heading)
    end = start + 1
    while end < len(children):
        style = children[end].find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").lower().startswith("heading"):
            break
        end += 1
    return start, end


def test_paragraphs_reordered_or_deleted_by_the_reviewer_lose_no_comment(
    reviewed: tuple[Path, Path], project: Path, tmp_path: Path
) -> None:
    """The reviewer moved paragraph 42's section before paragraph 40's and deleted the heading
    "Paragraph 40" (without tracking): every comment is still placed, or listed as unplaced."""
    _, docx = reviewed
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    assert body is not None
    s42, e42 = _section_bounds(body, "Paragraph 42")
    moved = list(body)[s42:e42]
    s40, _ = _section_bounds(body, "Paragraph 40")
    heading40 = list(body)[s40]
    for el in moved:
        body.remove(el)
    for i, el in enumerate(moved):
        body.insert(list(body).index(heading40) + i, el)
    body.remove(heading40)  # 40's text now sits under 42's section
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    edited = tmp_path / "reordered.docx"
    with zipfile.ZipFile(edited, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    out = run("import-review", project, edited)
    with zipfile.ZipFile(edited) as z:
        comments = etree.fromstring(z.read("word/comments.xml")).findall(f"{W}comment")
    with Workspace.open(project, read_only=True) as ws:
        notes = ws.project.review
    assert len([n for n in notes if n.kind == "comment"]) == len(comments) == 3
    placed = {n.text: n.paragraph for n in notes if n.kind == "comment"}
    # Placed by the words it is attached to, though its heading is gone.
    assert placed["Which source gives 37? Please cite it."] == "40"
    assert placed["Add the 2024 UNHCR figure."] == "42"
    assert placed["Name the member organisations."] == ""
    assert "not placed" in out and "Name the member organisations." in out
