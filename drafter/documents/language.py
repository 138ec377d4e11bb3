"""Languages and committees as data: what the reader knows about the words of UN documents.

`templates/languages/<code>.toml` holds a language's phrases (roles of concluding-observations
paragraphs, reply headings, reference words, sub-item markers, month names, stop words …) and
`templates/committees/<ID>.toml` a committee's symbols, names and own words. A maintainer adds a
language or a committee by adding a file and runs `drafter languages check` (see
templates/README.md, "Languages and committees").

The files are read once per process (`registry()`), when a document is first read: `drafter
--version` and the project commands that never parse load nothing. A language's patterns are
compiled only when a document in that language is read.

Files are looked for where templates are: `$DRAFTER_TEMPLATES` (folders separated by the path
separator), then the repository's `templates/`, then the copy installed with drafter; the first
file for a language code or a committee id wins. This is the one loader of these files: tables
it does not know (the report builder's [abbreviations] and [typography], its `locale`) are kept
in `Language.raw` for `drafter/project/report/language.py`, which reads them from there.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from drafter.documents.model import DocumentKind
from drafter.documents.phrases import (
    NO_PHRASES,
    PatternError,
    Phrases,
    compile_pattern,
    compile_phrases,
    literal_alternation,
    word_regex,
)
from drafter.documents.roots import data_roots
from drafter.errors import DrafterError

DEFAULT_LANGUAGE = "en"
# How much of a document language detection looks at.
DETECTION_WORDS = 1200
MIN_DETECTION_WORDS = 8
_WORD_RE = re.compile(r"[^\W\d_]+")

# What each table of a language file may hold: "words" are plain lists, "phrases" patterns,
# "line phrases" patterns matched against a whole line or heading, "list" plain strings.
_LANGUAGE_SCHEMA: dict[str, dict[str, str]] = {
    "detection": {"words": "words"},
    "masthead": {
        "date": "phrases",
        "furniture": "phrases",
        "date_received": "words",
        "title_start": "phrases",
    },
    "titles": {kind.value: "phrases" for kind in DocumentKind},
    "openings": {kind.value: "phrases" for kind in DocumentKind},
    "letters": {"addressee": "phrases", "closing": "phrases"},
    "sections": {
        "introduction": "phrases",
        "positive": "phrases",
        "concerns": "phrases",
        "notes": "phrases",
    },
    "roles": {
        "recommendation": "phrases",
        "concern": "phrases",
        "positive": "phrases",
        "follow_up_request": "phrases",
        "particular_importance": "phrases",
        "flagged_list": "paragraph phrases",
    },
    "replies": {"headings": "paragraph phrases"},
    "references": {
        "paragraph": "words",
        "heading_paragraph": "words",
        "sub_paragraph": "words",
        "annex": "words",
        "number_words": "words",
        "of": "words",
        "and": "words",
        "range": "words",
        "sub_item_markers": "words",
        "see": "phrases",
        "own_answers": "phrases",
        "ibid": "words",
        "concluding_observations": "phrases",
        "list_of_issues": "phrases",
        "internal": "phrases",
        "concluding_observations_name": "phrases",
    },
    "ranking": {
        "stopwords": "string",
        "stemmer": "string",
        "extra_stopwords": "words",
        "elisions": "words",
    },
}
_LANGUAGE_TOP = {"code": "string", "name": "string"}
_REQUIRED = (("detection", "words"), ("references", "paragraph"))
SUB_ITEM_STYLES = ("(a)", "a)")
_SYMBOL_PLACEHOLDERS = {
    "state": r"[A-Z]{3}",
    "n": r"\d{1,3}(?:-\d{1,3})?",
    "k": r"\d{1,2}",
    "session": r"\d{1,3}",
}
_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
_LANGUAGE_TABLE_KEYS = {t: set(k) for t, k in _LANGUAGE_SCHEMA.items()}


class LanguageDataError(DrafterError):
    """A language or committee file drafter cannot use."""


# --- where the files are ----------------------------------------------------------------------


def _files(folder: str) -> list[Path]:
    """The data files of `folder` over every root; the first of each name wins."""
    found: dict[str, Path] = {}
    for root in data_roots():
        directory = root / folder
        if directory.is_dir():
            for path in sorted(directory.glob("*.toml")):
                found.setdefault(path.name, path)
    return list(found.values())


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LanguageDataError(f"not valid TOML: {exc}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise LanguageDataError("not UTF-8 text", path=path) from exc
    except OSError as exc:
        raise LanguageDataError(f"cannot read the file ({exc.strerror or exc})", path=path) from exc


# --- committees ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SymbolKind:
    """What a document symbol says: whose document, what kind, and what a reply answers."""

    committee: str
    kind: DocumentKind
    what: str
    answers: str | None  # the symbol of the document a reply answers
    answers_kind: DocumentKind | None
    state: str | None


@dataclass(slots=True)
class _SymbolRule:
    kind: DocumentKind
    what: str
    pattern: str
    answers: str | None
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        # Compiled when a symbol of this committee is first classified, not at start-up.
        if self._regex is None:
            self._regex = _symbol_regex(self.pattern)
        return self._regex


@dataclass(slots=True)
class Committee:
    id: str
    path: Path
    symbol_prefix: str
    names: dict[str, str]
    treaties: dict[str, str]
    list_of_issues_names: dict[str, str]
    rules: list[_SymbolRule]
    # Its own words, by language, then table, then key: added to the language's.
    extra: dict[str, dict[str, dict[str, list[str]]]]

    def classify(self, symbol: str) -> SymbolKind | None:
        for rule in self.rules:
            m = rule.regex.fullmatch(symbol)
            if m is None:
                continue
            answers = None
            answers_kind = None
            if rule.answers is not None:
                answers = _fill(rule.answers, m.groupdict())
                answered = self.classify(answers)
                answers_kind = answered.kind if answered is not None else None
            state = m.groupdict().get("state")
            return SymbolKind(self.id, rule.kind, rule.what, answers, answers_kind, state)
        return None


def _fill(pattern: str, parts: dict[str, str]) -> str:
    """ "CRPD/C/{state}/CO/{n}" with the parts of a symbol: "CRPD/C/CZE/CO/1"."""
    return _PLACEHOLDER_RE.sub(lambda p: parts[p.group(1)], pattern)


def _symbol_regex(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    pos = 0
    for m in _PLACEHOLDER_RE.finditer(pattern):
        parts.append(re.escape(pattern[pos : m.start()]))
        name = m.group(1)
        if name not in _SYMBOL_PLACEHOLDERS:
            raise PatternError(f"unknown part {{{name}}} in symbol {pattern!r}")
        if name in seen:
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>{_SYMBOL_PLACEHOLDERS[name]})")
            seen.add(name)
        pos = m.end()
    parts.append(re.escape(pattern[pos:]))
    return re.compile("".join(parts))


def _committee(path: Path, raw: dict[str, Any], problems: list[str] | None = None) -> Committee:
    report = _Reporter(path, problems)
    cid = raw.get("id")
    if not isinstance(cid, str) or not cid:
        report("id", "missing: the committee's short name, as the file is named")
        cid = path.stem
    elif cid != path.stem:
        report("id", f"{cid!r} differs from the file name {path.stem!r}")
    prefix = raw.get("symbol_prefix")
    if not isinstance(prefix, str) or not prefix:
        report("symbol_prefix", 'missing: how its symbols begin ("CRPD", "E/C.12")')
        prefix = cid
    names = _language_strings(raw.get("name"), "name", report, required=True)
    treaties = _language_strings(raw.get("treaty"), "treaty", report)
    loi_names = _language_strings(raw.get("list_of_issues_name"), "list_of_issues_name", report)
    rules: list[_SymbolRule] = []
    documents = raw.get("documents", [])
    if not isinstance(documents, list):
        report("documents", "expected an array of tables ([[documents]])")
        documents = []
    for i, doc in enumerate(documents):
        where = f"documents.{i}"
        if not isinstance(doc, dict):
            report(where, "expected a table")
            continue
        unknown = set(doc) - {"kind", "what", "symbols", "answers"}
        if unknown:
            report(where, "unknown keys: " + ", ".join(sorted(unknown)))
        try:
            kind = DocumentKind(str(doc.get("kind")))
        except ValueError:
            known = ", ".join(k.value for k in DocumentKind)
            report(f"{where}.kind", f"{doc.get('kind')!r} is not a document kind ({known})")
            continue
        symbols = doc.get("symbols")
        if not _strings(symbols) or not symbols:
            report(f"{where}.symbols", "expected a list of symbol patterns")
            continue
        answers = doc.get("answers")
        if answers is not None and not isinstance(answers, str):
            report(f"{where}.answers", "expected a symbol pattern")
            answers = None
        for symbol in symbols:
            if not symbol.startswith(prefix):
                report(f"{where}.symbols", f"{symbol!r} does not begin with {prefix!r}")
            parts = set(_PLACEHOLDER_RE.findall(symbol))
            unknown_parts = parts - set(_SYMBOL_PLACEHOLDERS)
            if unknown_parts:
                report(
                    f"{where}.symbols",
                    f"unknown parts in {symbol!r}: " + ", ".join(sorted(unknown_parts)),
                )
                continue
            if answers is not None:
                missing = set(_PLACEHOLDER_RE.findall(answers)) - parts
                if missing:
                    report(
                        f"{where}.answers",
                        "uses parts the symbol lacks: " + ", ".join(sorted(missing)),
                    )
                    continue
            rules.append(_SymbolRule(kind, str(doc.get("what", "")), symbol, answers))
    extra: dict[str, dict[str, dict[str, list[str]]]] = {}
    reserved = {"id", "symbol_prefix", "name", "treaty", "list_of_issues_name", "documents"}
    for code, tables in raw.items():
        if code in reserved or not isinstance(tables, dict):
            continue
        for table, keys in tables.items():
            if table not in _LANGUAGE_SCHEMA or not isinstance(keys, dict):
                continue  # another part of drafter's table, or not a language's
            for key, value in keys.items():
                where = f"{code}.{table}.{key}"
                if key not in _LANGUAGE_SCHEMA[table]:
                    report(where, f"unknown key (a language's [{table}] has no {key!r})")
                elif not _strings(value):
                    report(where, "expected a list of strings")
                else:
                    extra.setdefault(code, {}).setdefault(table, {})[key] = list(value)
    return Committee(cid, path, prefix, names, treaties, loi_names, rules, extra)


def _language_strings(
    value: Any, where: str, report: _Reporter, required: bool = False
) -> dict[str, str]:
    if value is None:
        if required:
            report(where, 'missing: a table of names by language code (en = "…")')
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        report(where, "expected a table of strings by language code")
        return {}
    return dict(value)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


class _Reporter:
    """Collects problems as "field: message" for `check`, or raises on the first when loading."""

    def __init__(self, path: Path, problems: list[str] | None) -> None:
        self.path = path
        self.problems = problems

    def __call__(self, where: str, message: str) -> None:
        if self.problems is None:
            raise LanguageDataError(message, path=self.path, where=where)
        self.problems.append(f"{where}: {message}")


# --- languages -----------------------------------------------------------------------------------


class Language:
    """One language's phrases, compiled on first use."""

    def __init__(
        self,
        path: Path,
        raw: dict[str, Any],
        committees: Mapping[str, Committee],
        problems: list[str] | None = None,
    ) -> None:
        self.path = path
        # Every table of the file, as read: other parts of drafter (the report builder's
        # [abbreviations] and [typography]) take theirs from here, so the files are read once.
        self.raw = raw
        report = _Reporter(path, problems)
        self.code = str(raw.get("code") or path.stem)
        if raw.get("code") != path.stem:
            report("code", f"expected {path.stem!r}, the file's name")
        self.name = str(raw.get("name") or self.code)
        self.tables: dict[str, dict[str, Any]] = {}
        for key, kind in _LANGUAGE_TOP.items():
            if key in raw and not isinstance(raw[key], str):
                report(key, f"expected a {kind}")
        for table, schema in _LANGUAGE_SCHEMA.items():
            value = raw.get(table, {})
            if not isinstance(value, dict):
                report(table, "expected a table")
                continue
            for key, item in value.items():
                expected = schema.get(key)
                if expected is None:
                    report(f"{table}.{key}", "unknown key")
                elif expected == "string" and not isinstance(item, str):
                    report(f"{table}.{key}", "expected a string")
                elif expected != "string" and not _strings(item):
                    report(f"{table}.{key}", "expected a list of strings")
            self.tables[table] = dict(value)
        words = raw.get("words", {})
        if not isinstance(words, dict) or not all(_strings(v) for v in words.values()):
            report("words", "expected a table of lists of strings")
            words = {}
        self.lists: dict[str, list[str]] = {k: list(v) for k, v in words.items()}
        for table, key in _REQUIRED:
            if not self.tables.get(table, {}).get(key):
                report(f"{table}.{key}", "missing")
        self.committees = committees
        self._committee_cache: dict[tuple[str, str, str | None], Phrases] = {}
        self._heading_cache: dict[tuple[str, str, str | None], bool] = {}
        if problems is not None:
            self._check_patterns(report)

    # -- raw values ---------------------------------------------------------------------------

    def words(self, table: str, key: str) -> list[str]:
        value = self.tables.get(table, {}).get(key, [])
        return list(value) if isinstance(value, list) else []

    def string(self, table: str, key: str, default: str = "") -> str:
        value = self.tables.get(table, {}).get(key, default)
        return value if isinstance(value, str) else default

    def word_list(self, name: str) -> list[str]:
        return self.lists.get(name, [])

    # -- compiled -------------------------------------------------------------------------------

    def phrases(self, table: str, key: str, committee: str | None = None) -> Phrases:
        """The patterns of `table.key`, with a committee's own ones (all committees' when None
        is given: the document's committee is not known)."""
        cache_key = (table, key, committee)
        found = self._committee_cache.get(cache_key)
        if found is not None:
            return found
        patterns = self.words(table, key)
        sources = (
            [self.committees[committee]]
            if committee is not None and committee in self.committees
            else list(self.committees.values())
        )
        for c in sources:
            patterns.extend(c.extra.get(self.code, {}).get(table, {}).get(key, []))
        kind = _LANGUAGE_SCHEMA[table][key]
        paragraphs = self.list_start_regex if kind == "paragraph phrases" else None
        if table == "replies":
            paragraphs = self.heading_list_start_regex
        compiled = compile_phrases(list(dict.fromkeys(patterns)), self.lists, paragraphs)
        self._committee_cache[cache_key] = compiled
        return compiled

    def heading_is(self, key: str, heading: str, committee: str | None = None) -> bool:
        """Whether a heading is a section of `key` ("positive", "concerns", "introduction"),
        remembered: every paragraph under a heading asks again."""
        cache_key = (key, heading, committee)
        found = self._heading_cache.get(cache_key)
        if found is None:
            phrases = self.phrases("sections", key, committee)
            match = phrases.fullmatch if key in ("introduction", "notes") else phrases.search
            found = self._heading_cache[cache_key] = match(heading) is not None
        return found

    @cached_property
    def detection_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words("detection", "words"))

    @cached_property
    def line_end_joiners(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.word_list("line_end_joiners"))

    @cached_property
    def sub_item_styles(self) -> tuple[str, ...]:
        styles = tuple(
            m for m in self.words("references", "sub_item_markers") if m in SUB_ITEM_STYLES
        )
        return styles or ("(a)",)

    @cached_property
    def date(self) -> Phrases:
        return self.phrases("masthead", "date")

    @cached_property
    def date_line(self) -> re.Pattern[str] | None:
        """A line that is a date and nothing else (the captured group is the date)."""
        if not self.date:
            return None
        assert self.date.regex is not None
        return re.compile(r"^\s*(" + self.date.regex.pattern + r")\s*$", re.IGNORECASE)

    @cached_property
    def paragraph_words(self) -> list[str]:
        return self.words("references", "paragraph")

    @cached_property
    def list_start_regex(self) -> str:
        """Where a list of paragraphs begins: a paragraph or sub-paragraph word."""
        words = self.paragraph_words + self.words("references", "sub_paragraph")
        return "(?:" + literal_alternation(words) + ")" if words else "(?!)"

    @cached_property
    def heading_list_start_regex(self) -> str:
        words = self.paragraph_words + self.words("references", "sub_paragraph")
        words += self.words("references", "heading_paragraph")
        return "(?:" + literal_alternation(words) + ")" if words else "(?!)"

    def _check_patterns(self, report: _Reporter) -> None:
        for table, schema in _LANGUAGE_SCHEMA.items():
            for key, kind in schema.items():
                if "phrases" not in kind:
                    continue
                for pattern in self.words(table, key):
                    try:
                        paragraphs = None
                        if kind == "paragraph phrases":
                            paragraphs = self.list_start_regex
                            if table == "replies":
                                paragraphs = self.heading_list_start_regex
                        re.compile(compile_pattern(pattern, self.lists, paragraphs))
                    except (PatternError, re.error) as exc:
                        report(f"{table}.{key}", str(exc))
        for name, phrases in self.lists.items():
            for phrase in phrases:
                try:
                    compile_pattern(phrase, {}, None)
                except PatternError as exc:
                    report(f"words.{name}", str(exc))
        stopwords = self.string("ranking", "stopwords")
        if stopwords and not stopwords.startswith("bm25s:"):
            report("ranking.stopwords", 'expected "bm25s:<list name>", e.g. "bm25s:STOPWORDS_EN"')


