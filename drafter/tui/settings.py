"""The TUI's settings in one place, with their defaults.

Values come from the environment (`DRAFTER_THEME`, `DRAFTER_AUTOSAVE_SECONDS`,
`DRAFTER_WIDE_COLUMNS`, `DRAFTER_AUTHOR`) so a user can set them in a shell profile; nothing here
touches the project file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    autosave_seconds: float = 1.2
    """Quiet time after the last keystroke before the work is saved. The check runs every
    `autosave_tick` seconds, so a save lands within autosave_seconds + autosave_tick (< 2 s)."""

    autosave_tick: float = 0.25
    """How often the autosave check runs; a keystroke only records its time, so typing never
    waits for a timer to be re-armed."""

    wide_columns: int = 140
    """From this terminal width on, the walk screen shows its panes side by side; below it they
    collapse into tabs."""

    theme: str = "textual-dark"
    """The theme at start-up; ctrl+t switches between it and `alternate_theme`."""

    alternate_theme: str = "textual-light"
    """The second theme, light by default."""

    author: str = ""
    """Written into the `author` of every entry this user edits that has none yet, so a
    coalition's navigator can filter by organisation. Empty: entries stay unsigned."""

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        defaults = cls()
        try:
            seconds = float(env.get("DRAFTER_AUTOSAVE_SECONDS", defaults.autosave_seconds))
        except ValueError:
            seconds = defaults.autosave_seconds
        try:
            wide = int(env.get("DRAFTER_WIDE_COLUMNS", defaults.wide_columns))
        except ValueError:
            wide = defaults.wide_columns
        theme = env.get("DRAFTER_THEME", defaults.theme)
        alternate = (
            defaults.alternate_theme if theme != defaults.alternate_theme else defaults.theme
        )
        # Never more than 2 s of unsaved typing, whatever the environment says.
        seconds = min(max(seconds, 0.2), 2.0 - defaults.autosave_tick)
        return cls(
            autosave_seconds=seconds,
            wide_columns=wide,
            theme=theme,
            alternate_theme=alternate,
            author=env.get("DRAFTER_AUTHOR", "").strip(),
        )
