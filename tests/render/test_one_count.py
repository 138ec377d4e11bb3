"""One word count: `drafter check` (words.total), `drafter render` ("words: N"), and the TUI's
status line, overview and render screen all show the same number, on the Brazil sample."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input

from drafter.cli import cli
from drafter.tui.app import DrafterApp
from drafter.tui.screens.overview import OverviewScreen
from drafter.tui.screens.render import RenderScreen
from drafter.tui.widgets.status_line import StatusLine
from tests.conftest import REPO
from tests.tui.conftest import SETTINGS, ready, wait_until


@pytest.fixture
def brazil(tmp_path: Path) -> Path:
    return shutil.copytree(
        REPO / "sample_projects" / "brazil-cerd-follow-up-2026", tmp_path / "brazil"
    )


def test_check_render_and_the_tui_show_the_same_number(brazil: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    checked = json.loads(runner.invoke(cli, ["check", str(brazil), "--json"]).output)
    total = checked["words"]["total"]
    rendered = runner.invoke(cli, ["render", str(brazil), "-o", str(tmp_path / "r.docx")])
    assert rendered.exit_code == 0, rendered.output
    (said,) = re.findall(r"words: ([\d,]+)", rendered.output)
    assert int(said.replace(",", "")) == total > 1000

    shown: dict[str, str] = {}

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=(140, 40)) as pilot:
            await ready(pilot)
            await wait_until(pilot, lambda: app.report_words is not None)
            await pilot.pause()
            shown["status"] = str(app.screen.query_one(StatusLine).render())
            await pilot.press("f2")
            assert isinstance(app.screen, OverviewScreen)
            shown["overview"] = str(app.screen.query_one("#overview-progress").render())
            app.action_render()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RenderScreen)
            screen.query_one("#render-output", Input).value = str(tmp_path / "tui.docx")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not screen.query_one("#render-progress").display)
            shown["render"] = str(screen.query_one("#render-result").render())

    asyncio.run(scenario())
    assert f"{total:,} words" in shown["status"]
    assert f"Words: {total:,}" in shown["overview"]
    assert f"words: {total:,}" in shown["render"]