# --- the registry --------------------------------------------------------------------------------


@dataclass
class Registry:
    """Every language and committee drafter knows, read once."""

    languages: dict[str, Language]
    committees: dict[str, Committee]
    series: list[str] = field(default_factory=list)

    def language(self, code: str | None) -> Language:
        if code and code in self.languages:
            return self.languages[code]
        if DEFAULT_LANGUAGE in self.languages:
            return self.languages[DEFAULT_LANGUAGE]
        raise LanguageDataError(
            "no language data found: templates/languages/en.toml is missing from this install"
        )

    def check_code(self, code: str) -> str:
        """A language code the user gave (`--language`), or a `LanguageDataError` listing them."""
        if code not in self.languages:
            known = ", ".join(sorted(self.languages)) or "none"
            raise LanguageDataError(f"no language {code!r} (known: {known})")
        return code

    @cached_property
    def symbol_pattern(self) -> str:
        """A UN document symbol: a known first part, then slash-separated parts."""
        firsts = {c.symbol_prefix.split("/")[0] for c in self.committees.values()}
        firsts.update(self.series)
        alternation = "|".join(sorted((re.escape(f) for f in firsts), key=len, reverse=True))
        return (
            r"(?<![\w/])(?:" + alternation + r")"
            r"(?:/[A-Za-z0-9][A-Za-z0-9.]*(?:[-–][A-Za-z0-9.]+)*)+\*?"
        )

    @cached_property
    def symbol_re(self) -> re.Pattern[str]:
        return re.compile(self.symbol_pattern)

    @cached_property
    def symbol_start_re(self) -> re.Pattern[str]:
        """Where a symbol can start ("CERD/C", "A/H"): text without one has none, and this
        (no look-behind before it) is found far faster than a symbol is looked for."""
        firsts = {c.symbol_prefix.split("/")[0] for c in self.committees.values()}
        firsts.update(self.series)
        alternation = "|".join(sorted((re.escape(f) for f in firsts), key=len, reverse=True))
        return re.compile(r"(?:" + alternation + r")/[A-Za-z0-9]")

    def classify_symbol(self, symbol: str | None) -> SymbolKind | None:
        """What a symbol says about its document, from the committees' patterns."""
        if not symbol:
            return None
        for committee in self.committees.values():
            if symbol.startswith(committee.symbol_prefix + "/"):
                found = committee.classify(symbol)
                if found is not None:
                    return found
        return None

    def detect(self, text: str) -> str:
        """The language whose detection words are most frequent in `text` (English on a tie)."""
        counts: Counter[str] = Counter()
        words = _WORD_RE.findall(text[: DETECTION_WORDS * 7].lower())
        frequency = Counter(words)
        for code, lang in self.languages.items():
            counts[code] = sum(frequency[w] for w in lang.detection_words)
        ranked = counts.most_common(2)
        if not ranked:
            return DEFAULT_LANGUAGE
        best_code, best = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        # A few words prove nothing ("para." is Spanish "for" too): English unless one language
        # clearly leads.
        if best < MIN_DETECTION_WORDS or best < 1.5 * second:
            return DEFAULT_LANGUAGE
        return best_code


