"""A real terminal for end-to-end tests: the installed `drafter` runs inside a private tmux server,
keys go in with send-keys and the screen comes back with capture-pane, as a user would see it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


class Terminal:
    """One tmux session on its own server socket, so tests never touch the user's tmux."""

    def __init__(self, socket: Path, width: int = 160, height: int = 48) -> None:
        self.socket = socket
        self.width = width
        self.height = height
        self.session = "drafter-e2e"
        # remain-on-exit keeps the pane after drafter quits, so its last screen can be read;
        # escape-time 0 passes Escape through at once instead of waiting for a key sequence.
        self.config = socket.with_suffix(".conf")
        self.config.write_text("set -g remain-on-exit on\nset -g escape-time 0\n")

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", str(self.config), *args],
            check=check,
            capture_output=True,
            text=True,
        )

    def start(self, command: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        environment = [f"{k}={v}" for k, v in (env or {}).items()]
        args = [
            "new-session", "-d", "-s", self.session,
            "-x", str(self.width), "-y", str(self.height), "-c", str(cwd),
        ]  # fmt: skip
        for item in environment:
            args += ["-e", item]
        self._tmux(*args, " ".join(_quote(c) for c in command))

    def send(self, *keys: str) -> None:
        """tmux key names ("Enter", "C-s", "Down") or literal text with `type_text`."""
        self._tmux("send-keys", "-t", self.session, *keys)

    def type_text(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-t", self.session).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """The screen once `text` is on it; fails with the last screen if it never appears."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{screen}")

    def exited(self) -> bool:
        out = self._tmux("list-panes", "-t", self.session, "-F", "#{pane_dead}", check=False)
        return out.stdout.strip() == "1"

    def wait_exit(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited():
                return
            time.sleep(0.2)
        raise AssertionError(f"drafter did not exit:\n{self.screen()}")

    def kill(self) -> None:
        self._tmux("kill-server", check=False)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (apt-get install tmux; .ci/run does it)")
    term = Terminal(tmp_path / "tmux.sock")
    try:
        yield term
    finally:
        term.kill()


@pytest.fixture
def drafter_bin() -> str:
    """The installed console script, not the source tree: the journey a user takes."""
    path = shutil.which("drafter")
    if path is None:
        pytest.fail("the drafter command is not on PATH (pip install -e .)")
    return path


@pytest.fixture
def soffice_env(tmp_path: Path) -> dict[str, str]:
    """LibreOffice needs a HOME and a profile of its own (a fresh root account has neither)."""
    env = dict(os.environ)
    env.setdefault("HOME", str(tmp_path))
    return env
