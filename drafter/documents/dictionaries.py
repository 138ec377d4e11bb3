"""Hunspell dictionaries: where they are and which serves a language.

The dictionaries are the system's (Debian's hunspell-en-gb, hunspell-en-us, hunspell-fr,
hunspell-es put them in /usr/share/hunspell); which one serves a language is data, the
`[spelling] dictionaries` of `templates/languages/<code>.toml`. The binding is chunspell (see
pyproject.toml), imported only when a dictionary is loaded. The report's spelling check
(`project/spelling.py`) and the readers' decisions on words broken at a hyphen (`hyphens.py`)
both look here, so they agree on which dictionary a language has.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError

SYSTEM_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
)


def dictionary_dirs() -> list[Path]:
    """Where dictionaries are looked for, first wins: $DRAFTER_HUNSPELL_PATH
    (os.pathsep-separated), ~/.local/share/hunspell, then the system's folders."""
    dirs: list[Path] = []
    env = os.environ.get("DRAFTER_HUNSPELL_PATH")
    if env is not None:
        # Set (even empty): only these folders, so a test can take the dictionaries away.
        return [Path(p) for p in env.split(os.pathsep) if p]
    dirs.append(Path.home() / ".local" / "share" / "hunspell")
    dirs.extend(Path(d) for d in SYSTEM_DIRS)
    return dirs


def dictionary_names(language: str) -> list[str]:
    """The Hunspell dictionary names for a language code, in order of preference: the
    `[spelling] dictionaries` of `templates/languages/<code>.toml`, else the code itself."""
    try:
        from drafter.documents.language import language as language_data

        data = language_data(language)
    except DrafterError:
        return [language]
    if data.code != language:
        return [language]  # no file for this language: never another language's dictionary
    names = data.raw.get("spelling", {}).get("dictionaries", [])
    return [str(n) for n in names] if isinstance(names, list) and names else [language]


def find_dictionary(language: str) -> tuple[Path, str] | None:
    """(folder, name) of the first dictionary installed for `language`, or None."""
    for name in dictionary_names(language):
        for folder in dictionary_dirs():
            if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
                return folder, name
    return None


@cache
def load_dictionary(language: str, where: tuple[str, ...]) -> tuple[Any, str, str]:
    """(Hunspell object, dictionary name, "") or (None, "", why not); `where` (the folders
    looked in) is part of the key so a changed $DRAFTER_HUNSPELL_PATH is honoured."""
    try:
        from hunspell import Hunspell
    except ImportError:
        return None, "", "Spelling is not checked: the Hunspell binding is not installed"
    found = find_dictionary(language)
    if found is None:
        wanted = ", ".join(dictionary_names(language))
        return (
            None,
            "",
            (
                f"Spelling is not checked: no Hunspell dictionary for '{language}' ({wanted}) is "
                "installed (Debian: apt install hunspell-en-gb hunspell-fr hunspell-es)"
            ),
        )
    folder, name = found
    try:
        hunspell = Hunspell(name, hunspell_data_dir=str(folder))
    except Exception as exc:  # the binding raises its own errors for a damaged dictionary
        return None, "", f"Spelling is not checked: the dictionary {folder / name} failed ({exc})"
    return hunspell, name, ""


def dictionary(language: str) -> Any:
    """The Hunspell object for `language`, or None when no dictionary (or no binding) is
    installed; loaded once per process (a tenth of a second or more)."""
    return load_dictionary(language, tuple(str(d) for d in dictionary_dirs()))[0]
