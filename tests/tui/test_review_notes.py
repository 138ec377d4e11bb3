"""The reviewers' notes in the TUI: beside the commentary in the walk screen, every note from the
overview. Each action is driven by keys on the real Brazil project and checked in the file on
disk: answer, resolve, reopen, accept (through `review.accept`, what `drafter review accept`
uses, refused when the change's place is not certain), reject, place; and all of them refused
when the project is open read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafter.project import review
from drafter.project.model import ReviewNote
from drafter.tui.app import DrafterApp
from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.overview import OverviewScreen
from drafter.tui.screens.review import ReviewNotesScreen
from drafter.tui.screens.walk import WalkScreen
from drafter.tui.settings import Settings
from tests.tui.conftest import COMMENTARY, ready, reopen, run, wait_until

WIDE = (160, 48)
NARROW = (80, 24)
QUIET = Settings(autosave_seconds=3600)  # saved when the test says (quit), not by timing


def walk_of(app: DrafterApp) -> WalkScreen:
    screen = app.screen
    assert isinstance(screen, WalkScreen), type(screen).__name__
    return screen


def notes_on_disk(folder: Path) -> dict[str, ReviewNote]:
    return {n.id: n for n in reopen(folder).project.review}


async def to_note(pilot: Any, note_id: str) -> None:
    """Focus the review notes pane (N) and highlight `note_id`."""
    await pilot.press("N")
    pane = walk_of(pilot.app).review_notes
    assert pane is not None and pane.has_focus_within
    for _ in range(12):
        note = pane.highlighted_note()
        if note is not None and note.id == note_id:
            return
        await pilot.press("down")
    raise AssertionError(f"note {note_id} not reachable")


def test_the_paragraph_s_notes_beside_the_commentary_threaded(noted: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            pane = walk.review_notes
            assert pane is not None and pane.display
            assert pane.parent is walk.query_one("#author-col")  # beside the commentary
            shown = [str(o.prompt) for o in pane.list.options]
            # The comment, then its reply under it, then the changes; each says who and when.
            assert [pane.list.get_option_at_index(i).id for i in range(4)] == [
                "c17",
                "r17",
                "year",
                "twice",
            ]
            assert shown[0].startswith("● Comment · Rita Reviewer · 2026-03-02 · open")
            assert "Which source says there are no results?" in shown[0]
            assert "on “lists programmes but no results”" in shown[0]
            assert shown[1].startswith("  ↳ Reply · Bruno Board · 2026-03-03")
            assert "replace “2026”" in shown[2] and "with “2027”" in shown[2]
            assert shown[3].startswith("● Proposed deletion") and "“programmes”" in shown[3]
            assert pane.border_title == "Review notes: 3 open of 3 (N)"
            assert "3 review notes open (N)" in str(walk.status.render())
            # A paragraph without notes hides the pane; N says where the notes are.
            await pilot.press("ctrl+down")
            assert walk.pid == "18" and not pane.display
            await pilot.press("N")
            assert not pane.has_focus_within
            assert any("No review notes on ¶ 18" in n.message for n in app._notifications)

    run(scenario())


def test_no_notes_no_pane(brazil: Path) -> None:
    """A project without review notes never builds the pane (the first frame stays light)."""

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("ctrl+down", "ctrl+down")
            assert walk.review_notes is None and not walk.query("ReviewNotesPane")

    run(scenario())


def test_answer_resolve_and_reopen(noted: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await to_note(pilot, "c17")
            await pilot.press("a", *"Cited the reply, para. 8.", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, WalkScreen))
            await pilot.press("x")
            pane = walk_of(app).review_notes
            assert pane is not None and pane.border_title == "Review notes: 2 open of 3 (N)"
            app.action_save()
        notes = notes_on_disk(noted)
        assert notes["c17"].answer == "Cited the reply, para. 8."
        assert notes["c17"].answered_by and notes["c17"].answered
        assert notes["c17"].status == "resolved"

        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await to_note(pilot, "c17")
            await pilot.press("u")
            app.action_save()
        assert notes_on_disk(noted)["c17"].status == "open"

    run(scenario())


def test_accept_changes_the_text_through_review_accept(
    noted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`+` applies the change with the function `drafter review accept` uses; what the author
    typed a moment before is kept (the editor is copied into the entry first)."""
    calls: list[str] = []
    accept = review.accept

    def spy(project: Any, note: ReviewNote) -> str:
        calls.append(note.id)
        return accept(project, note)

    monkeypatch.setattr(review, "accept", spy)

    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("W", "ctrl+end", *" Typed just now.", "escape")
            await to_note(pilot, "year")
            await pilot.press("plus")
            assert calls == ["year"]
            assert "planned for 2027 in the north. Typed just now." in walk.editor.text
            app.action_save()
        notes = notes_on_disk(noted)
        assert notes["year"].status == "accepted"
        assert reopen(noted).project.entries["17"].commentary == (
            COMMENTARY.replace("2026", "2027") + " Typed just now."
        )

    run(scenario())


