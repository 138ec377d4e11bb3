"""End to end: the installed `drafter` in a real terminal (tmux). Type commentary, quit, reopen
with `drafter DIR`, and read the words back off the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import require

from tests.tui.conftest import reopen

pytestmark = pytest.mark.slow

WORDS = "Typed in a real terminal"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    require("tmux", "drafter")
    # A private server, so the test never touches the user's tmux sessions.
    socket = f"drafter-test-{os.getpid()}"

    def run(*args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    yield run
    run("kill-server")


def wait_for(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}:\n{LAST[0] if LAST else ''}")


def start(tmux: Callable[..., str], command: str) -> None:
    # The pause lets tmux give the window its size before drafter asks for it.
    shell = f"sleep 0.5; TERM=xterm-256color exec {command}"
    tmux("new-session", "-d", "-s", "drafter", "-x", "160", "-y", "48", shell)


LAST: list[str] = []


def screen(tmux: Callable[..., str]) -> str:
    shown = tmux("capture-pane", "-p", "-t", "drafter")
    LAST[:] = [shown]
    return shown


def settled(tmux: Callable[..., str]) -> None:
    """Wait until the screen stops changing, as a person looks before typing: a key pressed
    while the first frames are still being drawn may reach the pane focused before it."""
    previous = ""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        shown = screen(tmux)
        if shown == previous:
            return
        previous = shown
        time.sleep(0.5)


def press_e_and_type(tmux: Callable[..., str], words: str) -> None:
    """e (write), then the words once the commentary has the focus (the footer's "e Write"
    goes away while the cursor is in a text)."""
    settled(tmux)
    tmux("send-keys", "-t", "drafter", "e")
    wait_for(lambda: " e Write " not in screen(tmux), "the commentary to take the focus")
    tmux("send-keys", "-t", "drafter", "-l", words)


def gone(tmux: Callable[..., str]) -> bool:
    return "drafter" not in tmux("list-sessions", "-F", "#{session_name}")


def test_type_quit_reopen_and_read_it_back(kz: Path, tmux: Callable[..., str]) -> None:
    drafter = shutil.which("drafter")
    start(tmux, f"{drafter} open {kz} --paragraph 39")
    wait_for(lambda: "¶ 39 (" in screen(tmux), "the walk screen")
    press_e_and_type(tmux, WORDS)
    wait_for(lambda: WORDS in screen(tmux), "the typed words")
    tmux("send-keys", "-t", "drafter", "C-q")
    wait_for(lambda: gone(tmux), "drafter to quit")
    assert reopen(kz).project.entries["39"].commentary == WORDS

    # `drafter DIR` is `drafter open DIR`, back where the author left off.
    start(tmux, f"{drafter} {kz}")
    wait_for(lambda: "¶ 39 (" in screen(tmux), "the walk screen again")
    assert WORDS in screen(tmux)
    tmux("send-keys", "-t", "drafter", "C-q")
    wait_for(lambda: gone(tmux), "drafter to quit again")


def test_closing_the_terminal_saves_and_leaves(kz: Path, tmux: Callable[..., str]) -> None:
    drafter = shutil.which("drafter")
    start(tmux, f"{drafter} open {kz} --paragraph 39")
    wait_for(lambda: "¶ 39 (" in screen(tmux), "the walk screen")
    pid = int(tmux("display-message", "-p", "-t", "drafter", "#{pane_pid}").strip())
    press_e_and_type(tmux, WORDS)
    wait_for(lambda: WORDS in screen(tmux), "the typed words")
    tmux("kill-server")  # the terminal goes away: SIGHUP

    def ended() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    wait_for(ended, "drafter to leave after SIGHUP", seconds=15)
    assert reopen(kz).project.entries["39"].commentary == WORDS


def test_the_commentary_goes_to_editor_and_back(
    kz: Path, tmux: Callable[..., str], tmp_path: Path
) -> None:
    drafter = shutil.which("drafter")
    # A scripted $EDITOR: appends a sentence to the file it is given, as a person would.
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf " Written in the editor." >> "$1"\n')
    editor.chmod(0o755)
    start(tmux, f"env EDITOR={editor} {drafter} open {kz} --paragraph 39")
    wait_for(lambda: "¶ 39 (" in screen(tmux), "the walk screen")
    press_e_and_type(tmux, WORDS)
    wait_for(lambda: WORDS in screen(tmux), "the typed words")
    tmux("send-keys", "-t", "drafter", "C-e")
    wait_for(lambda: "Written in" in screen(tmux), "the editor's words back")
    tmux("send-keys", "-t", "drafter", "C-q")
    wait_for(lambda: gone(tmux), "drafter to quit")
    assert reopen(kz).project.entries["39"].commentary == WORDS + " Written in the editor."
    # The file handed to the editor was inside the project, and is gone.
    assert not list((kz / ".drafter").glob("commentary-*.md"))


def test_open_without_a_terminal_exits_at_once(kz: Path) -> None:
    require("drafter")
    drafter = shutil.which("drafter")
    assert drafter is not None
    done = subprocess.run(
        [drafter, "open", str(kz)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,  # generous: it used to spin until killed
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr


def test_open_with_term_dumb_exits_at_once(kz: Path) -> None:
    import pty

    require("drafter")
    drafter = shutil.which("drafter")
    assert drafter is not None
    parent, child = pty.openpty()
    try:
        done = subprocess.run(
            [drafter, "open", str(kz)],
            stdin=child,
            stdout=child,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TERM": "dumb"},
            timeout=30,
            check=False,
        )
    finally:
        os.close(parent)
        os.close(child)
    assert done.returncode == 2 and "TERM is 'dumb'" in done.stderr
