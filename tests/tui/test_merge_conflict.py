"""A paragraph a git merge left in conflict says so in the walk (the rest is `drafter check`)."""

from __future__ import annotations

from pathlib import Path

from drafter.project.model import Conflict
from drafter.project.workspace import Workspace
from drafter.tui.app import DrafterApp
from drafter.tui.screens.walk import WalkScreen
from tests.tui.conftest import SETTINGS, ready, run


def test_walk_points_at_a_merge_conflict(brazil: Path) -> None:
    with Workspace.open(brazil) as ws:
        ws.entry("17").commentary = "<<<<<<< org-a\nA.\n=======\nB.\n>>>>>>> org-b\n"
        ws.touch("17")
        ws.project.conflicts.append(Conflict("commentary", "text", paragraph="17"))
        ws.save()

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="16", settings=SETTINGS)
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert "merge conflict" not in walk.status.position
            walk.go_to("17")
            await pilot.pause()
            assert walk.status.position.endswith("· merge conflict")
            assert any("Merge conflict in commentary" in str(n.message) for n in app._notifications)

    run(scenario())
