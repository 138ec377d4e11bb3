"""A TextArea for prose: misspelt words marked, ctrl+home / ctrl+end, and, in a read-only
session, every key that would change the text refused out loud instead of ignored."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import TextArea

from drafter.tui.messages import Refused

# Finds misspelt words in one line: (start, end) character offsets.
SpellCheck = Callable[[str], list[tuple[int, int]]]

MISSPELT = "drafter.misspelt"


class ProseArea(TextArea):
    HELP_PLACE = "Commentary and item editors"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"prose-area--misspelt"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "document_start", "Start of text", show=False),
        Binding("ctrl+end", "document_end", "End of text", show=False),
    ]

    # Class-level defaults: TextArea's __init__ builds the highlight map before ours runs.
    _spell: SpellCheck | None = None
    _spelt: dict[str, list[tuple[int, int]]] = {}  # noqa: RUF012 (replaced per instance)

    def __init__(self, *args: object, what: str = "text", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.what = what  # what a read-only session refuses, in words ("commentary")
        self._spelt = {}

    # --- spelling -------------------------------------------------------------------------------

    def set_spelling(self, check: SpellCheck | None) -> None:
        """Mark misspelt words with `check` (None: no marks); call again when words change."""
        self._spell = check
        self._spelt = {}
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        check = self._spell
        if check is None:
            return
        spelt = self._spelt
        if len(spelt) > 5000:
            spelt.clear()
        highlights = self._highlights
        for row, line in enumerate(self.document.lines):
            spans = spelt.get(line)
            if spans is None:
                # Only edited lines are checked again: the others come from `_spelt`.
                spans = spelt[line] = check(line)
            for start, end in spans:
                # Highlights are in UTF-8 bytes (tree-sitter's unit), spans in characters.
                b_start = len(line[:start].encode())
                b_end = b_start + len(line[start:end].encode())
                highlights[row].append((b_start, b_end, MISSPELT))
        self._style_misspelt()

    def _style_misspelt(self) -> None:
        """The mark's style comes from app.tcss (theme colours), once the styles are applied."""
        if not self.is_mounted or getattr(self, "_theme", None) is None:
            return
        try:
            style = self.get_component_rich_style("prose-area--misspelt", partial=True)
        except KeyError:
            return  # styles not applied yet: render_line asks again
        self._theme.syntax_styles[MISSPELT] = style

    def render_line(self, y: int) -> Strip:
        theme = getattr(self, "_theme", None)
        if self._spell is not None and theme is not None and MISSPELT not in theme.syntax_styles:
            self._style_misspelt()
        return super().render_line(y)

    def _app_theme_changed(self) -> None:
        super()._app_theme_changed()
        self._style_misspelt()

    # --- keys -----------------------------------------------------------------------------------

    def action_document_start(self) -> None:
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        self.move_cursor(self.document.end)

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only and (
            event.is_printable or event.key in ("enter", "backspace", "delete", "tab")
        ):
            # A read-only editor ignores keys; the author should know why nothing happens.
            event.stop()
            event.prevent_default()
            self.post_message(Refused(self.what))
            return
        await super()._on_key(event)

    def action_paste(self) -> None:
        if self.read_only:
            self.post_message(Refused(self.what))
            return
        super().action_paste()