def test_accept_refused_when_the_place_is_not_certain(noted: Path) -> None:
    """ "programmes" is in the commentary twice and the note says nothing around it: nothing
    changes, and the author is told why."""

    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await to_note(pilot, "twice")
            app.clear_notifications()
            await pilot.press("plus")
            said = [n.message for n in app._notifications]
            assert any("is not certain" in m and "resolve" in m for m in said), said
            assert walk_of(app).editor.text == COMMENTARY
            app.action_save()
        assert notes_on_disk(noted)["twice"].status == "open"
        assert reopen(noted).project.entries["17"].commentary == COMMENTARY

    run(scenario())


def test_reject_leaves_the_text(noted: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            await to_note(pilot, "year")
            await pilot.press("minus")
            # A comment is not a change: + and - say so and change nothing.
            await to_note(pilot, "c17")
            await pilot.press("minus")
            app.action_save()
        notes = notes_on_disk(noted)
        assert notes["year"].status == "rejected" and notes["c17"].status == "open"
        assert reopen(noted).project.entries["17"].commentary == COMMENTARY

    run(scenario())


def test_read_only_refuses_every_action_visibly(noted: Path) -> None:
    before = (noted / "drafter.toml").read_bytes()

    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", read_only=True, settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await to_note(pilot, "year")
            await pilot.press("plus", "x", "a")
            assert isinstance(app.screen, WalkScreen)  # no answer dialog opened
            said = [n.message for n in app._notifications]
            assert any("read-only: review notes cannot be changed" in m for m in said), said
            assert {n.status for n in app.ws.project.review} == {"open"}
            assert walk_of(app).editor.text == COMMENTARY
            await pilot.press("f2", "n", "p")
            assert isinstance(app.screen, ReviewNotesScreen)

    run(scenario())
    assert (noted / "drafter.toml").read_bytes() == before


def test_overview_counts_and_every_note_reachable(noted: Path) -> None:
    """The overview counts the open notes; n lists every note, those on no paragraph too; p
    places one, enter walks to a note's paragraph with the notes pane focused."""

    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="5", settings=QUIET)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            assert walk_of(app).review_notes is None  # paragraph 5 has none: not built
            await pilot.press("f2")
            assert isinstance(app.screen, OverviewScreen)
            progress = str(app.screen.query_one("#overview-progress").render())
            assert "Review notes: 4 open on 1 paragraph (1 on no paragraph)" in progress
            await pilot.press("n")
            screen = app.screen
            assert isinstance(screen, ReviewNotesScreen)
            heads = [str(o.prompt) for o in screen.pane.list.options if o.disabled]
            assert heads == ["Paragraph 17", "On no paragraph (report, unplaced)"]
            for _ in range(8):
                note = screen.pane.highlighted_note()
                if note is not None and note.id == "summary":
                    break
                await pilot.press("down")
            prompt = str(screen.pane.list.get_option(note.id).prompt) if note else ""
            assert "found under “Executive summary”" in prompt
            await pilot.press("enter")  # on no paragraph: it says p places it
            assert isinstance(app.screen, ReviewNotesScreen)
            await pilot.press("p", *"18", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewNotesScreen))
            assert app.ws.project.review[-1].paragraph == "18"
            await pilot.press("enter")
            walk = walk_of(app)
            assert walk.pid == "18"
            assert walk.review_notes is not None and walk.review_notes.has_focus_within
            app.action_save()
        assert notes_on_disk(noted)["summary"].paragraph == "18"

    run(scenario())


def test_help_names_the_review_notes_pane(brazil: Path) -> None:
    """Even before any paragraph with notes built the pane, help lists its keys by name."""

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            rows = {(d, w) for w, bindings in app.screen.sections() for d in _descr(bindings)}
            assert ("Answer", "Review notes") in rows
            assert ("Accept change", "Review notes") in rows
            assert ("Go to Review notes", "Walk screen") in rows
            assert "N Review notes" in str(app.screen.query_one(".dialog-hint").render())

    run(scenario())


def _descr(bindings: list[Any]) -> list[str]:
    return [b.description for b in bindings if b.description]


def test_answers_survive_a_change_on_disk(noted: Path) -> None:
    """The file changed on disk (a `git pull`) while a note was answered and another accepted:
    "keep mine" puts both back on top of the other version, and the recovery file has them."""
    from tests.tui.test_saving import change_title_on_disk

    async def scenario() -> None:
        app = DrafterApp(noted, paragraph="17", settings=QUIET)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await to_note(pilot, "c17")
            await pilot.press("a", *"Cited the reply.", "enter")
            await to_note(pilot, "year")
            await pilot.press("plus")
            change_title_on_disk(noted, "Changed elsewhere")
            await pilot.press("ctrl+s")
            recovery = app.autosave.recovery
            assert recovery is not None
            kept = recovery.read_text(encoding="utf-8")
            assert "Answer: Cited the reply." in kept and "planned for 2027" in kept
            await pilot.press("k")
            await pilot.pause()

    run(scenario())
    ws = reopen(noted)
    notes = {n.id: n for n in ws.project.review}
    assert ws.project.metadata.title == "Changed elsewhere"
    assert notes["c17"].answer == "Cited the reply." and notes["year"].status == "accepted"
    assert "planned for 2027" in ws.project.entries["17"].commentary
