"""What the report builder knows about a language: read from `templates/languages/<code>.toml`
(abbreviations, quotation marks, spacing, where a note mark goes) and from Babel's CLDR data
(month names, dates, lists, State names). No language fact is written in Python.

The files are read by the one loader of language data, `drafter.documents.language` (which also
reads the reader's tables of the same files); this module turns its tables ([abbreviations],
[typography], `locale`) into the builder's facts and validates them (`check_tables`, run by
`drafter languages check`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from drafter.errors import TemplateError

LANGUAGES_DIR = "languages"
NOTE_MARK_RULES = ("after-punctuation", "before-punctuation")


class Language(msgspec.Struct, frozen=True):
    code: str
    locale: str  # Babel locale: "en_GB", "fr_FR", "es_ES"
    abbreviations: frozenset[str]  # lower case, with their full stop: "no.", "párr."
    quotes: tuple[str, str, str, str]  # outer open, outer close, inner open, inner close
    space_before: dict[str, str]  # punctuation -> the no-break space that goes before it
    note_mark: str  # "after-punctuation" (English) or "before-punctuation" (French, Spanish)
    right_to_left: bool = False


def _data(code: str) -> tuple[Path, dict[str, Any]] | None:
    """The language file of `code`, as the one loader read it: its path and its tables."""
    from drafter.documents.language import LanguageDataError, registry

    try:
        found = registry().languages.get(code)
    except LanguageDataError as exc:
        raise TemplateError(exc.message, path=exc.path, where=exc.where) from exc
    return (found.path, found.raw) if found is not None else None


def _strings(raw: Any, where: str, path: Path) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise TemplateError(f"{where}: expected a list of strings", path=path)
    return raw


# Babel's locale for a code with no file of its own; its typography falls back to English.
_RTL = frozenset({"ar", "he", "fa", "ur"})


@cache
def language(code: str) -> Language:
    """The facts of `code` ("en", "fr", "es"); English typography for a language without a
    file (its dates and names still come from CLDR)."""
    code = (code or "en").split("-", 1)[0].split("_", 1)[0].lower()
    data = _data(code)
    if data is None:
        base = language("en") if code != "en" else None
        if base is None:
            raise TemplateError(f"no {LANGUAGES_DIR}/en.toml beside the templates")
        return Language(
            code=code,
            locale=code,
            abbreviations=base.abbreviations,
            quotes=base.quotes,
            space_before={},
            note_mark=base.note_mark,
            right_to_left=code in _RTL,
        )
    path, raw = data
    return _facts(code, raw, path)


def check_tables(raw: dict[str, Any], path: Path) -> list[str]:
    """The problems of the builder's tables of a language file, as "field: message"."""
    try:
        _facts(path.stem, raw, path)
    except TemplateError as exc:
        return [exc.message]
    return []


def _facts(code: str, raw: dict[str, Any], path: Path) -> Language:
    abbreviations: set[str] = set()
    table = raw.get("abbreviations", {})
    if not isinstance(table, dict):
        raise TemplateError("abbreviations: expected a table of lists", path=path)
    for key, words in table.items():
        abbreviations.update(w.lower() for w in _strings(words, f"abbreviations.{key}", path))
    typo = raw.get("typography", {})
    quotes = _strings(typo.get("quotes", ["“", "”", "‘", "’"]), "typography.quotes", path)
    if len(quotes) != 4:
        raise TemplateError("typography.quotes: give four marks (open, close, inner)", path=path)
    space = typo.get("space_before", {})
    if not isinstance(space, dict) or not all(isinstance(v, str) for v in space.values()):
        raise TemplateError("typography.space_before: expected a table of strings", path=path)
    rule = typo.get("note_mark", "after-punctuation")
    if rule not in NOTE_MARK_RULES:
        raise TemplateError(
            f"typography.note_mark: {rule!r} is not one of {', '.join(NOTE_MARK_RULES)}", path=path
        )
    return Language(
        code=code,
        locale=str(raw.get("locale") or code),
        abbreviations=frozenset(abbreviations),
        quotes=(quotes[0], quotes[1], quotes[2], quotes[3]),
        space_before=dict(space),
        note_mark=rule,
        right_to_left=bool(raw.get("right_to_left", code in _RTL)),
    )


