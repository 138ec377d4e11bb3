"""Spelling in the report's language, with real Hunspell dictionaries.

The dictionaries are the system's (Debian's hunspell-en-gb, hunspell-en-us, hunspell-fr,
hunspell-es put them in /usr/share/hunspell); which one serves a language is data, the
`[spelling]` table of `templates/languages/<code>.toml`. The binding is chunspell (see
pyproject.toml); finding and loading a dictionary is `documents/dictionaries.py`, shared with
the readers. A project's own words (names, acronyms) are kept in the project file,
`metadata.known_words`.

What is checked is prose: citation tokens, links, code and Markdown syntax are left out, and so
are words with digits and words in capitals (acronyms), as word processors do by default.
Without the binding or a dictionary the check is simply off, and says so once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.documents.dictionaries import SYSTEM_DIRS as SYSTEM_DIRS
from drafter.documents.dictionaries import dictionary_dirs as dictionary_dirs
from drafter.documents.dictionaries import dictionary_names as dictionary_names
from drafter.documents.dictionaries import find_dictionary as find_dictionary
from drafter.documents.dictionaries import load_dictionary as _dictionary
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.project.check import Problem
    from drafter.project.model import Metadata
    from drafter.project.workspace import Workspace

# Prose only: what is not words is blanked out (offsets kept) before the words are found.
_NOT_PROSE = re.compile(
    r"\[@[^\]\s]*\]"  # citations [@source:para]
    r"|\]\([^)]*\)"  # link targets ](…)
    r"|`[^`]*`"  # inline code
    r"|https?://\S+|www\.\S+"  # bare addresses
    r"|\S+@\S+\.\w+"  # e-mail addresses
)
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int  # character offsets in the text checked
    end: int
    word: str


class Speller:
    """One language's dictionary plus the project's own words."""

    def __init__(self, hunspell: Any, name: str, known_words: Iterable[str] = ()) -> None:
        # The Hunspell object is shared (one per language and process): the project's words
        # are kept here, never added to it.
        self._hunspell = hunspell
        self.name = name  # "en_GB"
        self._known: set[str] = set()
        self._verdicts: dict[str, bool] = {}
        for word in known_words:
            self.accept(word)

    def accept(self, word: str) -> None:
        """Take `word` as correctly spelt from now on (the project's word list)."""
        self._known.add(word.casefold())
        self._verdicts.clear()

    def correct(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            verdict = self._judge(word)
            if len(self._verdicts) > 50_000:  # a bound on memory for long sessions
                self._verdicts.clear()
            self._verdicts[word] = verdict
        return verdict

    def _judge(self, word: str) -> bool:
        plain = word.replace("’", "'").strip(".'")
        if not plain or plain.casefold() in self._known:
            return True
        if plain.isupper() or len(plain) < 2:
            return True  # acronyms and single letters
        if self._hunspell.spell(plain):
            return True
        if plain.endswith(("'s", "s'")) and self._hunspell.spell(plain.rstrip("'s")):
            return True
        # "follow-up", "non-citizens", "U.N.": each part a word is enough.
        parts = [p for p in re.split(r"[-.]", plain) if p]
        if len(parts) > 1:
            return all(p.casefold() in self._known or self._hunspell.spell(p) for p in parts)
        return False

    def suggest(self, word: str) -> list[str]:
        return list(self._hunspell.suggest(word.replace("’", "'")))[:8]

    def misspelt(self, text: str) -> list[Misspelling]:
        return list(self.iter_misspelt(text))

    def iter_misspelt(self, text: str) -> Iterator[Misspelling]:
        prose = _NOT_PROSE.sub(lambda m: " " * len(m[0]), text)
        for m in _WORD.finditer(prose):
            if not self.correct(m[0]):
                yield Misspelling(m.start(), m.end(), m[0])


def report_language(ws: Workspace) -> str:
    return ws.project.metadata.language or ws.template.language or "en"


def load_speller(ws: Workspace) -> tuple[Speller | None, str]:
    """The project's speller, or None and one sentence saying why spelling is not checked.
    The dictionary is loaded once per process (it takes a tenth of a second or more)."""
    where = tuple(str(d) for d in dictionary_dirs())
    hunspell, name, note = _dictionary(report_language(ws), where)
    if hunspell is None:
        return None, note
    return Speller(hunspell, name, ws.project.metadata.known_words), ""


def spelling_problems(ws: Workspace, speller: Speller | None = None) -> list[Problem]:
    """Warnings for `drafter check`: each paragraph's misspelt words, once each."""
    from drafter.project.check import Problem
    from drafter.project.schema import sorted_entry_ids

    if speller is None:
        speller, note = load_speller(ws)
        if speller is None:
            return [Problem("warning", "spelling-off", note)]
    out: list[Problem] = []
    for pid in sorted_entry_ids(ws.project):
        e = ws.project.entries[pid]
        words: dict[str, None] = {}
        for text in (e.commentary, *e.questions, *e.recommendations):
            for miss in speller.iter_misspelt(text):
                words.setdefault(miss.word, None)
        if words:
            listed = ", ".join(words)
            out.append(
                Problem(
                    "warning",
                    "spelling",
                    f"paragraph {pid}: misspelt? {listed} (add names and acronyms to "
                    "metadata.known_words)",
                    pid,
                )
            )
    return out


# --- the project's word list (`drafter words`, f9 in the TUI): one rule for both ---------------


def add_known_words(metadata: Metadata, words: Iterable[str]) -> list[str]:
    """Add `words` to `metadata.known_words` and return those that were not there. A name of
    several words ("Bolsa Família") is kept word by word, as the check reads text; the list
    stays sorted, one entry per word whatever its case (the check ignores case)."""
    known = {w.casefold() for w in metadata.known_words}
    added: list[str] = []
    for word in (w for text in words for w in text.split()):
        if word.casefold() not in known:
            known.add(word.casefold())
            added.append(word)
    if added:
        metadata.known_words = sorted([*metadata.known_words, *added], key=_word_order)
    return added


def remove_known_words(
    metadata: Metadata, words: Iterable[str], file: Path | None = None
) -> list[str]:
    """Take `words` (any case) out of `metadata.known_words` and return the entries removed;
    DrafterError, with nothing removed, when one of them is not in the list (a typo would
    otherwise pass unnoticed)."""
    wanted = {w.casefold(): w for text in words for w in text.split()}
    present = {w.casefold() for w in metadata.known_words}
    missing = [w for key, w in wanted.items() if key not in present]
    if missing:
        raise DrafterError(
            f"not in the project's word list (metadata.known_words): {', '.join(missing)}",
            path=file,
        )
    removed = [w for w in metadata.known_words if w.casefold() in wanted]
    metadata.known_words = [w for w in metadata.known_words if w.casefold() not in wanted]
    return removed


def _word_order(word: str) -> tuple[str, str]:
    return word.casefold(), word
