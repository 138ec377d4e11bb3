"""Sample projects for the TUI tests, built once per session from the real documents.

`kz`: the Kazakhstan seeds (State report, 2016 letter, UPR compilation, two FIDH statements), no
concluding observations, so every CO paragraph is a placeholder. `brazil`: the Brazil concluding
observations with the State's follow-up reply, so paragraphs have text, roles, sub-items and
follow-up badges. Each test gets its own copy.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from drafter.project.model import ReviewNote
from drafter.project.workspace import Workspace
from drafter.tui.settings import Settings
from tests.conftest import (
    BRAZIL_CO_TXT,
    BRAZIL_FCO_TXT,
    SEED_COMPILATION,
    SEED_FIDH_1,
    SEED_FIDH_2,
    SEED_LETTER,
    SEED_STATE_REPORT,
)

TEMPLATE = "cerd-alternative-report"

# Autosave as the user gets it; tests that wait for it say so.
SETTINGS = Settings()


async def wait_until(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 30) -> None:
    """Let the app work (a worker thread importing or rendering) until `ready()`."""
    for _ in range(int(seconds / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app did not get there")


async def ready(pilot: Pilot[Any]) -> None:
    """Wait for the project to be open (it opens in a worker thread after the first frame) and
    for what comes after the first frame (the spelling dictionary), so screens are settled."""
    app = pilot.app
    await wait_until(pilot, lambda: bool(getattr(app, "ready", True)))
    if getattr(app, "_ws", None) is not None:
        await wait_until(pilot, lambda: bool(getattr(app, "spelling_ready", True)))
    await pilot.pause()


def run(coro: Coroutine[Any, Any, None]) -> None:
    asyncio.run(coro)


def _build(folder: Path, title: str, state: str, imports: list[tuple[Path, str]]) -> Path:
    ws = Workspace.create(folder, TEMPLATE, title=title, committee="CERD", state=state)
    try:
        for path, kind in imports:
            ws.import_source(path, kind)
    finally:
        ws.close()
    return folder


@pytest.fixture(scope="session")
def kz_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(
        tmp_path_factory.mktemp("kz") / "project",
        "Kazakhstan: alternative report to CERD",
        "Kazakhstan",
        [
            (SEED_STATE_REPORT, "state-report"),
            (SEED_LETTER, "committee-letter"),
            (SEED_COMPILATION, "compilation"),
            (SEED_FIDH_1, "evidence"),
            (SEED_FIDH_2, "evidence"),
        ],
    )


@pytest.fixture(scope="session")
def brazil_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(
        tmp_path_factory.mktemp("brazil") / "project",
        "Brazil: follow-up report to CERD",
        "Brazil",
        [
            (BRAZIL_CO_TXT, "concluding-observations"),
            (BRAZIL_FCO_TXT, "state-report"),
            (SEED_FIDH_1, "evidence"),
        ],
    )


def _copy(master: Path, to: Path) -> Path:
    shutil.copytree(master, to)
    return to


@pytest.fixture
def kz(kz_master: Path, tmp_path: Path) -> Path:
    return _copy(kz_master, tmp_path / "kz")


@pytest.fixture
def brazil(brazil_master: Path, tmp_path: Path) -> Path:
    return _copy(brazil_master, tmp_path / "brazil")


def reopen(folder: Path) -> Workspace:
    """The project as it is on disk now (read-only: never takes the lock)."""
    return Workspace.open(folder, read_only=True)


# --- a project a reviewer has read (tests of the review notes pane, snapshots) ---------------

COMMENTARY = (
    "The reply lists programmes but no results. Other programmes are planned for 2026 in the north."
)
REVIEWER = "Rita Reviewer"


def reviewed_notes() -> list[ReviewNote]:
    """What `drafter import-review` would have added: on paragraph 17 a comment with a reply,
    a change whose place is certain, a change that fits two places; one comment on no
    paragraph (it was on the executive summary)."""
    return [
        ReviewNote(
            id="c17", kind="comment", paragraph="17", section="Paragraph 17", author=REVIEWER,
            date="2026-03-02T10:00:00Z", text="Which source says there are no results?",
            anchor="lists programmes but no results",
        ),
        ReviewNote(
            id="r17", kind="comment", paragraph="17", author="Bruno Board",
            date="2026-03-03T09:00:00Z", text="Agree: cite the reply itself.", reply_to="c17",
        ),
        ReviewNote(
            id="year", kind="replacement", paragraph="17", author=REVIEWER,
            date="2026-03-02T10:05:00Z", text="2027", deleted="2026", before="planned for ",
            after=" in the north.",
        ),
        ReviewNote(
            id="twice", kind="deletion", paragraph="17", author=REVIEWER,
            date="2026-03-02T10:06:00Z", deleted="programmes",
        ),
        ReviewNote(
            id="summary", kind="comment", section="Executive summary", author=REVIEWER,
            date="2026-03-02T10:07:00Z", text="The summary is too long.",
        ),
    ]  # fmt: skip


@pytest.fixture
def noted(brazil: Path) -> Path:
    with Workspace.open(brazil) as ws:
        ws.entry("17").commentary = COMMENTARY
        ws.touch("17")
        ws.project.review.extend(reviewed_notes())
        ws.mark_dirty()
        ws.save()
    return brazil
