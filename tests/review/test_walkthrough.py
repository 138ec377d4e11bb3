"""The user guide's walk-through, run as written: two organisations, one git repository, a
reviewer in Word, from `drafter new` to a merged, reviewed, rendered report.

The commands are not copied here: they are read from the guide's code blocks and run in order by
bash with the installed `drafter` and real git, so the guide cannot drift from what works; the
lines a block shows as printed ("# …") must be in what it printed. The
one step that is not a command (Rita comments and tracks a change in Word) is done to the review
copy's XML the way Word writes it (python-docx for the comment, `w:del`/`w:ins` for the change).
Then the outcome is checked: the merged project, the notes, the shared repository and both
DOCX files.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.project.workspace import Workspace
from tests.conftest import BRAZIL, REPO, require

GUIDE = REPO / "docs" / "user-guide.md"
SECTION = "## Walk-through: two organisations and a reviewer"
REVIEWER = "Rita Reviewer"
COMMENT = "Which paragraph of the reply? Cite it."


def walkthrough_blocks() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    assert SECTION in text, f"{GUIDE.name} has no section {SECTION!r}"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def run_block(block: str, cwd: Path, env: dict[str, str], state: Path) -> tuple[str, Path]:
    """Run one code block with bash, stopping at the first failing command; the folder it ends
    in is where the next block starts (as for a reader typing them in one terminal)."""
    script = f"set -euo pipefail\ncd {str(cwd)!r}\n{block}\npwd > {str(state)!r}\n"
    done = subprocess.run(
        ["bash", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, (
        f"the walk-through stops in this block:\n{block}\n--- output ---\n{out}\n(if only the "
        "note ids differ, put the ones `drafter review list` printed into docs/user-guide.md)"
    )
    return out, Path(state.read_text(encoding="utf-8").strip())


# --- Rita in Word ------------------------------------------------------------------------------


def isolate(paragraph: Paragraph, words: str) -> Run:
    """The run holding exactly `words`, split out of the run that contains them."""
    for run in paragraph.runs:
        if words in run.text:
            before, _, after = run.text.partition(words)
            if before:
                head = copy.deepcopy(run._r)
                run._r.addprevious(head)
                Run(head, paragraph).text = before
            if after:
                tail = copy.deepcopy(run._r)
                run._r.addnext(tail)
                Run(tail, paragraph).text = after
            run.text = words
            return run
    raise AssertionError(f"no run holds {words!r}")


def tracked(tag: str, change_id: int, date: str) -> OxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(change_id))
    element.set(qn("w:author"), REVIEWER)
    element.set(qn("w:date"), date)
    return element


def review_in_word(review_copy: Path, reviewed: Path) -> None:
    """A comment on "Anti-Racist Health Strategy" in the commentary; with changes tracked,
    "does not mention" replaced by "says nothing about"."""
    document = docx.Document(str(review_copy))
    # In the commentary (the State's words quoted above it name the Strategy too).
    paragraph = next(p for p in document.paragraphs if "reply describes the Anti-Racist" in p.text)
    comment = document.add_comment(
        isolate(paragraph, "Anti-Racist Health Strategy"), COMMENT, REVIEWER, "RR"
    )
    comment._comment_elm.set(qn("w:date"), "2026-03-05T09:30:00Z")
    paragraph = next(p for p in document.paragraphs if "does not mention" in p.text)
    old = isolate(paragraph, "does not mention")._r
    deleted = tracked("w:del", 901, "2026-03-05T09:31:00Z")
    old.addprevious(deleted)
    deleted.append(old)
    for t in old.findall(qn("w:t")):
        t.tag = qn("w:delText")
    inserted = tracked("w:ins", 902, "2026-03-05T09:31:00Z")
    new = copy.deepcopy(old)
    for t in new.findall(qn("w:delText")):
        t.tag = qn("w:t")
        t.text = "says nothing about"
    inserted.append(new)
    deleted.addnext(inserted)
    document.save(str(reviewed))


# --- the walk-through --------------------------------------------------------------------------


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A folder with the documents as the UN publishes them, in `downloads`."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    for name in ("CERD_C_BRA_CO_18-20.pdf", "CERD_C_BRA_FCO_18-20.pdf", "A_HRC_WG.6_41_BRA_2.pdf"):
        shutil.copy(BRAZIL / name, downloads / name)
    return tmp_path


def test_the_user_guide_walkthrough_runs_as_written(desk: Path) -> None:
    require("git", "drafter")
    blocks = walkthrough_blocks()
    assert len(blocks) == 5, "the walk-through's steps changed: update this test's checks"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAFTER_")}
    home = desk / "home"
    home.mkdir()
    # A person's own git settings (pull.rebase, hooks …) stay out; the identity comes from
    # the environment (tests/conftest.py).
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8")
    state = desk / ".cwd"
    cwd = desk
    outputs: list[str] = []
    for block in blocks:
        if "drafter import-review" in block:
            # Between the blocks Rita reviews the copy in Word and sends it back.
            review_in_word(desk / "for-review.docx", desk / "reviewed.docx")
        out, cwd = run_block(block, cwd, env, state)
        outputs.append(out)
        # The guide shows some of what the commands print as "# …" lines: they must be there.
        printed = " ".join(out.split())
        for line in block.splitlines():
            if line.startswith("#"):
                shown = " ".join(line.lstrip("#").split())
                assert shown in printed, f"the guide shows {shown!r}; the commands printed:\n{out}"

    project = desk / "brazil-follow-up"
    assert cwd == project
    # The pull merged without help: NGO B's source and paragraph, both changes to paragraph 17.
    assert "CONFLICT" not in outputs[2] and "Merge made" in outputs[2]
    with Workspace.open(project, read_only=True) as ws:
        sources = [s.id for s in ws.project.sources]
        e17, e19 = ws.project.entries["17"], ws.project.entries["19"]
        notes = ws.project.review
        assert not ws.project.conflicts
    assert sources == ["cerd-c-bra-co-18-20", "cerd-c-bra-fco-18-20", "a-hrc-wg.6-41-bra-2"]
    assert (e17.author, e17.assessment) == ("NGO A", "partially-satisfactory")
    assert e17.questions == [
        "How were the communities most affected by the COVID-19 pandemic consulted?"
    ]
    assert (e19.author, e19.assessment) == ("NGO B", "satisfactory")
    assert "Law No. 14,723/23" in e19.commentary
    # Rita's change accepted into the commentary, her comment answered and resolved.
    assert "It says nothing about the COVID-19 pandemic" in e17.commentary
    assert "does not mention" not in e17.commentary
    assert sorted((n.kind, n.status, n.paragraph, n.author) for n in notes) == [
        ("comment", "resolved", "17", REVIEWER),
        ("replacement", "accepted", "17", REVIEWER),
    ]
    comment = next(n for n in notes if n.kind == "comment")
    assert (comment.text, comment.anchor) == (COMMENT, "Anti-Racist Health Strategy")
    assert comment.answer == "Cited: the Strategy is in para. 9 of the reply."
    assert "open review note" not in outputs[4]

    # Everything is in the shared repository: NGO B pulls exactly NGO A's file.
    git = ["git", "-C", str(desk / "ngo-b")]
    subprocess.run([*git, "pull", "-q", "--no-rebase"], env=env, check=True, timeout=120)
    merged = (project / "drafter.toml").read_bytes()
    assert (desk / "ngo-b" / "drafter.toml").read_bytes() == merged
    log = subprocess.run(
        ["git", "-C", str(desk / "shared.git"), "log", "--format=%s"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert log[0] == "Rita's review" and any(s.startswith("Merge branch") for s in log)

    # The review copy carried the draft mark; the report that goes out has Rita's words and
    # no comment at all.
    with zipfile.ZipFile(desk / "for-review.docx") as z:
        headers = b"".join(z.read(n) for n in z.namelist() if n.startswith("word/header"))
    assert b"Draft for review" in headers
    final = desk / "brazil-follow-up.docx"
    text = "\n".join(p.text for p in docx.Document(str(final)).paragraphs)
    assert "It says nothing about the COVID-19 pandemic" in text
    assert "Law No. 14,723/23" in text
    with zipfile.ZipFile(final) as z:
        assert not [n for n in z.namelist() if "comments" in n]