@cache
def registry() -> Registry:
    """Every language and committee, from the data files (read once per process)."""
    committees: dict[str, Committee] = {}
    series: list[str] = []
    for path in _files("committees"):
        raw = read_toml(path)
        if path.stem.startswith("_"):
            prefixes = raw.get("prefixes", [])
            if _strings(prefixes):
                series.extend(prefixes)
            continue
        committee = _committee(path, raw)
        committees.setdefault(committee.id, committee)
    languages: dict[str, Language] = {}
    for path in _files("languages"):
        language = Language(path, read_toml(path), committees)
        languages.setdefault(language.code, language)
    return Registry(languages, committees, series)


def language(code: str | None = None) -> Language:
    """A language by code (English when None or unknown)."""
    return registry().language(code)


# --- checking the files (`drafter languages check`) -------------------------------------------


@dataclass(slots=True)
class CheckResult:
    """What `drafter languages check` says about one file."""

    problems: list[str] = field(default_factory=list)  # "field: message": must be fixed
    notes: list[str] = field(default_factory=list)  # what it leaves out, against English


def check_files(paths: Iterable[Path]) -> dict[Path, CheckResult]:
    """Every problem of each language or committee file, as "field: message" lines."""
    committees = {c.id: c for c in _safe_committees()}
    out: dict[Path, CheckResult] = {}
    for path in paths:
        result = out[path] = CheckResult()
        try:
            raw = read_toml(path)
        except LanguageDataError as exc:
            result.problems.append(exc.message)
            continue
        if path.parent.name == "committees" or "documents" in raw or "symbol_prefix" in raw:
            if path.stem.startswith("_"):
                if not _strings(raw.get("prefixes", [])):
                    result.problems.append("prefixes: expected a list of strings")
            else:
                _committee(path, raw, result.problems)
        else:
            Language(path, raw, committees, result.problems)
            result.notes.extend(_coverage(raw))
    return out


