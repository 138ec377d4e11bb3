"""Never lose a word: autosave after typing stops, on leaving a paragraph, on quit, on SIGTERM
and SIGHUP; a file changed on disk is never overwritten silently."""

from __future__ import annotations

import dataclasses
import os
import signal
import threading
from pathlib import Path

import pytest

from drafter.project.workspace import Workspace
from drafter.tui.app import DrafterApp
from drafter.tui.autosave import SaveState
from drafter.tui.screens.dialogs import ConflictScreen
from drafter.tui.screens.walk import WalkScreen
from drafter.tui.widgets.status_line import StatusLine
from tests.tui.conftest import SETTINGS, ready, reopen, run, wait_until

SIZE = (160, 48)


def on_disk(folder: Path, pid: str) -> str:
    entry = reopen(folder).project.entries.get(pid)
    return entry.commentary if entry else ""


def status(app: DrafterApp) -> str:
    return str(app.screen.query_one(StatusLine).render())


def test_autosave_within_two_seconds_of_the_last_key(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            # One key, then look: a key only records its time, nothing is written yet. (Typing
            # the whole phrase first could, on a loaded machine, pause longer than the autosave
            # delay between two keys and save half of it, which is right but not this check.)
            await pilot.press("e", "t")
            assert status(app).startswith("Unsaved changes")
            assert on_disk(kz, "39") == ""
            await pilot.press(*"yped, not yet saved")
            await pilot.pause(2.0)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert on_disk(kz, "39") == "typed, not yet saved"
            assert status(app).startswith("Saved")

    run(scenario())


def test_a_change_is_applied_while_the_words_are_counted(
    brazil: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's word count (after every save) builds the whole report in a thread; a change
    the author makes meanwhile is applied at once, not after the count: here a count that
    waits until the key has been handled."""
    from drafter.project.report import builder

    real_count = builder.word_count
    counting, release, counted = threading.Event(), threading.Event(), threading.Event()

    def slow_count(ws: Workspace) -> object:
        counting.set()
        release.wait(10)
        try:
            return real_count(ws)
        finally:
            counted.set()

    monkeypatch.setattr(builder, "word_count", slow_count)

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await wait_until(pilot, counting.is_set)
            await pilot.press("d")  # the "done" flag: a change applied under the model lock
            done = app.ws.project.entries["17"].done
            during_the_count = not counted.is_set()
            release.set()
            await wait_until(pilot, lambda: app.report_words is not None)
        assert done
        assert during_the_count, "the key waited for the word count"

    run(scenario())


def test_leaving_a_paragraph_saves_it(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"on leaving", "ctrl+down")
            await app.workers.wait_for_complete()
            assert on_disk(kz, "39") == "on leaving"

    run(scenario())


def test_edits_are_signed_with_the_configured_author_once(kz: Path) -> None:
    signed = dataclasses.replace(SETTINGS, author="NGO A")

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=signed)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"mine", "ctrl+down")
            await app.workers.wait_for_complete()

    run(scenario())
    assert reopen(kz).project.entries["39"].author == "NGO A"
    # Someone else's paragraph keeps its author.
    signed = dataclasses.replace(SETTINGS, author="NGO B")
    run(scenario())
    entry = reopen(kz).project.entries["39"]
    assert (entry.author, entry.commentary) == ("NGO A", "minemine")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_saves_before_leaving(kz: Path, sig: signal.Signals) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"the terminal closed")
            os.kill(os.getpid(), sig)
            await pilot.pause(0.2)
            # Saved by the handler, not by the end of the test.
            assert on_disk(kz, "39") == "the terminal closed"

    run(scenario())


def change_title_on_disk(folder: Path, title: str) -> None:
    file = folder / "drafter.toml"
    text = file.read_text(encoding="utf-8")
    old = reopen(folder).project.metadata.title
    file.write_text(text.replace(old, title, 1), encoding="utf-8")


def test_conflict_keep_mine_merges_over_the_other_version(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"mine")
            change_title_on_disk(kz, "Changed elsewhere")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConflictScreen)
            assert app.autosave.state is SaveState.CONFLICT
            # Nothing was overwritten while the question is open.
            assert on_disk(kz, "39") == ""
            await pilot.press("k")
            assert isinstance(app.screen, WalkScreen)
            assert app.autosave.state is SaveState.SAVED

    run(scenario())
    ws = reopen(kz)
    assert ws.project.metadata.title == "Changed elsewhere"
    assert ws.project.entries["39"].commentary == "mine"


def test_conflict_reload_keeps_a_copy_of_mine(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"my words")
            change_title_on_disk(kz, "Theirs")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("r")
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert walk.editor.text == ""

    run(scenario())
    assert reopen(kz).project.metadata.title == "Theirs"
    backups = list(kz.glob("drafter-recovery-*.md"))
    assert len(backups) == 1
    assert "my words" in backups[0].read_text(encoding="utf-8")


def test_conflict_cancel_pauses_saving_even_on_quit(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("e", *"wait")
            change_title_on_disk(kz, "Other")
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("c")
            assert "NOT SAVED" in status(app)
            await pilot.press("ctrl+q")  # asks again instead of quitting
            await pilot.pause()
            assert isinstance(app.screen, ConflictScreen)
            await pilot.press("k")
            await pilot.pause()
        assert app.return_code is not None or not app.is_running

    run(scenario())
    ws = reopen(kz)
    assert ws.project.metadata.title == "Other"
    assert ws.project.entries["39"].commentary == "wait"


def test_read_only_saves_nothing(kz: Path) -> None:
    before = (kz / "drafter.toml").read_bytes()

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", read_only=True, settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert "Read-only" in status(app)
            await pilot.press("2")
            await pilot.press("ctrl+q")

    run(scenario())
    assert (kz / "drafter.toml").read_bytes() == before
