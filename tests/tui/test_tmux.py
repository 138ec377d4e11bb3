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
    raise AssertionError(f"timed out waiting for {what}")


def start(tmux: Callable[..., str], command: str) -> None:
    # The pause lets tmux give the window its size before drafter asks for it.
    shell = f"sleep 0.5; TERM=xterm-256color exec {command}"
    tmux("new-session", "-d", "-s", "drafter", "-x", "160", "-y", "48", shell)


def screen(tmux: Callable[..., str]) -> str:
    return tmux("capture-pane", "-p", "-t", "drafter")


def gone(tmux: Callable[..., str]) -> bool:
    return "drafter" not in tmux("list-sessions", "-F", "#{session_name}")


def test_type_quit_reopen_and_read_it_back(kz: Path, tmux: Callable[..., str]) -> None:
    drafter = shutil.which("drafter")
    start(tmux, f"{drafter} open {kz} --paragraph 39")
    wait_for(lambda: "¶ 39 (" in screen(tmux), "the walk screen")
    time.sleep(0.3)  # a person's pause between reading and starting to type
    tmux("send-keys", "-t", "drafter", "e")
    time.sleep(0.3)
    tmux("send-keys", "-t", "drafter", "-l", WORDS)
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
    time.sleep(0.3)
    tmux("send-keys", "-t", "drafter", "e")
    time.sleep(0.3)
    tmux("send-keys", "-t", "drafter", "-l", WORDS)
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
