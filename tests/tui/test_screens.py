"""Start-up errors, overview, help, command palette, import, metadata, front matter, render,
themes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select, TextArea

from drafter.project.workspace import Workspace
from drafter.tui.app import DrafterApp
from drafter.tui.commands import DrafterCommands
from drafter.tui.screens.help import HelpScreen
from drafter.tui.screens.import_source import ImportScreen
from drafter.tui.screens.metadata import FrontMatterScreen, MetadataScreen
from drafter.tui.screens.overview import OverviewScreen, days_left
from drafter.tui.screens.render import RenderScreen
from drafter.tui.screens.startup_error import SourceProblemsScreen, StartupErrorScreen
from drafter.tui.screens.walk import WalkScreen
from tests.conftest import BRAZIL_CO_TXT
from tests.tui.conftest import SETTINGS, ready, reopen, run, wait_until

SIZE = (160, 48)


def error_text(app: DrafterApp) -> str:
    screen = app.screen
    assert isinstance(screen, StartupErrorScreen), type(screen).__name__
    return screen.error.one_line()


def test_no_such_project_is_a_screen_not_a_traceback(tmp_path: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(tmp_path / "nowhere", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert "no drafter.toml" in error_text(app)
            await pilot.press("q")
        # After its dialog, a project that cannot be opened is a failure for the shell.
        assert app.return_code == 2

    run(scenario())


def test_bad_project_file_names_the_file_and_line(kz: Path) -> None:
    (kz / "drafter.toml").write_text("schema = 1\n[metadata\ntitle = 'x'\n", encoding="utf-8")

    async def scenario() -> None:
        app = DrafterApp(kz, settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            text = error_text(app)
            assert "drafter.toml" in text
            # Fix the file, then reload from the error screen.
            (kz / "drafter.toml").unlink()
            await pilot.press("r")
            assert "no drafter.toml" in error_text(app)

    run(scenario())


def test_lock_held_offers_read_only(kz: Path) -> None:
    other = Workspace.open(kz)  # another drafter holds the lock
    try:

        async def scenario() -> None:
            app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
            async with app.run_test(size=SIZE) as pilot:
                await ready(pilot)
                assert "another drafter" in error_text(app)
                await pilot.press("o")
                assert isinstance(app.screen, WalkScreen)
                assert app.ws.read_only

        run(scenario())
    finally:
        other.close()


def test_a_folder_that_cannot_be_written_offers_read_only(
    kz: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a read-only mount or a share without write permission does to the lock file (root
    # writes anywhere, so the refusal is the file system's answer, given at the lock).
    from drafter.project.lock import ProjectLock

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ProjectLock, "acquire", refused)

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert "cannot write in the project folder" in error_text(app)
            assert app.screen.query_one("#read-only")  # the choice is on screen
            await pilot.press("o")
            await ready(pilot)
            assert isinstance(app.screen, WalkScreen)
            assert app.ws.read_only
            await pilot.press("2")  # an edit is refused, not silently lost
            assert (
                not app.ws.project.entries.get("39") or not app.ws.project.entries["39"].assessment
            )

    run(scenario())


def test_overview_shows_progress_words_and_topics(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("1", "e", *"four words of commentary")
            await pilot.press("escape", "f2")
            screen = app.screen
            assert isinstance(screen, OverviewScreen)
            meta = str(screen.query_one("#overview-meta").render())
            assert "Brazil: follow-up report to CERD" in meta and "CERD" in meta
            progress = str(screen.query_one("#overview-progress").render())
            assert "1 of 70 paragraphs assessed" in progress

            # The words are the report's, counted as `drafter check` counts them, once saved.
            def shown() -> str:
                return str(screen.query_one("#overview-progress").render())

            await wait_until(
                pilot, lambda: "Words: 0 " not in shown() and "counting" not in shown()
            )
            from drafter.project.check import check

            with Workspace.open(brazil, read_only=True) as ws:
                total = check(ws).total
            assert total > 4 and f"Words: {total:,} " in shown()
            await pilot.press("w")
            assert isinstance(app.screen, WalkScreen)

    run(scenario())


def test_days_left() -> None:
    from datetime import date

    today = date(2026, 3, 1)
    assert days_left("2026-03-13", today) == "in 12 days"
    assert days_left("2026-03-01", today) == "today"
    assert days_left("2026-02-28", today) == "1 day ago"
    assert days_left("not a date", today) == ""


def test_help_lists_every_binding_of_the_screen(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press("f1")
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            described = {b.description for _, bs in help_screen.sections() for b in bs}
            for b in WalkScreen.BINDINGS:
                assert getattr(b, "description", "") in described
            assert {"Pin/unpin", "Hide/unhide", "Cite at cursor", "Quit"} <= described
            await pilot.press("escape")
            assert isinstance(app.screen, WalkScreen)

    run(scenario())


def test_command_palette_holds_every_action_and_runs_them(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            provider = DrafterCommands(app.screen)
            names = {name for name, _, _ in provider.commands()}
            by_action: dict[str, set[str]] = {}
            for b in WalkScreen.BINDINGS:
                assert isinstance(b, Binding)
                if not b.action.startswith("assess("):
                    by_action.setdefault(b.action, set()).add(f"walk: {b.description}")
            for action, described in by_action.items():
                assert described & names, action
            for level in app.ws.template.scale:
                assert f"walk: Assess: {level.label}" in names
            assert {"app: Render the report", "app: Import a document"} <= names
            await pilot.press("ctrl+p", *"Overview")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, OverviewScreen)

    run(scenario())


def test_theme_switches_between_dark_and_light(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert app.theme == "textual-dark"
            await pilot.press("ctrl+t")
            assert app.theme == "textual-light"

    run(scenario())


async def import_by_keys(  # type: ignore[no-untyped-def]
    pilot, file: Path, kind: str = "concluding-observations"
) -> ImportScreen:
    """From the walk screen: the overview's import dialog, the file and its kind filled in,
    ctrl+s."""
    await pilot.press("f2", "i")
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-path", Input).value = str(file)
    screen.query_one("#import-kind", Select).value = kind
    await pilot.press("ctrl+s")
    return screen


def import_result(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-result").render())


def test_import_screen_imports_the_concluding_observations(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            screen = await import_by_keys(pilot, BRAZIL_CO_TXT)
            await wait_until(pilot, lambda: not import_result(screen).startswith("Importing"))
            result = import_result(screen)
            assert "Imported cerd-c-bra-co-18-20" in result and "70 paragraphs" in result

    run(scenario())
    assert any(s.kind == "concluding-observations" for s in reopen(kz).project.sources)


def test_import_screen_sets_aside_entries_written_on_a_list_of_issues(tmp_path: Path) -> None:
    from drafter.tui.screens.dialogs import ConfirmScreen
    from tests.conftest import CRPD

    # Czechia's replies to its list of issues; the author has written on question 5.
    folder = tmp_path / "cze"
    with Workspace.create(folder, "cerd-alternative-report", state="Czechia") as ws:
        ws.import_source(CRPD / "CRPD_C_CZE_2-3.pdf", "state-report")
        ws.project.entry("5").commentary = "On question 5 of the list of issues."
        ws.mark_dirty()
        ws.save()

    async def scenario() -> None:
        app = DrafterApp(folder, paragraph="5", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            screen = await import_by_keys(pilot, CRPD / "CRPD_C_CZE_CO_1.pdf")
            # Asked first: imported as they are, the words would sit under CO paragraph 5.
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "Not imported" in import_result(screen)
            assert not any(s.kind == "concluding-observations" for s in app.ws.project.sources)
            await pilot.press("y")
            await wait_until(pilot, lambda: import_result(screen).startswith("Imported"))
            assert "kept as LOI-5" in import_result(screen)

    run(scenario())
    project = reopen(folder).project
    assert any(s.kind == "concluding-observations" for s in project.sources)
    assert "5" not in project.entries
    assert project.entries["LOI-5"].commentary == "On question 5 of the list of issues."


def test_import_screen_reports_a_bad_file(kz: Path, tmp_path: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            screen = await import_by_keys(pilot, tmp_path / "missing.txt", "evidence")
            await wait_until(pilot, lambda: not import_result(screen).startswith("Importing"))
            result = import_result(screen)
            assert result.startswith("Not imported:") and "missing.txt" in result

    run(scenario())


def test_the_metadata_form_fits_a_24_line_terminal(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, settings=SETTINGS)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            app.action_metadata()
            await pilot.pause()
            form = app.screen
            assert isinstance(form, MetadataScreen)
            form.query_one("#md-organisations", TextArea).load_text("Bureau One | A | a@b.org")
            await pilot.pause()
            shown = "\n".join(s.text for s in form._compositor.render_strips())
            # Every field, the confidentiality choice and the organisations' box are in view,
            # and so are the buttons: nothing to scroll to.
            for label in ("Title", "Session starts", "Deadline", "Logo", "Confidentiality"):
                assert label in shown, label
            assert "Bureau One" in shown  # the first organisation
            assert "Save (ctrl+s)" in shown

    run(scenario())


def test_metadata_and_front_matter_forms_save(kz: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not the project's")

    async def scenario() -> None:
        app = DrafterApp(kz, settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            app.action_metadata()
            await pilot.pause()
            form = app.screen
            assert isinstance(form, MetadataScreen)
            form.query_one("#md-organisations", TextArea).load_text(
                "Kazakhstan Bureau | A. Author | a@example.org | lead"
            )
            # A date the overview cannot count down to is refused; the form stays open.
            deadline = form.query_one("#md-deadline", Input)
            deadline.value = "1 July 2026"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form and app.focused is deadline
            deadline.value = "2026-07-01"
            # The cover's facts: the date it is sent, the running header, the logo. A logo
            # outside the project is refused with the project's path rule, symbolic links too.
            form.query_one("#md-submitted", Input).value = "2026-06-30"
            form.query_one("#md-short_title", Input).value = "Kazakhstan: CERD 2026"
            logo = form.query_one("#md-logo", Input)
            (kz / "sources" / "away.png").symlink_to(outside)
            for refused in ("../logo.png", str(outside), "sources/away.png"):
                logo.value = refused
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert app.screen is form and app.focused is logo
                said = [n.message for n in app._notifications][-1]
                assert said.startswith(f"Logo: '{refused}' "), said
                assert "absolute" in said or "outside the project folder" in said, said
            logo.value = "sources/logo.png"
            await pilot.press("ctrl+s")
            app.action_front_matter()
            await pilot.pause()
            front = app.screen
            assert isinstance(front, FrontMatterScreen)
            front.query_one("#fm-methodology", TextArea).load_text("We read the reports.")
            await pilot.press("ctrl+s")
            await pilot.pause()

    run(scenario())
    project = reopen(kz).project
    assert project.metadata.deadline == "2026-07-01"
    assert project.metadata.submitted == "2026-06-30"
    assert project.metadata.short_title == "Kazakhstan: CERD 2026"
    assert project.metadata.logo == "sources/logo.png"
    assert project.metadata.organisations[0].name == "Kazakhstan Bureau"
    assert project.metadata.organisations[0].role == "lead"
    assert project.front_matter.methodology == "We read the reports."


def test_render_screen_lists_the_check_then_renders_a_draft(kz: Path) -> None:
    out = kz / "out.docx"

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            # A citation to a paragraph that does not exist: an error that stops a render.
            await pilot.press("2", "e", *"Commentary [@cerd-c-kaz-11-14:9999].", "escape")
            app.action_render()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RenderScreen)

            def text(selector: str) -> str:
                return str(screen.query_one(selector).render())

            # The findings are on screen before anything is rendered.
            await wait_until(pilot, lambda: screen.checked is not None)
            findings = text("#render-findings")
            assert "Words: " in findings and "ERROR: " in findings and "9999" in findings
            # What Render will do is said above the list, which scrolls on its own.
            assert "1 error stops the render" in text("#render-verdict").replace("\n", " ")
            assert not screen.query_one("#render-result").display
            screen.query_one("#render-output", Input).value = str(out)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not screen.query_one("#render-progress").display)
            assert text("#render-result").startswith("Not rendered: 1 error") and not out.exists()
            assert "9999" not in text("#render-result")  # listed below, not said twice
            # A draft renders anyway, the error marked in the document.
            await pilot.press("f3")
            assert "Draft: 1 error will be marked" in text("#render-verdict")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not screen.query_one("#render-progress").display)
            result = text("#render-result")
            assert "Written" in result and "out.docx" in result and "(draft, " in result
            assert "words: " in result  # the render ran the check and says its one count
            # Its findings are the list's, said once: there, not again in the outcome.
            assert "9999" not in result and "9999" in text("#render-findings")

    run(scenario())
    import docx

    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "9999" in body and "Draft" in body


def test_render_screen_on_a_24_line_terminal_shows_the_verdict_and_the_errors(
    kz: Path,
) -> None:
    # Six citations to paragraphs that do not exist: six errors, each a line or two.
    bad = " ".join(f"[@cerd-c-kaz-11-14:99{n}]" for n in range(6))

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            await pilot.press("e", *f"Commentary {bad}.", "escape")
            app.action_render()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, RenderScreen)
            await wait_until(pilot, lambda: screen.checked is not None)
            await pilot.pause()
            shown = "\n".join(s.text for s in screen._compositor.render_strips())
            # The verdict and the first errors are in view without scrolling, and the form
            # still shows where the output goes and the buttons.
            assert "6 errors stop the render" in shown
            assert sum("ERROR: " in line for line in shown.splitlines()) >= 4
            assert "Output" in shown and "Render (ctrl+s)" in shown
            # Scrolling the list moves the errors, not the verdict.
            box = screen.query_one("#render-result-box")
            box.scroll_end(animate=False)
            await pilot.pause()
            shown = "\n".join(s.text for s in screen._compositor.render_strips())
            assert "6 errors stop the render" in shown and "Words: " in shown

    run(scenario())


def test_a_source_changed_on_disk_is_reported_and_reimported(kz: Path) -> None:
    source = reopen(kz).project.source("cerd-c-kaz-11-14")
    assert source is not None
    copy = kz / source.path
    copy.write_text(copy.read_text(encoding="utf-8") + "\n999. A paragraph added later.\n")

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            # Checked after the walk screen is drawn, then asked about.
            await wait_until(pilot, lambda: isinstance(app.screen, SourceProblemsScreen))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, SourceProblemsScreen)
            listed = str(screen.query_one("#source-problems-list").render())
            assert "changed since it was imported" in listed
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, WalkScreen)
            assert app.ws.documents["cerd-c-kaz-11-14"].paragraph("999") is not None

    run(scenario())
