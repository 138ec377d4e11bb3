"""How the overview and walk screens look at 80×24 and 160×48 (SVG snapshots).

Update after an intended change with `pytest tests/tui --snapshot-update`, and look at the
pictures in the report before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from drafter.tui.app import DrafterApp
from drafter.tui.settings import Settings
from tests.tui.conftest import ready, wait_until

# No autosave during a snapshot: the footer would say "Saved" or "Unsaved" by timing.
QUIET = Settings(autosave_seconds=3600)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]

SnapCompare = Callable[..., bool]


async def counted(pilot: Pilot[Any]) -> None:
    """Open, and the report's word count (a worker thread) shown: the status line holds it."""
    await ready(pilot)
    app = pilot.app
    await wait_until(pilot, lambda: getattr(app, "report_words", None) is not None)
    await settled(pilot)


async def settled(pilot: Pilot[Any]) -> None:
    """Let what runs after a refresh (the navigator scrolling to the current paragraph) finish:
    on a loaded machine one pause can leave the list a line short of where it settles."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_walk_placeholder_paragraph(snap_compare: SnapCompare, kz: Path, size: Any) -> None:
    app = DrafterApp(kz, paragraph="39", settings=QUIET)
    assert snap_compare(app, terminal_size=size, run_before=counted)


@pytest.mark.parametrize("size", SIZES)
def test_walk_assessed_paragraph(snap_compare: SnapCompare, brazil: Path, size: Any) -> None:
    async def write(pilot: Pilot[Any]) -> None:
        await counted(pilot)
        await pilot.press("2", "e", *"The reply lists programmes but no results.", "escape")
        pilot.app.clear_notifications()
        await pilot.pause()

    app = DrafterApp(brazil, paragraph="17", settings=QUIET)
    assert snap_compare(app, terminal_size=size, run_before=write)


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare: SnapCompare, brazil: Path, size: Any) -> None:
    async def overview(pilot: Pilot[Any]) -> None:
        await counted(pilot)
        await pilot.press("1", "ctrl+down", "3", "f2")
        # Leaving paragraph 5 saved it, and the words were counted again after the save.
        app = pilot.app
        await wait_until(
            pilot,
            lambda: getattr(app, "report_words", None) is not None and app.report_words.total > 0,
        )  # type: ignore[attr-defined]
        pilot.app.clear_notifications()
        await pilot.pause()

    app = DrafterApp(brazil, paragraph="5", settings=QUIET)
    assert snap_compare(app, terminal_size=size, run_before=overview)


@pytest.mark.parametrize("size", SIZES)
def test_walk_focus_border_and_banner(snap_compare: SnapCompare, brazil: Path, size: Any) -> None:
    """A follow-up project on a paragraph it does not print: the banner says the entry will not
    be printed; the Questions pane has the focus (accent border, bold title)."""
    from drafter.project.workspace import Workspace

    with Workspace.open(brazil) as ws:
        ws.project.metadata.template = "cerd-follow-up"
        ws.entry("5").commentary = "Written before the template changed."
        ws.touch("5")
        ws.save()

    async def focus(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("Q")
        pilot.app.clear_notifications()
        await pilot.pause()

    app = DrafterApp(brazil, paragraph="5", settings=QUIET)
    assert snap_compare(app, terminal_size=size, run_before=focus)


def test_spelling_marks(snap_compare: SnapCompare, brazil: Path) -> None:
    from tests.tui.test_spelling import need_dictionary

    need_dictionary("en")

    async def write(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.press("W", *"The Quilombola communities recieve no data.", "escape")
        await pilot.press("q", *"Why were the figures not publishd?", "enter", "escape")
        pilot.app.clear_notifications()
        await pilot.pause()

    app = DrafterApp(brazil, paragraph="17", settings=QUIET)
    assert snap_compare(app, terminal_size=(160, 48), run_before=write)


@pytest.mark.parametrize("size", SIZES)
def test_walk_with_review_notes(snap_compare: SnapCompare, noted: Path, size: Any) -> None:
    """Paragraph 17 with a reviewer's comment (a reply under it) and two proposed changes: the
    review notes pane beside the commentary (wide) or in its tab (narrow), focused on the
    proposed replacement."""

    async def notes(pilot: Pilot[Any]) -> None:
        await counted(pilot)
        await pilot.press("N", "down", "down")
        pilot.app.clear_notifications()
        await settled(pilot)

    app = DrafterApp(noted, paragraph="17", settings=QUIET)
    assert snap_compare(app, terminal_size=size, run_before=notes)
