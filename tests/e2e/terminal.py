"""A real terminal for end-to-end tests: a private tmux server, keys in with send-keys, the screen
back with capture-pane, as a user would see it."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

EXIT_LINE = re.compile(r"\[exit status (\d+)\]")


class Terminal:
    """One tmux session on its own server socket, so tests never touch the user's tmux."""

    def __init__(self, socket: Path, width: int = 160, height: int = 48) -> None:
        self.socket = socket
        self.width = width
        self.height = height
        self.session = "drafter-e2e"
        # remain-on-exit keeps the pane after drafter quits, so its last screen can be read;
        # escape-time 0 passes Escape through at once instead of waiting for a key sequence;
        # /bin/sh runs the command line whatever the user's login shell; default-size makes the
        # window this size from its first moment, before the program asks for it.
        self.config = socket.with_suffix(".conf")
        self.config.write_text(
            "set -g remain-on-exit on\nset -g escape-time 0\nset -g default-shell /bin/sh\n"
            f"set -g default-size {width}x{height}\n"
        )

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            # -u: UTF-8 whatever the locale (a fresh CI machine may have none).
            ["tmux", "-u", "-S", str(self.socket), "-f", str(self.config), *args],
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
        # Textual takes COLUMNS and LINES over the real terminal size; a shell may export them.
        command = ["env", "-u", "COLUMNS", "-u", "LINES", *command]
        # The shell prints the exit status: tmux may mark the pane dead before it reaps the
        # process, so its own pane_dead_status can stay empty for a while.
        line = " ".join(_quote(c) for c in command) + '; echo "[exit status $?]"'
        self._tmux(*args, line)

    def send(self, *keys: str) -> None:
        """tmux key names ("Enter", "C-s", "Down") or literal text with `type_text`."""
        self._tmux("send-keys", "-t", self.session, *keys)

    def type_text(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.session, "-l", text)

    def screen(self, history: bool = False) -> str:
        """The visible screen; with `history`, everything scrolled off it too."""
        start = ["-S", "-"] if history else []
        return self._tmux("capture-pane", "-p", "-J", *start, "-t", self.session).stdout

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

    def wait_until(self, ready: Callable[[str], bool], what: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.2)
        raise AssertionError(f"never saw {what} on the screen:\n{screen}")

    def wait_exit(self, timeout: float = 30.0) -> int:
        """Wait for the program to quit; its exit status, as the wrapping shell printed it (the
        line may scroll off the screen once the TUI hands the terminal back)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = EXIT_LINE.search(self.screen(history=True))
            if found:
                return int(found[1])
            time.sleep(0.2)
        raise AssertionError(f"the program did not exit:\n{self.screen()}")

    def kill(self) -> None:
        self._tmux("kill-server", check=False)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"
