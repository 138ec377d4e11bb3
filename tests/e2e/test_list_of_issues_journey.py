"""The simplified reporting procedure, then the concluding observations, with the installed
`drafter` in a real terminal (tmux).

Czechia's report answers its list of issues (CRPD/C/CZE/2-3): the author walks question 5 and
writes on it. The concluding observations (CRPD/C/CZE/CO/1) arrive; their paragraph 5 is about
something else. `drafter import` refuses to put the author's words under it, imports with
`--set-aside-list-of-issues`, and in the walk screen `m` gives the entry to paragraph 12, where
it belongs. Only keys of the README are used; the result is read from the project file.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from conftest import CRPD

from .terminal import Terminal

pytestmark = pytest.mark.slow

WORDS = "The reply to question 5 gives no figures."


def drafter(binary: str, *args: str | Path, code: int = 0) -> str:
    done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, check=False)
    assert done.returncode == code, f"drafter {args[0]}:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def entries(project: Path) -> dict[str, dict[str, object]]:
    data = tomllib.loads((project / "drafter.toml").read_text(encoding="utf-8"))
    found = data.get("entries", {})
    assert isinstance(found, dict)
    return found


def test_words_on_a_list_of_issues_survive_the_concluding_observations(
    terminal: Terminal, drafter_bin: str, tmp_path: Path
) -> None:
    project = tmp_path / "czechia"
    drafter(
        drafter_bin, "new", project, "--template", "crpd-alternative-report", "--state", "Czechia"
    )
    drafter(drafter_bin, "import", project, CRPD / "CRPD_C_CZE_2-3.pdf", "--as", "state-report")

    # Question 5 of the list of issues, in the terminal: e, the words, escape, quit.
    terminal.start([drafter_bin, "open", str(project), "--paragraph", "5"], cwd=tmp_path)
    terminal.wait_for("¶ 5 (")
    terminal.wait_for(" e Write ")  # the key bar is drawn: the screen takes keys
    terminal.send("e")
    terminal.wait_until(lambda s: "e Write" not in s, "the editor focused")
    terminal.type_text(WORDS)
    terminal.send("Escape")
    terminal.wait_for(WORDS[:30])
    terminal.send("C-q")
    assert terminal.wait_exit() == 0
    assert entries(project)["5"]["commentary"] == WORDS
    before = (project / "drafter.toml").read_bytes()

    # The concluding observations: refused in one line, nothing changed; then set aside.
    co = CRPD / "CRPD_C_CZE_CO_1.pdf"
    said = drafter(drafter_bin, "import", project, co, "--as", "concluding-observations", code=2)
    assert said.count("\n") == 1 and "written on the list of issues (paragraph 5)" in said
    assert (project / "drafter.toml").read_bytes() == before
    said = drafter(
        drafter_bin,
        "import",
        project,
        co,
        "--as",
        "concluding-observations",
        "--set-aside-list-of-issues",
    )
    assert "kept as LOI-5" in said
    assert "5" not in entries(project) and entries(project)["LOI-5"]["commentary"] == WORDS

    # In the walk screen: m on LOI-5, the paragraph it belongs to, enter.
    terminal.kill()
    terminal.start([drafter_bin, "open", str(project), "--paragraph", "LOI-5"], cwd=tmp_path)
    terminal.wait_for("¶ LOI-5 (")
    terminal.wait_for(" e Write ")
    terminal.send("m")
    terminal.wait_for("Move what is written on ¶ LOI-5")
    terminal.type_text("12")
    terminal.send("Enter")
    terminal.wait_for("¶ 12 (")
    terminal.send("C-q")
    assert terminal.wait_exit() == 0
    found = entries(project)
    assert "LOI-5" not in found and found["12"]["commentary"] == WORDS
