"""Spelling: misspelt words marked in the commentary, questions and recommendations in the
project's language with real Hunspell dictionaries; the project's word list; `drafter check`
lists them; without dictionaries the app says so once and works on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.project.spelling import find_dictionary, load_speller
from drafter.project.workspace import Workspace
from drafter.tui.app import DrafterApp
from drafter.tui.screens.walk import WalkScreen
from drafter.tui.widgets.prose import MISSPELT
from tests.tui.conftest import SETTINGS, ready, reopen, run

WIDE = (160, 48)


def need_dictionary(language: str) -> None:
    """Like `require` for programs: skip on a bare machine, fail in CI (.ci/run installs them)."""
    if find_dictionary(language) is not None:
        return
    message = f"needs a Hunspell dictionary for {language!r} (Debian: hunspell-*)"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: it must be installed)")
    pytest.skip(message)


def speller_for(folder: Path, language: str, words: list[str] | None = None):  # type: ignore[no-untyped-def]
    with Workspace.open(folder, read_only=True) as ws:
        ws.project.metadata.language = language
        ws.project.metadata.known_words = words or []
        speller, note = load_speller(ws)
    assert speller is not None, note
    return speller


@pytest.mark.parametrize(
    ("language", "text", "wrong"),
    [
        ("en", "The programme's labour centre recieve the Quilombola", ["recieve", "Quilombola"]),
        (
            "fr",
            "Le Comité recommande que l'État partie adopte une loi informashion",
            ["informashion"],
        ),
        (
            "es",
            "El Comité recomienda que el Estado parte adopte una ley informasion",
            ["informasion"],
        ),
    ],
)
def test_each_language_has_its_dictionary(
    kz: Path, language: str, text: str, wrong: list[str]
) -> None:
    need_dictionary(language)
    speller = speller_for(kz, language)
    # Citations, acronyms and numbers are not prose.
    found = [m.word for m in speller.misspelt(text + " [@cerd-c-kaz-11-14:170] CERD 2,198")]
    assert found == wrong


def test_the_project_word_list_accepts_names(kz: Path) -> None:
    need_dictionary("en")
    speller = speller_for(kz, "en", ["Quilombola"])
    assert [m.word for m in speller.misspelt("a Quilombola community")] == []


def test_misspelt_words_are_marked_and_f9_adds_one_to_the_word_list(brazil: Path) -> None:
    need_dictionary("en")

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            await pilot.press("W", *"Quilombola communities recieve nothing.")
            await pilot.pause(0.2)
            marked = walk.editor.area._highlights[0]
            assert [h for h in marked if h[2] == MISSPELT] == [
                (0, 10, MISSPELT),
                (23, 30, MISSPELT),
            ]
            await pilot.press("ctrl+home", "f9")
            await pilot.pause()
            marked = walk.editor.area._highlights[0]
            assert [h for h in marked if h[2] == MISSPELT] == [(23, 30, MISSPELT)]
            # Items are checked too.
            await pilot.press("escape", "q", *"Why recieve?", "enter")
            await pilot.pause(0.2)
            shown = walk.questions._marked(walk.questions.items[0])
            assert [(s.start, s.end) for s in shown.spans] == [(4, 11)]
            await pilot.press("ctrl+q")

    run(scenario())
    assert reopen(brazil).project.metadata.known_words == ["Quilombola"]


def test_without_dictionaries_the_app_says_so_once_and_works(
    kz: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_HUNSPELL_PATH", "")
    notes: list[str] = []

    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            notes.extend(n.message for n in app._notifications)
            await pilot.press("e", *"Still writing.", "ctrl+q")

    run(scenario())
    assert [n for n in notes if "Spelling is not checked" in n] == [
        next(n for n in notes if "Spelling is not checked" in n)
    ]
    assert reopen(kz).project.entries["39"].commentary == "Still writing."


def test_drafter_check_lists_misspellings(kz: Path) -> None:
    need_dictionary("en")
    with Workspace.open(kz) as ws:
        ws.entry("39").commentary = "The State recieved no complaints."
        ws.touch("39")
        ws.save()
    result = CliRunner().invoke(cli, ["check", str(kz)])
    assert "paragraph 39: misspelt? recieved" in result.output


def test_drafter_words_keeps_the_word_list_from_the_command_line(kz: Path) -> None:
    need_dictionary("en")
    with Workspace.open(kz) as ws:
        ws.entry("39").commentary = "The Quilombolas of the Bolsa Família recieved nothing."
        ws.touch("39")
        ws.save()

    def drafter(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, [*args])
        assert "Traceback" not in result.output
        return result.exit_code, result.output

    code, out = drafter("words", "add", str(kz), "Quilombolas", "Bolsa Família", "quilombolas")
    assert code == 0 and out == "Added to the word list: Quilombolas, Bolsa, Família\n"
    assert drafter("words", "list", str(kz)) == (0, "Bolsa\nFamília\nQuilombolas\n")
    assert "misspelt? recieved (" in drafter("check", str(kz))[1]  # the names pass, the typo not
    # Nothing is removed when one word is not in the list: a typo shows.
    code, out = drafter("words", "remove", str(kz), "bolsa", "Quilombola")
    assert code == 2
    assert out.endswith("not in the project's word list (metadata.known_words): Quilombola\n")
    assert drafter("words", "remove", str(kz), "bolsa")[0] == 0
    assert reopen(kz).project.metadata.known_words == ["Família", "Quilombolas"]
    # Locked by an open drafter: refused like every command that writes.
    before = (kz / "drafter.toml").read_bytes()
    with Workspace.open(kz):
        code, out = drafter("words", "add", str(kz), "MIR")
    assert code == 2 and "another drafter has this project open" in out
    assert (kz / "drafter.toml").read_bytes() == before
