"""The UN masthead: document symbol, date, title, and what kind of document it is.

A masthead is the block above the first heading: "United Nations", the treaty, the symbol
("CERD/C/KAZ/11-14", "CERD/C/BRA/CO/18-20*" with a reissue asterisk), "Distr.: General", the
date, the languages, the committee and the title. Letters, statements and extracts have none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.documents.model import DocumentKind
from drafter.documents.references import SYMBOL_PATTERN, SYMBOL_RE, clean_symbol

MASTHEAD_SCAN_LINES = 40  # a masthead symbol sits within the first lines of the first page

_SYMBOL_LINE_RE = re.compile(r"^\s*(" + SYMBOL_PATTERN + r")\s*$")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_RE = re.compile(r"^\s*(\d{1,2} (?:" + _MONTHS + r") \d{4})\s*$")
# Lines a masthead prints around the title; the title is what is left.
_MASTHEAD_FURNITURE_RE = re.compile(
    r"^(?:United Nations|General Assembly|Economic and Social Council|Security Council|"
    r"International Convention on.*|the Elimination of All Forms|of Racial Discrimination|"
    r"Distr\.:.*|Original:.*|English|French|Spanish|Russian|Arabic|Chinese|"
    r"[A-Z][a-z]+(?:, [A-Z][a-z]+)* and [A-Z][a-z]+ only|"
    r"Committee on .*|Committee against .*|Human Rights (?:Committee|Council)|"
    r"Working Group on .*|[A-Z][a-z]+(?:-[a-z]+)? session|\d{1,2}[–-]\d{1,2} \w+ \d{4}|"
    r"\[Date received:.*\]|\*+.*)$"
)
_TITLE_START_RE = re.compile(
    r"^(?:Combined|Concluding observations|Information received|Compilation|Summary|"
    r"Replies|List of issues|Report|Initial|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|"
    r"Ninth|Tenth|Eleventh|Twelfth|[A-Z][a-z]+ (?:and|to) [a-z]+ periodic)",
)
_TRAILING_MARKS_RE = re.compile(r"[\s*,]*\*[\s*,]*$")


@dataclass(slots=True)
class Masthead:
    symbol: str | None
    title: str | None
    date: str | None
    lines: list[str]  # the masthead's own lines, verbatim, so none of its words is lost


def find_symbol(lines: list[str]) -> str | None:
    """The symbol printed alone on a line near the top (the masthead), without its asterisk."""
    for line in lines[:MASTHEAD_SCAN_LINES]:
        # A DOCX masthead is a table: its row arrives as "United Nations | CERD/C/…".
        for cell in line.split(" | "):
            m = _SYMBOL_LINE_RE.match(cell)
            if m is not None:
                return clean_symbol(m.group(1))
    return None


def has_masthead(lines: list[str]) -> bool:
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    return first.startswith("United Nations") or find_symbol(lines) is not None


def read_masthead(lines: list[str]) -> Masthead:
    """Symbol, title and date from the lines above the first heading or paragraph."""
    symbol = find_symbol(lines)
    date = None
    cells = (cell for line in lines for cell in line.split(" | "))
    for cell in cells:
        m = DATE_RE.match(cell)
        if m is not None:
            date = m.group(1)
            break
    title = _find_title(lines)
    return Masthead(symbol=symbol, title=title, date=date, lines=[ln for ln in lines if ln])


def _find_title(lines: list[str]) -> str | None:
    """The title: the run of lines that starts like a UN title, else the last unexplained run."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or _MASTHEAD_FURNITURE_RE.match(line) or _SYMBOL_LINE_RE.match(line):
            if current:
                runs.append(current)
                current = []
            continue
        if DATE_RE.match(line):
            if current:
                runs.append(current)
                current = []
            continue
        current.append(line)
    if current:
        runs.append(current)
    if not runs:
        return None
    # The title starts with a title's words, even when the country name sits just above it.
    chosen = runs[-1]
    for run in runs:
        start = next((k for k, line in enumerate(run) if _TITLE_START_RE.match(line)), None)
        if start is not None:
            chosen = run[start:]
            break
    title = " ".join(chosen)
    return _TRAILING_MARKS_RE.sub("", title).strip() or None


def kind_from_symbol(symbol: str | None) -> DocumentKind | None:
    if symbol is None:
        return None
    parts = symbol.split("/")
    if "CO" in parts:
        return DocumentKind.CONCLUDING_OBSERVATIONS
    if "FCO" in parts:
        return DocumentKind.STATE_REPORT
    if parts[0] == "A" and "WG.6" in parts:
        # UPR documents: /1 the national report, /2 the UN compilation, /3 the stakeholders'.
        return DocumentKind.STATE_REPORT if parts[-1] == "1" else DocumentKind.COMPILATION
    if len(parts) >= 4 and parts[1] == "C" and re.fullmatch(r"[A-Z]{3}", parts[2]):
        return DocumentKind.STATE_REPORT  # "CERD/C/KAZ/11-14": a periodic report
    return None


_LETTER_RE = re.compile(r"^(?:Excellency|Dear |Yours (?:sincerely|faithfully)|REFERENCE:)", re.M)
_COMPILATION_RE = re.compile(r"\b(?:is a compilation|Compilation of information)\b")
_CO_TITLE_RE = re.compile(r"^Concluding observations\b", re.IGNORECASE)
# "Combined eleventh to fourteenth periodic reports submitted by Kazakhstan …",
# "Information received from Brazil on follow-up to the concluding observations …".
_REPORT_TITLE_RE = re.compile(
    r"\bperiodic reports?\s+submitted\b|^Information received from\b|^Initial report\b",
    re.IGNORECASE,
)


def detect_kind(symbol: str | None, title: str | None, text_head: str) -> DocumentKind:
    """What the document is, from its symbol, its title, and the opening of its text."""
    by_symbol = kind_from_symbol(symbol)
    if by_symbol is not None:
        return by_symbol
    if title and _CO_TITLE_RE.match(title):
        return DocumentKind.CONCLUDING_OBSERVATIONS
    if title and _REPORT_TITLE_RE.search(title):
        return DocumentKind.STATE_REPORT
    if _LETTER_RE.search(text_head):
        return DocumentKind.COMMITTEE_LETTER
    if _COMPILATION_RE.search(text_head):
        return DocumentKind.COMPILATION
    return DocumentKind.EVIDENCE


def answered_symbol(text: str, own_symbol: str | None) -> str | None:
    """The concluding observations a report or letter answers: the first CO symbol it cites."""
    own_country = _country(own_symbol)
    first: str | None = None
    for m in SYMBOL_RE.finditer(text):
        sym = clean_symbol(m.group())
        if sym == own_symbol or "CO" not in sym.split("/"):
            continue
        if own_country is None or _country(sym) == own_country:
            return sym
        if first is None:
            first = sym
    return first


def _country(symbol: str | None) -> str | None:
    if symbol is None:
        return None
    parts = symbol.split("/")
    return parts[2] if len(parts) > 2 and re.fullmatch(r"[A-Z]{3}", parts[2]) else None
