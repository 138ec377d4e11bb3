"""The UN masthead: document symbol, date, title, and what kind of document it is.

A masthead is the block above the first heading: "United Nations", the treaty, the symbol
("CERD/C/KAZ/11-14", "CERD/C/BRA/CO/18-20*" with a reissue asterisk), "Distr.: General", the
date, the languages, the committee and the title, and for a State's document "[Date received:
…]". Letters, statements and extracts have none. The words of a masthead (in English, French,
Spanish …) come from the language's data ([masthead], [titles], [openings]); what a symbol
says (a CO, a list of issues, a reply and what it answers) from the committees' data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.documents.language import Language, SymbolKind, registry
from drafter.documents.model import DocumentKind
from drafter.documents.references import clean_symbol, symbol_kind, symbol_pattern

MASTHEAD_SCAN_LINES = 40  # a masthead symbol sits within the first lines of the first page

_TRAILING_MARKS_RE = re.compile(r"[\s*,]*\*[\s*,]*$")
_SERIES = re.compile(r"^[A-Z]{3}$")


@dataclass(slots=True)
class Masthead:
    symbol: str | None
    title: str | None
    date: str | None
    lines: list[str]  # the masthead's own lines, verbatim, so none of its words is lost


def _symbol_line() -> re.Pattern[str]:
    return re.compile(r"^\s*(" + symbol_pattern() + r")\s*$")


def find_symbol(lines: list[str]) -> str | None:
    """The symbol printed alone on a line near the top (the masthead), without its asterisk."""
    symbol_line = _symbol_line()
    for line in lines[:MASTHEAD_SCAN_LINES]:
        # A DOCX masthead is a table: its row arrives as "United Nations | CERD/C/…".
        for cell in line.split(" | "):
            m = symbol_line.match(cell)
            if m is not None:
                return clean_symbol(m.group(1))
    return None


def has_masthead(lines: list[str], lang: Language) -> bool:
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    furniture = lang.phrases("masthead", "furniture")
    starts = bool(furniture.fullmatch(first)) and len(first.split()) <= 3
    return starts or first.startswith("United Nations") or find_symbol(lines) is not None


def is_date_received(line: str, lang: Language) -> bool:
    """ "[Date received: 23 August 2016]": the last line of a State document's masthead."""
    return any(line.startswith(prefix) for prefix in lang.words("masthead", "date_received"))


def masthead_end(lines: list[str], lang: Language) -> int:
    """Where the masthead of a document without headings or paragraph numbers ends: after its
    furniture lines and its title (the run of lines from a title's first words to a blank line),
    at the first line that is neither."""
    furniture = lang.phrases("masthead", "furniture")
    title_start = lang.phrases("masthead", "title_start")
    date_line = lang.date_line
    symbol_line = _symbol_line()
    in_title = seen_title = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            in_title = False
            continue
        for cell in line.split(" | "):
            known = (
                furniture.fullmatch(cell) is not None
                or symbol_line.match(cell) is not None
                or (date_line is not None and date_line.match(cell) is not None)
                or cell.startswith("*")
                or is_date_received(cell, lang)
            )
            if not known:
                break
        else:
            continue
        if title_start.match(line):
            in_title = True
            seen_title = True
            continue
        if in_title:
            continue
        # Before the title, a short line that is no sentence ("Civil and Political Rights") is
        # the masthead's too.
        if not seen_title and i < MASTHEAD_SCAN_LINES and _short_label(line):
            continue
        return i
    return len(lines)


def _short_label(line: str) -> bool:
    return len(line.split()) <= 8 and not line.rstrip().endswith((".", ";", ":", ","))


def read_masthead(lines: list[str], lang: Language) -> Masthead:
    """Symbol, title and date from the lines above the first heading or paragraph."""
    symbol = find_symbol(lines)
    date = None
    date_line = lang.date_line
    cells = (cell for line in lines for cell in line.split(" | "))
    if date_line is not None:
        for cell in cells:
            m = date_line.match(cell)
            if m is not None:
                date = m.group(1)
                break
    title = _find_title(lines, lang)
    return Masthead(symbol=symbol, title=title, date=date, lines=[ln for ln in lines if ln])


def _find_title(lines: list[str], lang: Language) -> str | None:
    """The title: the run of lines that starts like a UN title, else the last unexplained run."""
    furniture = lang.phrases("masthead", "furniture")
    title_start = lang.phrases("masthead", "title_start")
    date_line = lang.date_line
    symbol_line = _symbol_line()
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in lines:
        line = raw.strip()
        furniture_line = (
            not line
            or bool(furniture.fullmatch(line))
            or line.startswith("*")
            or symbol_line.match(line) is not None
            or is_date_received(line, lang)
            or (date_line is not None and date_line.match(line) is not None)
        )
        if furniture_line:
            if current:
                runs.append(current)
                current = []
            continue
        current.append(line)
    if current:
        runs.append(current)
    if not runs:
        return None
    # The title starts with a title's words, even when the country name sits just above it;
    # when several runs do ("Concluding observations on …" / "Addendum" / "Information received
    # from …"), the last one is the document's own title.
    chosen = runs[-1]
    for run in runs:
        start = next((k for k, line in enumerate(run) if title_start.match(line)), None)
        if start is not None:
            chosen = run[start:]
    title = " ".join(chosen)
    return _TRAILING_MARKS_RE.sub("", title).strip() or None


