"""Fixtures for end-to-end tests: the installed `drafter`, a real terminal, LibreOffice's needs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require

from .terminal import Terminal


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    require("tmux")
    term = Terminal(tmp_path / "tmux.sock")
    try:
        yield term
    finally:
        term.kill()


@pytest.fixture
def drafter_bin() -> str:
    """The installed console script, not the source tree: the journey a user takes."""
    require("drafter")
    path = shutil.which("drafter")
    assert path is not None
    return path


@pytest.fixture
def soffice_env(tmp_path: Path) -> dict[str, str]:
    """LibreOffice needs a HOME and a profile of its own (a fresh root account has neither)."""
    env = dict(os.environ)
    env.setdefault("HOME", str(tmp_path))
    return env
