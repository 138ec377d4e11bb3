"""The walk follows the report: a follow-up project walks the follow-up paragraphs, marks the
others, counts only what the report prints; keys to go to a paragraph, search by number, filter
both ways, jump between panes, fill the screen with one; help in the author's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from drafter.project.workspace import Workspace
from drafter.tui.app import DrafterApp
from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.overview import OverviewScreen
from drafter.tui.screens.walk import WalkScreen
from drafter.tui.widgets.banner import Banner
from tests.tui.conftest import SETTINGS, ready, reopen, run

WIDE = (160, 48)
NARROW = (80, 24)
FOLLOW_UP = ["17", "19", "23", "36"]  # paragraph 68 of CERD/C/BRA/CO/18-20 names these


@pytest.fixture
def follow_up(brazil: Path) -> Path:
    """The Brazil project with the follow-up template: its report prints four paragraphs."""
    with Workspace.open(brazil) as ws:
        ws.project.metadata.template = "cerd-follow-up"
        ws.mark_dirty()
        ws.save()
    return brazil


def walk_of(app: DrafterApp) -> WalkScreen:
    screen = app.screen
    assert isinstance(screen, WalkScreen), type(screen).__name__
    return screen


def test_a_follow_up_project_walks_the_follow_up_paragraphs(follow_up: Path) -> None:
    assert [p.id for p in reopen(follow_up).co_paragraphs() if p.follow_up] == FOLLOW_UP

    async def scenario() -> None:
        app = DrafterApp(follow_up, settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            # New project: the first paragraph of the report that needs work, filter on.
            assert walk.pid == "17"
            assert walk.navigator.filters[walk.navigator.filter_index].id == "in-report"
            seen = [walk.pid]
            for _ in FOLLOW_UP:
                await pilot.press("ctrl+down")
                seen.append(walk.pid)
            assert seen == [*FOLLOW_UP, "36"]  # the last stays put
            await pilot.press("ctrl+up")
            assert walk.pid == "23"
            # Assess 17, then start again: the next paragraph needing work.
            await pilot.press("g", *"17", "enter", "1")
            assert walk.pid == "17"
            await pilot.press("g", *"5", "enter")
            assert walk.pid == "5"
            shown = str(walk.co_view.body.render())
            assert "[NOT IN THIS REPORT]" in shown
            assert "not in this report" in str(walk.status.render())
            assert "×" in str(walk.navigator.prompt(walk.paragraphs[4]))
            await pilot.press("e", *"A note on paragraph 5.", "escape")
            await pilot.pause()
            banner = str(walk.query_one(Banner).render())
            assert "1 entry will not be printed" in banner and "¶ 5" in banner
            await pilot.press("f2")
            overview = app.screen
            assert isinstance(overview, OverviewScreen)
            progress = str(overview.query_one("#overview-progress").render())
            assert "1 of 4 paragraphs assessed" in progress
            await pilot.press("ctrl+q")

    run(scenario())

    async def reopened() -> None:
        # A reopened project: where the author left off.
        app = DrafterApp(follow_up, settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            assert walk_of(app).pid == "5"

    run(reopened())
    ws = reopen(follow_up)
    (ws.folder / ".drafter" / "session.json").unlink()

    async def fresh_start() -> None:
        app = DrafterApp(follow_up, settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            assert walk_of(app).pid == "19"  # 17 is assessed now

    run(fresh_start())


def test_search_by_number_escape_and_filters_both_ways(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="5", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            nav = walk.navigator
            await pilot.press("f3", *"36")
            assert nav.visible_paragraphs()[0].id == "36"
            await pilot.press("escape")
            assert nav.query_text == "" and len(nav.visible_paragraphs()) == 70
            await pilot.press("f3", *"36", "enter")  # enter goes to the first result
            assert walk.pid == "36"
            first = nav.filter_index
            await pilot.press("f4")
            assert nav.filter_index == (first + 1) % len(nav.filters)
            await pilot.press("shift+f4", "shift+f4")
            assert nav.filter_index == (first - 1) % len(nav.filters)

    run(scenario())


def test_pane_keys_focus_and_the_commentary_fills_the_screen(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            for key, pane in (("S", walk.claims), ("R", walk.recommendations), ("C", walk.co_view)):
                await pilot.press(key)
                assert pane.has_focus_within, key
            await pilot.press("f6")
            assert walk.claims.has_focus_within
            await pilot.press("W", *"The end.", "ctrl+home")
            assert walk.editor.area.cursor_location == (0, 0)
            await pilot.press("ctrl+end")
            assert walk.editor.area.cursor_location == walk.editor.area.document.end
            await pilot.press("f10")
            assert walk.maximized is walk.editor
            await pilot.press("f10")
            assert walk.maximized is None
            await pilot.press("escape", "v")
            assert app.ws.project.entries["17"].reviewed

    run(scenario())


def test_help_names_places_and_the_overview_buttons_show_their_labels(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await pilot.press("question_mark")
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            places = {where for where, _ in help_screen.sections()}
            assert {"Walk screen", "Paragraph list", "Questions and Recommendations"} <= places
            assert not {p for p in places if p.endswith(("Pane", "Editor", "Navigator"))}
            await pilot.press("escape", "f2")
            walk_button = app.screen.query_one("#ov-walk", Button)
            assert walk_button.size.height <= 3 and "Walk" in str(walk_button.label)

    run(scenario())