def classify(symbol: str | None) -> SymbolKind | None:
    """What the committees' data says a symbol is."""
    return registry().classify_symbol(symbol) if symbol else None


def kind_from_symbol(symbol: str | None) -> DocumentKind | None:
    if symbol is None:
        return None
    found = classify(symbol)
    if found is not None:
        return found.kind
    parts = symbol.split("/")
    if any(p.startswith("Add.") for p in parts) and ("CO" in parts or "Q" in parts):
        return DocumentKind.STATE_REPORT  # a reply to concluding observations or a list of issues
    by_parts = symbol_kind(symbol)
    if by_parts is not None:
        return by_parts
    if "FCO" in parts:
        return DocumentKind.STATE_REPORT
    if len(parts) >= 4 and parts[1] == "C" and _SERIES.fullmatch(parts[2]):
        return DocumentKind.STATE_REPORT  # "CERD/C/KAZ/11-14": a periodic report
    return None


def detect_kind(
    symbol: str | None, title: str | None, text_head: str, lang: Language
) -> DocumentKind:
    """What the document is, from its symbol, its title, and the opening of its text."""
    by_symbol = kind_from_symbol(symbol)
    if by_symbol is not None:
        return by_symbol
    if title:
        for kind in (
            DocumentKind.CONCLUDING_OBSERVATIONS,
            DocumentKind.LIST_OF_ISSUES,
            DocumentKind.STATE_REPORT,
        ):
            phrases = lang.phrases("titles", kind.value)
            found = phrases.match(title) if kind is not DocumentKind.STATE_REPORT else None
            found = found or (phrases.search(title) if kind is DocumentKind.STATE_REPORT else None)
            if found is not None:
                return kind
    for kind in (DocumentKind.COMMITTEE_LETTER, DocumentKind.COMPILATION):
        phrases = lang.phrases("openings", kind.value)
        if kind is DocumentKind.COMMITTEE_LETTER:
            if any(phrases.match(line) for line in text_head.split("\n")):
                return kind
        elif phrases.search(text_head):
            return kind
    return DocumentKind.EVIDENCE


def _country(symbol: str | None) -> str | None:
    if symbol is None:
        return None
    found = classify(symbol)
    if found is not None and found.state:
        return found.state
    parts = symbol.split("/")
    return parts[2] if len(parts) > 2 and _SERIES.fullmatch(parts[2]) else None


def _committee(symbol: str | None) -> str | None:
    if symbol is None:
        return None
    found = classify(symbol)
    return found.committee if found is not None else symbol.split("/")[0]


def answered_symbols(text: str, own_symbol: str | None) -> tuple[str | None, str | None]:
    """The concluding observations and the list of issues a State document answers.

    Its own symbol says it when it is a reply (`CCPR/C/NAM/CO/2/Add.1` answers
    `CCPR/C/NAM/CO/2`, `…/FCO/…` answers `…/CO/…`, `…/Q/1/Add.1` answers `…/Q/1`). Otherwise
    the first CO (and list of issues) it cites of the same committee and country; another
    committee's symbol quoted in passing never wins over its own committee's.
    """
    own = classify(own_symbol)
    answers_co: str | None = None
    answers_loi: str | None = None
    if own is not None and own.answers is not None:
        if own.answers_kind is DocumentKind.CONCLUDING_OBSERVATIONS:
            answers_co = own.answers
        elif own.answers_kind is DocumentKind.LIST_OF_ISSUES:
            answers_loi = own.answers
    if own_symbol is not None and own is None and "FCO" in own_symbol.split("/"):
        answers_co = own_symbol.replace("/FCO/", "/CO/")
    cited_co = _first_cited(text, own_symbol, DocumentKind.CONCLUDING_OBSERVATIONS)
    cited_loi = _first_cited(text, own_symbol, DocumentKind.LIST_OF_ISSUES)
    if own is not None and own.answers is not None:
        # A reply answers what its symbol says; it cites no other document of its kind as such.
        return answers_co, answers_loi
    return answers_co or cited_co, answers_loi or cited_loi


def _first_cited(text: str, own_symbol: str | None, kind: DocumentKind) -> str | None:
    own_country = _country(own_symbol)
    own_committee = _committee(own_symbol)
    first: str | None = None
    same_committee: str | None = None
    for m in registry().symbol_re.finditer(text):
        sym = clean_symbol(m.group())
        if sym == own_symbol or symbol_kind(sym) is not kind:
            continue
        committee_matches = own_committee is None or _committee(sym) == own_committee
        if committee_matches and (own_country is None or _country(sym) == own_country):
            return sym
        if committee_matches and same_committee is None:
            same_committee = sym
        if first is None:
            first = sym
    if own_committee is not None:
        return same_committee  # another committee's symbol quoted in passing never wins
    return first
