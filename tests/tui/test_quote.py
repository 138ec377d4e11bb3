"""Choosing the State's words the report quotes (issue 11: "the span the author chose in the
TUI"): selected in the paragraph with keys, kept through the app, shown on the link, refused when
the paragraph does not say them, cleared, chosen again from the source reader; then read back from
drafter.toml and found, exactly, inside the DOCX's quotation marks."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from drafter.project.linking import LinkGroup
from drafter.render import render_docx
from drafter.tui.app import DrafterApp
from drafter.tui.screens.quote import QuoteScreen
from drafter.tui.screens.source import SourceReaderScreen
from drafter.tui.screens.walk import WalkScreen
from tests.render.docx_reading import body
from tests.tui.conftest import SETTINGS, ready, reopen, run

SIZE = (160, 48)


async def select_words(pilot, skip: int, take: int) -> str:  # type: ignore[no-untyped-def]
    """In the open quote dialog: from the paragraph's start, skip `skip` words and select the
    next `take` with ctrl+shift+right, as an author does; the words the box now holds."""
    screen = pilot.app.screen
    assert isinstance(screen, QuoteScreen)
    area = screen.query_one("#quote-text", TextArea)
    area.move_cursor((0, 0))  # the start of the paragraph (the default quote is selected)
    await pilot.press(*["ctrl+right"] * skip, *["ctrl+shift+right"] * take)
    await pilot.pause()
    words = screen.query_one("#quote-words", Input).value
    assert words and words == " ".join(area.selected_text.split())
    return words


def test_the_author_chooses_the_words_to_quote_in_the_tui(brazil: Path, tmp_path: Path) -> None:
    chosen: dict[str, str] = {}

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            await pilot.press("2", "S")  # assessed: the report prints the paragraph
            link = walk.claims.highlighted_link()
            assert link is not None and link.group is LinkGroup.CLAIMS
            text = app.ws.documents[link.source_id].paragraph(link.paragraph_id).text  # type: ignore[union-attr]

            # Words the paragraph does not say are refused, in words; the dialog stays.
            await pilot.press("w")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, QuoteScreen)
            dialog.query_one("#quote-words", Input).value = "words the State never wrote"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is dialog
            said = [n.message for n in app._notifications][-1]
            assert "does not say “words the State never wrote”" in said, said

            # Words selected with the keyboard are kept, and the link says it is quoted.
            first = await select_words(pilot, skip=2, take=4)
            assert first in text and not text.startswith(first)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, WalkScreen)
            assert app.ws.project.entries["17"].quotes == {link.key: first}
            shown = str(walk.claims._prompt(walk.claims.highlighted_link()))  # type: ignore[arg-type]
            assert "QUOTED" in shown and f"quoting “{first}”" in shown

            # Cleared: back to the first sentences.
            await pilot.press("w")
            await pilot.pause()
            assert app.screen.query_one("#quote-words", Input).value == first
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert app.ws.project.entries["17"].quotes == {}
            assert "QUOTED" not in str(walk.claims._prompt(walk.claims.highlighted_link()))  # type: ignore[arg-type]

            # Chosen again in the source reader, on the paragraph the link opens.
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, SourceReaderScreen)
            await pilot.press("w")
            await pilot.pause()
            chosen[link.key] = await select_words(pilot, skip=3, take=6)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SourceReaderScreen)
            await pilot.press("escape", "ctrl+q")

    run(scenario())
    ((key, words),) = chosen.items()
    with reopen(brazil) as ws:
        assert ws.project.entries["17"].quotes == {key: words}  # read back from drafter.toml
        render_docx(ws, tmp_path / "report.docx")
    quoted = [p.text for p in body(tmp_path / "report.docx")]
    assert any(f"“{words}”" in text for text in quoted), words


def test_the_quote_dialog_shows_the_paragraph_on_a_24_line_terminal(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            link = walk.claims.highlighted_link()
            assert link is not None
            walk.quote(link.source_id, link.paragraph_id)
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, QuoteScreen)
            await pilot.pause()
            # The fields and buttons lose their boxes (a compact form): the paragraph the words
            # are chosen from gets the lines, and the box and buttons are still there.
            assert dialog.has_class("-short")
            area = dialog.query_one("#quote-text", TextArea)
            assert area.size.height >= 10
            shown = "\n".join(s.text for s in dialog._compositor.render_strips())
            assert "Words" in shown and "Quote (ctrl+s)" in shown and "Cancel (esc)" in shown

    run(scenario())
