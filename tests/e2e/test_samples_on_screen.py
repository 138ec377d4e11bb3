"""The sample projects as a newcomer first sees them: `drafter open` in a real terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

from .terminal import Terminal

pytestmark = pytest.mark.slow


def test_the_kazakhstan_sample_says_its_paragraphs_are_placeholders(
    tmp_path: Path, terminal: Terminal, drafter_bin: str
) -> None:
    # A copy: opening a project writes its cache folder and where the author left off.
    project = tmp_path / "kazakhstan-cerd-2025"
    shutil.copytree(REPO / "sample_projects" / project.name, project)
    terminal.start([drafter_bin, "open", str(project), "--paragraph", "40"], cwd=tmp_path)
    screen = terminal.wait_until(
        # The list is filled just after the first frame; the commentary opens with the cursor
        # at its end, where its last citation is.
        lambda s: (
            "Paragraph 40" in s
            and "not imported" in s
            and "[@cerd-c-kaz-11-14:281]." in s
            and "(no CO text)" in s
        ),
        "paragraph 40 with its placeholder note, the example commentary and the list",
        timeout=60,
    )
    # The State's answers under "Follow-up information relating to paragraphs 39 and 40 …".
    # (The citation may wrap inside the pane: "para." ends one line, "274" starts the next.)
    assert "[explicit] CERD/C/KAZ/11-14, para." in screen and " 274 " in screen
    terminal.send("C-q")
    assert terminal.wait_exit() == 0


def test_the_brazil_sample_opens_where_the_readme_sends_a_newcomer(
    tmp_path: Path, terminal: Terminal, drafter_bin: str
) -> None:
    project = tmp_path / "brazil-cerd-follow-up-2026"
    shutil.copytree(REPO / "sample_projects" / project.name, project)
    terminal.start([drafter_bin, "open", str(project)], cwd=tmp_path)
    # A follow-up submission: it opens on the first follow-up paragraph, the list filtered to
    # what the report prints.
    terminal.wait_until(
        lambda s: "Paragraph 17" in s and "Filter: in the report (4/70)" in s,
        "the first follow-up paragraph, the report's paragraphs listed",
        timeout=60,
    )
    terminal.send("C-q")
    assert terminal.wait_exit() == 0
