"""Nothing typed is ever lost: each way words were lost, driven by keys through Pilot, then the
project file read back from disk.

Questions and recommendations are edited in place (escape restores, delete is undone by u,
nothing is carried to another paragraph); a project file left unreadable by a `git pull` while
the author types; a read-only session refusing every edit out loud.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from drafter.tui.app import DrafterApp
from drafter.tui.autosave import SaveState
from drafter.tui.screens.dialogs import ConflictScreen
from drafter.tui.screens.walk import WalkScreen
from drafter.tui.widgets.banner import Banner
from tests.tui.conftest import SETTINGS, ready, reopen, run

WIDE = (160, 48)
NARROW = (80, 24)

QUESTION = "How many complaints of racial profiling were investigated?"


def walk_of(app: DrafterApp) -> WalkScreen:
    screen = app.screen
    assert isinstance(screen, WalkScreen), type(screen).__name__
    return screen


def toml(folder: Path) -> dict[str, object]:
    """The project file as another program reads it."""
    return tomllib.loads((folder / "drafter.toml").read_text(encoding="utf-8"))


def entry_on_disk(folder: Path, pid: str) -> dict[str, object]:
    entries = toml(folder).get("entries", {})
    assert isinstance(entries, dict)
    entry = entries.get(pid, {})
    assert isinstance(entry, dict)
    return entry


def with_question(folder: Path, pid: str, *questions: str) -> None:
    ws = reopen(folder)
    ws.close()
    from drafter.project.workspace import Workspace

    with Workspace.open(folder) as w:
        w.entry(pid).questions = list(questions)
        w.touch(pid)
        w.save()


def test_an_item_edited_in_place_is_saved_under_its_paragraph(brazil: Path) -> None:
    with_question(brazil, "17", "First question?", QUESTION)

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("Q", "down", "enter", *" (2023-2025)", "enter")
            assert walk.questions.items[1] == QUESTION + " (2023-2025)"
            # Move away, then quit: the edit stays with paragraph 17.
            await pilot.press("ctrl+down")
            assert walk.pid == "18"
            assert walk.questions.items == []
            await pilot.press("ctrl+q")

    run(scenario())
    assert entry_on_disk(brazil, "17")["questions"] == [
        "First question?",
        QUESTION + " (2023-2025)",
    ]
    assert "questions" not in entry_on_disk(brazil, "18")


def test_escape_puts_back_an_item_and_the_list_does_not_wrap(brazil: Path) -> None:
    with_question(brazil, "17", "First question?", QUESTION)

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("Q", "down", "down", "down")
            assert walk.questions.cursor == 1  # the last item: no wrap to the first
            await pilot.press("up", "up")
            assert walk.questions.cursor == 0
            await pilot.press("enter", "ctrl+u", *"Scrapped text", "escape")
            assert walk.questions.items == ["First question?", QUESTION]
            await pilot.press("ctrl+q")

    run(scenario())
    assert entry_on_disk(brazil, "17")["questions"] == ["First question?", QUESTION]


def test_a_removed_item_comes_back_with_u_and_a_removal_is_saved(brazil: Path) -> None:
    with_question(brazil, "17", "First question?", QUESTION)

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("Q", "delete")
            assert walk.questions.items == [QUESTION]
            await pilot.press("u")
            assert walk.questions.items == ["First question?", QUESTION]
            await pilot.press("down", "delete", "ctrl+q")

    run(scenario())
    assert entry_on_disk(brazil, "17")["questions"] == ["First question?"]


def test_words_typed_for_a_new_item_stay_with_their_paragraph(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            # Typed, not yet filed with enter, when the author moves on.
            await pilot.press("r", *"Publish the data", "ctrl+down")
            assert walk.pid == "18"
            # Paragraph 18's list is empty, and no editor of paragraph 17 is left open on it.
            assert walk.recommendations.items == [] and walk.recommendations.area is None
            await pilot.press("R", "enter", "escape", "ctrl+q")

    run(scenario())
    recommendations = entry_on_disk(brazil, "17")["recommendations"]
    assert isinstance(recommendations, list) and recommendations[-1] == "Publish the data"
    assert "recommendations" not in entry_on_disk(brazil, "18")


def put_conflict_markers(folder: Path) -> str:
    """What `git pull` leaves when the same lines changed on both sides."""
    file = folder / "drafter.toml"
    text = file.read_text(encoding="utf-8")
    marked = text.replace(
        "[metadata]\n",
        '[metadata]\n<<<<<<< HEAD\nsession = "110th"\n=======\nsession = "111th"\n>>>>>>> b\n',
        1,
    )
    file.write_text(marked, encoding="utf-8")
    return marked


def test_unreadable_file_on_disk_keep_mine_saves_the_words(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await pilot.press("W", *" Typed while git pulled.")
            put_conflict_markers(brazil)
            await pilot.press("ctrl+s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ConflictScreen)
            assert dialog.unreadable  # says the file cannot be read
            recovery = app.autosave.recovery
            assert recovery is not None and recovery.parent == brazil
            assert "Typed while git pulled." in recovery.read_text(encoding="utf-8")
            await pilot.press("k")
            await pilot.pause()
            assert app.autosave.state is SaveState.SAVED

    run(scenario())
    commentary = entry_on_disk(brazil, "17")["commentary"]
    assert isinstance(commentary, str) and commentary.endswith("Typed while git pulled.")
    kept = list((brazil / ".drafter" / "backups").glob("unreadable-*.toml"))
    assert len(kept) == 1 and "<<<<<<< HEAD" in kept[0].read_text(encoding="utf-8")


def test_quitting_with_the_file_unreadable_leaves_the_words_in_a_named_file(
    brazil: Path,
) -> None:
    async def scenario() -> DrafterApp:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await pilot.press("W", *" Words that must survive.")
            put_conflict_markers(brazil)
            await pilot.press("ctrl+q")  # asks: keep mine, reload or cancel
            await pilot.pause()
            assert isinstance(app.screen, ConflictScreen)
            await pilot.press("ctrl+q")  # quits all the same
            await pilot.pause()
        return app

    apps: list[DrafterApp] = []

    async def keep() -> None:
        apps.append(await scenario())

    run(keep())
    (recovery,) = brazil.glob("drafter-recovery-*.md")
    assert "Words that must survive." in recovery.read_text(encoding="utf-8")
    # The disk still holds the other version, untouched.
    assert "<<<<<<< HEAD" in (brazil / "drafter.toml").read_text(encoding="utf-8")
    farewell = apps[0].farewell()
    assert farewell is not None and recovery.name in farewell


def test_read_only_refuses_every_edit_out_loud(brazil: Path) -> None:
    before = (brazil / "drafter.toml").read_bytes()
    refused: list[str] = []

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", read_only=True, settings=SETTINGS)
        app.refuse = lambda what: refused.append(what)  # type: ignore[method-assign]
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            banner = str(walk.query_one(Banner).render())
            assert "read-only" in banner
            await pilot.press("1")  # assess
            await pilot.press("d", "v")  # done, reviewed
            await pilot.press("W", "x", "escape")  # type in the commentary
            await pilot.press("q", "y")  # a new question
            await pilot.press("S", "p")  # pin a claim
            await pilot.press("w")  # choose the words to quote from it
            await pilot.press("ctrl+r")  # cite
            await pilot.press("f9")  # the word list
            assert walk.editor.text == ""
            assert "17" not in app.ws.project.entries
            await pilot.press("ctrl+q")

    run(scenario())
    assert (brazil / "drafter.toml").read_bytes() == before
    for what in ("assessments", "the done flag", "the reviewed flag", "commentary"):
        assert what in refused, (what, refused)
    assert "questions" in refused and "pins and hidden links" in refused
    assert "quotations" in refused


def test_an_edit_on_disk_that_keeps_size_and_time_is_still_seen(brazil: Path) -> None:
    import os

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            await pilot.press("W", "!")
            file = brazil / "drafter.toml"
            st = file.stat()
            text = file.read_text(encoding="utf-8")
            # Same length, same modification time: only the content tells.
            file.write_text(text.replace("Brazil", "Brasil", 1), encoding="utf-8")
            os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConflictScreen)
            await pilot.press("c")
            banner = str(walk_of(app).query_one(Banner).render())
            assert "changed on disk" in banner

    run(scenario())


def test_words_typed_on_a_list_of_issues_paragraph_follow_it_when_it_is_set_aside(
    tmp_path: Path,
) -> None:
    from drafter.project.workspace import Workspace
    from tests.conftest import CRPD

    folder = tmp_path / "cze"
    with Workspace.create(folder, "cerd-alternative-report", state="Czechia") as ws:
        ws.import_source(CRPD / "CRPD_C_CZE_2-3.pdf", "state-report")

    async def scenario() -> None:
        app = DrafterApp(folder, paragraph="5", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            await pilot.press("e", *"On question 5.", "escape")
            walk.flush()
            await pilot.press("e", *" More.")
            # The CO arrives while these words are still only in the editor: question 5's
            # entry is set aside as LOI-5 and CO paragraph 5 has nothing.
            app.import_source(
                CRPD / "CRPD_C_CZE_CO_1.pdf",
                "concluding-observations",
                None,
                set_aside_list_of_issues=True,
            )
            walk.flush()  # an autosave, or leaving, before the screen is shown again
            entries = app.ws.project.entries
            assert entries["LOI-5"].commentary == "On question 5. More."
            assert "5" not in entries or not entries["5"].commentary
            await pilot.press("ctrl+q")

    run(scenario())
    project = reopen(folder).project
    assert project.entries["LOI-5"].commentary == "On question 5. More."
    assert "5" not in project.entries


def test_an_entry_set_aside_is_moved_to_its_co_paragraph_by_keys(tmp_path: Path) -> None:
    from drafter.project.workspace import Workspace
    from tests.conftest import CRPD

    folder = tmp_path / "cze"
    with Workspace.create(folder, "cerd-alternative-report", state="Czechia") as ws:
        ws.import_source(CRPD / "CRPD_C_CZE_2-3.pdf", "state-report")
        ws.project.entry("5").commentary = "On question 5."
        ws.project.entry("6").commentary = "On question 6."
        ws.mark_dirty()
        ws.save()
        ws.import_source(
            CRPD / "CRPD_C_CZE_CO_1.pdf", "concluding-observations", set_aside_list_of_issues=True
        )
        ws.project.entry("9").commentary = "On CO paragraph 9."
        ws.touch("9")
        ws.save()

    async def scenario() -> None:
        app = DrafterApp(folder, paragraph="LOI-5", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            assert walk.pid == "LOI-5" and walk.editor.text == "On question 5."
            # Onto a paragraph with words of its own: refused, nothing moves.
            await pilot.press("m", *"9", "enter")
            await pilot.pause()
            assert app.ws.project.entries["9"].commentary == "On CO paragraph 9."
            assert "LOI-5" in app.ws.project.entries
            # Onto paragraph 12, which has nothing yet: the words go there, and so does the walk.
            await pilot.press("m", *"12", "enter")
            await pilot.pause()
            assert walk.pid == "12" and walk.editor.text == "On question 5."
            await pilot.press("ctrl+q")

    run(scenario())
    project = reopen(folder).project
    assert "LOI-5" not in project.entries
    assert project.entries["12"].commentary == "On question 5."
    assert project.entries["9"].commentary == "On CO paragraph 9."
    assert project.entries["LOI-6"].commentary == "On question 6."
