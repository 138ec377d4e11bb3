"""The command palette: every binding of the current screen and of the app, plus commands that
need an argument (go to a paragraph, read a source, pick a theme).

Commands come from the bindings themselves, so a new binding is in the palette with no extra
code; the palette shows only what makes sense on the screen it was opened from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from drafter.tui.app import DrafterApp

Command = tuple[str, Callable[[], object], str]


def binding_commands(
    node: App[object] | Screen[object], bindings: list[Binding], prefix: str
) -> Iterator[Command]:
    seen: set[str] = set()
    for b in bindings:
        # Number keys share one description; the palette lists the grades by name instead.
        if not b.description or b.action in seen or b.system or b.action.startswith("assess("):
            continue
        seen.add(b.action)
        key = b.key_display or b.key.split(",")[0]
        yield (
            f"{prefix}: {b.description}",
            partial(node.run_action, b.action),
            f"key {key}",
        )


def bindings_of(node: DOMNode) -> list[Binding]:
    out: list[Binding] = []
    for item in node.BINDINGS:
        if isinstance(item, Binding):
            out.append(item)
    return out


class DrafterCommands(Provider):
    @property
    def drafter(self) -> DrafterApp:
        from drafter.tui.app import DrafterApp

        assert isinstance(self.app, DrafterApp)
        return self.app

    def commands(self) -> list[Command]:
        app = self.drafter
        screen = self.screen
        name = getattr(screen, "PALETTE_NAME", "screen")
        out: list[Command] = list(binding_commands(screen, bindings_of(screen), name))
        out.extend(binding_commands(cast("App[Any]", app), bindings_of(app), "app"))
        if app._ws is None:
            return out
        out.extend(
            [
                ("app: Walk the paragraphs", partial(app.run_action, "walk"), ""),
                ("app: Import a document", app.action_import, "file and kind"),
                ("app: Edit metadata", app.action_metadata, "title, committee, State …"),
                ("app: Edit front matter", app.action_front_matter, "summary, methodology …"),
                ("app: Render the report", app.action_render, "DOCX, then the check"),
                ("app: Read a source", app.action_sources, ""),
                ("app: Review notes", app.action_review_notes, "every paragraph's; f2, n"),
                ("app: Save now", app.action_save, "ctrl+s"),
            ]
        )
        from drafter.tui.screens.walk import WalkScreen

        if isinstance(screen, WalkScreen):
            for n, level in enumerate(app.ws.template.scale[:9], 1):
                out.append(
                    (
                        f"walk: Assess: {level.label}",
                        partial(screen.run_action, f"assess({n})"),
                        f"key {n}",
                    )
                )
            out.append(("walk: Assess: clear", partial(screen.run_action, "assess(0)"), "key 0"))
        for theme in ("textual-dark", "textual-light"):
            out.append((f"theme: {theme}", partial(setattr, app, "theme", theme), ""))
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
        # "16" or "go 16": jump to that paragraph.
        words = query.replace("go", " ").replace("¶", " ").split()
        app = self.drafter
        if len(words) == 1 and app._ws is not None:
            pid = words[0]
            if app.ws.co_paragraph(pid) is not None:
                yield Hit(1.0, f"Go to paragraph {pid}", partial(app.action_walk, pid))