def data_files() -> list[Path]:
    return _files("languages") + _files("committees")


def _safe_committees() -> list[Committee]:
    found: list[Committee] = []
    for path in _files("committees"):
        if path.stem.startswith("_"):
            continue
        try:
            found.append(_committee(path, read_toml(path), []))
        except LanguageDataError:
            continue
    return found


def _coverage(raw: Mapping[str, Any]) -> list[str]:
    """Notes (not errors) on what a language file leaves out, against the English file."""
    english = next((p for p in _files("languages") if p.stem == DEFAULT_LANGUAGE), None)
    if english is None:
        return []
    try:
        reference = read_toml(english)
    except LanguageDataError:
        return []
    missing: list[str] = []
    for table, keys in _LANGUAGE_TABLE_KEYS.items():
        for key in sorted(keys):
            has_english = bool(reference.get(table, {}).get(key))
            value = raw.get(table, {}).get(key) if isinstance(raw.get(table), dict) else None
            if has_english and not value:
                missing.append(f"{table}.{key}")
    if not missing:
        return []
    return [
        "not given, so drafter finds nothing of these in this language (the English file "
        "has them): " + ", ".join(missing)
    ]


def words_of(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def sequence_regex(words: Sequence[str]) -> str:
    """Literal words as one alternation; `(?!)` (never matches) for none."""
    return literal_alternation(words) if words else "(?!)"


__all__ = [
    "DEFAULT_LANGUAGE",
    "NO_PHRASES",
    "CheckResult",
    "Committee",
    "Language",
    "LanguageDataError",
    "Phrases",
    "Registry",
    "SymbolKind",
    "check_files",
    "data_files",
    "data_roots",
    "language",
    "registry",
    "sequence_regex",
    "word_regex",
    "words_of",
]
