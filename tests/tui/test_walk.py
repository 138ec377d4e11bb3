"""The walk screen driven by keys, on real sample projects: walk, assess, write, cite, pin,
hide, filter, open in context, quit and reopen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, TabbedContent

from drafter.project.citations import find_citations, format_citation
from drafter.project.workspace import LinkGroup
from drafter.tui.app import DrafterApp
from drafter.tui.screens.source import SourceReaderScreen
from drafter.tui.screens.walk import WalkScreen
from tests.tui.conftest import SETTINGS, ready, reopen, run

WIDE = (160, 48)
NARROW = (80, 24)


def walk_of(app: DrafterApp) -> WalkScreen:
    screen = app.screen
    assert isinstance(screen, WalkScreen), type(screen).__name__
    return screen


def test_walk_every_paragraph_in_order(brazil: Path) -> None:
    expected = [p.id for p in reopen(brazil).co_paragraphs()]
    assert len(expected) == 70

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph=expected[0], settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            seen = [walk.pid]
            for _ in expected[1:]:
                await pilot.press("ctrl+down")
                seen.append(walk.pid)
            assert seen == expected
            # The last paragraph stays put; going back works too.
            await pilot.press("ctrl+down")
            assert walk.pid == expected[-1]
            await pilot.press("ctrl+up")
            assert walk.pid == expected[-2]

    run(scenario())


def test_committee_paragraph_shows_text_sub_items_sibling_and_badges(brazil: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="17", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            shown = str(walk_of(app).co_view.body.render())
            assert "Paragraph 17 · Recommendation" in shown
            assert "[FOLLOW-UP]" in shown and "[PARTICULAR IMPORTANCE]" in shown
            assert "(a) " in shown  # sub-items listed one a line
            assert "Concern, paragraph 16" in shown  # the sibling concern

    run(scenario())


def test_placeholder_paragraph_says_the_co_is_not_imported(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            assert walk.pid == "39"
            shown = str(walk.co_view.body.render())
            assert "concluding observations are not imported" in shown
            # The State's explicit answers come first, each with its UN-style citation.
            first = walk.claims.highlighted_link()
            assert first is not None and first.group is LinkGroup.CLAIMS
            assert "CERD/C/KAZ/11-14, para. " in walk.claims._citations[first.key]

    run(scenario())


def test_assess_write_and_cite_then_quit_and_reopen(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            link = walk.claims.highlighted_link()
            assert link is not None
            await pilot.press("2")  # the template's second grade
            await pilot.press("e")
            await pilot.press(*"The State cites ", "ctrl+r")
            await pilot.press(*" but no data.")
            await pilot.pause()
            assert walk.editor.text.startswith("The State cites [@cerd-c-kaz-11-14:")
            await pilot.press("ctrl+q")
        return link

    run(scenario())
    ws = reopen(kz)
    entry = ws.project.entries["39"]
    assert entry.assessment == ws.template.scale[1].id
    assert entry.commentary.endswith("but no data.")
    (cited,) = list(find_citations(entry.commentary))
    source = ws.project.source(cited.source_id)
    assert source is not None
    assert format_citation(source, cited.paragraph_id).startswith("CERD/C/KAZ/11-14, para. ")

    async def again() -> None:
        # No --paragraph: back where the author left off, cursor at the end of the text.
        app = DrafterApp(kz, settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            assert walk.pid == "39"
            assert walk.editor.text == entry.commentary
            assert walk.editor.area.cursor_location == (0, len(entry.commentary))
            await pilot.press("e", *"!")
            assert walk.editor.text == entry.commentary + "!"

    run(again())


def test_pin_and_hide_a_suggestion(kz: Path) -> None:
    async def scenario() -> tuple[str, str]:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            walk.prior.focus_list()
            await pilot.press("down")
            second = walk.prior.highlighted_link()
            assert second is not None and not second.pinned
            await pilot.press("p")
            # Pinned links come first and say so in words.
            top = walk.prior.highlighted_link()
            assert top is not None and top.key == second.key and top.pinned
            options = walk.prior.query_one(OptionList)
            assert "[PINNED" in str(options.get_option_at_index(options.highlighted or 0).prompt)
            await pilot.press("down")
            hidden = walk.prior.highlighted_link()
            assert hidden is not None
            await pilot.press("x")
            assert hidden.key not in {lk.key for lk in walk.prior.links.values()}
            await pilot.press("H")  # show hidden ones again, marked
            assert hidden.key in {lk.key for lk in walk.prior.links.values()}
            await pilot.press("ctrl+q")
            return second.key, hidden.key

    pinned: tuple[str, str] = ("", "")

    async def keep() -> None:
        nonlocal pinned
        pinned = await scenario()

    run(keep())
    entry = reopen(kz).project.entries["39"]
    assert entry.pinned == [pinned[0]]
    assert entry.hidden == [pinned[1]]


def test_navigator_filters_and_search(brazil: Path) -> None:
    follow_up = {p.id for p in reopen(brazil).co_paragraphs() if p.follow_up}
    assert follow_up

    async def scenario() -> None:
        app = DrafterApp(brazil, paragraph="5", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            nav = walk.navigator
            await pilot.press("1")  # assess 5 so "unassessed" drops it
            nav.set_filter("unassessed")
            assert "5" not in {p.id for p in nav.visible_paragraphs()}
            nav.set_filter("follow-up")
            assert {p.id for p in nav.visible_paragraphs()} == follow_up
            nav.set_filter(f"assessment:{app.ws.template.scale[0].id}")
            assert [p.id for p in nav.visible_paragraphs()] == ["5"]
            nav.set_filter("all")
            await pilot.press("f3", *"profiling")
            found = {p.id for p in nav.visible_paragraphs()}
            assert {"39", "40"} <= found and len(found) < 10
            # Picking a paragraph in the navigator goes there.
            await pilot.press("enter")  # leave the search box for the list
            await pilot.press("down", "enter")
            assert walk.pid in found

    run(scenario())


def test_open_a_claim_in_context_and_cite_from_the_reader(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=WIDE) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            walk.claims.focus_list()
            link = walk.claims.highlighted_link()
            assert link is not None
            await pilot.press("o")
            reader = app.screen
            assert isinstance(reader, SourceReaderScreen)
            body = reader.query_one("#source-body", OptionList)
            assert body.highlighted_option is not None
            assert body.highlighted_option.id == link.paragraph_id
            await pilot.press("down", "c")  # cite the next paragraph, back in the walk
            assert app.screen is walk
            assert walk.editor.text.startswith(f"[@{link.source_id}:")
            assert walk.editor.text != f"[@{link.source_id}:{link.paragraph_id}]"

    run(scenario())


def test_questions_and_recommendations_lists(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            await pilot.press("q", *"How many refugees were returned?", "enter")
            await pilot.press(*"And why?", "enter")
            await pilot.press("escape", "r", *"Adopt a law on asylum", "enter")
            walk = walk_of(app)
            assert walk.questions.items == ["How many refugees were returned?", "And why?"]
            # Remove the second question from the list.
            walk.questions.focus()
            await pilot.press("down", "delete")
            await pilot.press("ctrl+q")

    run(scenario())
    entry = reopen(kz).project.entries["39"]
    assert entry.questions == ["How many refugees were returned?"]
    assert entry.recommendations == ["Adopt a law on asylum"]


def test_narrow_terminal_uses_tabs_and_a_resize_keeps_the_text(kz: Path) -> None:
    async def scenario() -> None:
        app = DrafterApp(kz, paragraph="39", settings=SETTINGS)
        async with app.run_test(size=NARROW) as pilot:
            await ready(pilot)
            walk = walk_of(app)
            assert walk.query(TabbedContent)
            await pilot.press("e", *"draft text")
            await pilot.resize_terminal(*WIDE)
            await pilot.pause()
            walk = walk_of(app)
            assert not walk.query(TabbedContent)
            assert walk.wide and walk.editor.text == "draft text"
            assert walk.pid == "39"

    run(scenario())