@cache
def all_abbreviations() -> frozenset[str]:
    """Every language's abbreviations: a source may be in any language, and treating a word as
    an abbreviation only ever makes a quotation longer, never wrong."""
    from drafter.documents.language import registry

    out: set[str] = set()
    for code in sorted(registry().languages):
        out |= language(code).abbreviations
    return frozenset(out)


# ---------------------------------------------------------------------------------- CLDR


_PRINTED_DATE = re.compile(r"(\d{1,2})(?:er|º)?\s+(?:de\s+)?(\w+)\s+(?:de\s+)?(\d{4})")


@cache
def _month_numbers() -> dict[str, int]:
    """Month name (any language with a file here) -> month number, from CLDR."""
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for locale in ("en", "fr", "es"):
        for ctx in ("format", "stand-alone"):
            for n, name in get_month_names("wide", ctx, locale=locale).items():
                out[name.casefold()] = n
    return out


def _date(value: str | dt.date) -> dt.date | None:
    """An ISO date, or a date as UN documents print it ("27 October 2025", "3 août 2026")."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = _PRINTED_DATE.fullmatch(value.strip())
    month = _month_numbers().get(m[2].casefold()) if m else None
    if m is None or month is None:
        return None
    try:
        return dt.date(int(m[3]), month, int(m[1]))
    except ValueError:
        return None


def long_date(value: str | dt.date, code: str) -> str:
    """ "2026-08-03" or "3 August 2026" -> "3 August 2026", "3 août 2026", "3 de agosto de
    2026" (CLDR); a value that is not a date is returned as written."""
    day = _date(value)
    if day is None:
        return str(value)
    from babel.dates import format_date

    return format_date(day, "long", locale=language(code).locale)


def date_range(start: str, end: str, code: str) -> str:
    """ "3–28 August 2026" (CLDR's interval format), or one date when only one is known."""
    a, b = _date(start), _date(end)
    if a and b and a <= b:
        from babel.dates import format_skeleton

        locale = language(code).locale
        # CLDR's interval formats abbreviate the months in British English ("3 – 21 Aug
        # 2026"); UN documents write them out: "3–21 August 2026", "13 April – 1 May 2026".
        # The languages with a file here put the day first.
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{long_date(b, code)}"
        first = format_skeleton("MMMMd" if a.year == b.year else "yMMMMd", a, locale=locale)
        return f"{first} – {long_date(b, code)}"
    if a or b:
        return long_date(a or b or "", code)
    return ""


def join_list(items: list[str], code: str) -> str:
    """ "10, 12 and 14", "10, 12 et 14", "10, 12 y 14" (CLDR list patterns)."""
    if len(items) < 2:
        return "".join(items)
    from babel.lists import format_list

    return format_list(items, locale=language(code).locale)


@cache
def month_names(code: str) -> tuple[str, ...]:
    """The month names of `code` and of English (dates in quoted English sources)."""
    from babel.dates import get_month_names

    names: list[str] = []
    for locale in dict.fromkeys((language(code).locale, "en_GB")):
        for ctx in ("format", "stand-alone"):
            names.extend(get_month_names("wide", ctx, locale=locale).values())
    return tuple(dict.fromkeys(names))


@cache
def _territories_by_english_name() -> dict[str, str]:
    from babel import Locale

    names = Locale.parse("en").territories
    return {name.casefold(): code for code, name in names.items() if code.isalpha()}


def state_name(name: str, code: str) -> str:
    """The State's name in the report's language: "Brazil" -> "Brésil", "Brasil" (CLDR
    territory names). A name CLDR does not know is kept as the author wrote it."""
    if not name or language(code).code == "en":
        return name
    territory = _territories_by_english_name().get(name.strip().casefold())
    if territory is None:
        return name
    from babel import Locale

    return str(Locale.parse(language(code).locale).territories.get(territory, name))
