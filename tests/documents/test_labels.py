"""drafter's reading of the CRPD documents against their hand labels (tests/corpus/labels/).

The labels were written by reading each PDF, without drafter (see the labels' README): what a
careful reader sees. Each test checks one aspect of every labelled document, in English, French
and Spanish: the kind, symbol, language and answered document; the paragraph numbers; the roles
of concluding-observations paragraphs and the paragraphs their follow-up request and
urgent-measures sentence name; sub-items; headings; openings; what each reply paragraph answers
(in the concluding observations or in the list of issues) and the places that must not link.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

import pytest

from drafter.documents import read_document
from drafter.documents.model import Document, DocumentKind, Paragraph, ReferenceScope
from tests.conftest import CORPUS

LABELS = CORPUS / "labels"
LABEL_FILES = sorted(LABELS.glob("*.toml"))
ROLES = ("concern", "recommendation", "positive", "follow-up-request", "other")


def _fold(text: str) -> str:
    return " ".join(text.split())


@cache
def _label(name: str) -> dict[str, Any]:
    return tomllib.loads((LABELS / name).read_text(encoding="utf-8"))


@cache
def _document(name: str) -> Document:
    return read_document(CORPUS / _label(name)["document"])


def _ids(spec: str) -> list[str]:
    """ "4-27" -> 4 … 27; "63#2" and "16" as themselves."""
    m = re.fullmatch(r"(\d+)-(\d+)", spec)
    if m is None:
        return [spec]
    return [str(n) for n in range(int(m.group(1)), int(m.group(2)) + 1)]


def _printed_numbers(document: Document) -> list[str]:
    """The numbered paragraphs as printed: a repeated number ("63bis" in drafter) is "63"."""
    return [p.id.removesuffix("bis") for p in document.paragraphs if p.numbered]


def _by_label_id(document: Document) -> dict[str, Paragraph]:
    """Numbered paragraphs by the labels' ids: the second paragraph printed 63 is "63#2"."""
    out: dict[str, Paragraph] = {}
    for p in document.paragraphs:
        if not p.numbered:
            continue
        printed = p.id.removesuffix("bis")
        key = printed if printed not in out else f"{printed}#2"
        out[key] = p
    return out


def _paragraph(name: str, label_id: str) -> Paragraph:
    found = _by_label_id(_document(name)).get(label_id)
    assert found is not None, f"{name}: no paragraph {label_id}"
    return found


def _names(*keys: str) -> list[str]:
    return [f.name for f in LABEL_FILES if all(k in _label(f.name) for k in keys)]


def _replies() -> list[str]:
    return [f.name for f in LABEL_FILES if _label(f.name)["answers"]]


def _answered_links(document: Document, p: Paragraph, answers_kind: str) -> set[str]:
    if answers_kind == DocumentKind.LIST_OF_ISSUES.value:
        return set(p.responds_to_list_of_issues)
    return set(p.responds_to)


# --- the document -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [f.name for f in LABEL_FILES])
def test_kind_symbol_language_and_what_it_answers(name: str) -> None:
    label, document = _label(name), _document(name)
    assert document.kind.value == label["kind"]
    assert document.symbol == label["symbol"]
    assert document.language == label["language"]
    if label["answers_kind"] == DocumentKind.CONCLUDING_OBSERVATIONS.value:
        assert document.answers_symbol == label["answers"]
    elif label["answers_kind"] == DocumentKind.LIST_OF_ISSUES.value:
        assert document.answers_list_of_issues == label["answers"]
        assert document.answers_symbol is None  # never taken for an answer to a CO
    else:
        assert document.answers_symbol is None and document.answers_list_of_issues is None


@pytest.mark.parametrize("name", [f.name for f in LABEL_FILES])
def test_paragraph_numbers(name: str) -> None:
    expected = [n for spec in _label(name)["paragraphs"] for n in _ids(spec)]
    assert _printed_numbers(_document(name)) == expected


# --- concluding observations ------------------------------------------------------------------


@pytest.mark.parametrize("name", _names("roles"))
def test_roles(name: str) -> None:
    label = _label(name)
    wrong: list[str] = []
    for role in ROLES:
        for pid in label["roles"].get(role, []):
            got = _paragraph(name, pid).role
            if got is None or got.value != role:
                wrong.append(f"{pid}: {got.value if got else None} (label {role})")
    for pid in label["roles"].get("unsure", []):
        got = _paragraph(name, pid).role
        allowed = label.get("role_choices", {}).get(pid, list(ROLES))
        if got is None or got.value not in allowed:
            wrong.append(f"{pid}: {got.value if got else None} (label one of {allowed})")
    assert wrong == []


@pytest.mark.parametrize("name", _names("flags"))
def test_follow_up_and_particular_importance(name: str) -> None:
    flags = _label(name)["flags"]
    document = _document(name)
    numbered = [p for p in document.paragraphs if p.numbered]
    assert sorted(p.id for p in numbered if p.follow_up) == sorted(flags["follow_up"])
    items = sorted(f"{p.id}({s})" for p in numbered for s in p.follow_up_items)
    assert items == sorted(flags.get("follow_up_items", []))
    important = sorted(p.id for p in numbered if p.particular_importance)
    assert important == sorted(flags["particular_importance"])
    items = sorted(f"{p.id}({s})" for p in numbered for s in p.particular_importance_items)
    assert items == sorted(flags.get("particular_importance_items", []))


# --- every document ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", _names("sub_items"))
def test_sub_items(name: str) -> None:
    expected = _label(name)["sub_items"]
    wrong = {
        key: [s.label for s in p.sub_items]
        for key, p in _by_label_id(_document(name)).items()
        if [s.label for s in p.sub_items] != expected.get(key, [])
    }
    assert wrong == {}, f"expected {{{', '.join(f'{k}: {expected.get(k, [])}' for k in wrong)}}}"


@pytest.mark.parametrize("name", _names("headings"))
def test_headings(name: str) -> None:
    wrong = {}
    for pid, heading in _label(name)["headings"].items():
        path = _paragraph(name, pid).headings
        innermost = re.sub(r"^(?:[IVX]+|[A-Z]|\d+)\.\s+", "", path[-1]) if path else ""
        if _fold(innermost) != _fold(heading):
            wrong[pid] = innermost
    assert wrong == {}


@pytest.mark.parametrize("name", _names("opening"))
def test_openings(name: str) -> None:
    wrong = {}
    for pid, opening in _label(name)["opening"].items():
        text = _fold(_paragraph(name, pid).text)
        if not text.startswith(_fold(opening)):
            wrong[pid] = text[: len(opening) + 20]
    assert wrong == {}


# --- replies ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", _replies())
def test_what_each_reply_paragraph_answers(name: str) -> None:
    label, document = _label(name), _document(name)
    by_id = _by_label_id(document)
    wrong = {}
    for spec, expected in label.get("responds_to", {}).items():
        for pid in _ids(spec):
            p = by_id[pid]
            links = _answered_links(document, p, label["answers_kind"])
            if links != set(expected):
                wrong[pid] = sorted(links)
    for spec, unsure in label.get("links_unsure", {}).items():
        for pid in _ids(spec):
            links = _answered_links(document, by_id[pid], label["answers_kind"])
            if not links <= set(unsure["may"]):
                wrong[pid] = sorted(links)
    assert wrong == {}


@pytest.mark.parametrize("name", _names("must_not_link"))
def test_places_that_must_not_link(name: str) -> None:
    """The phrase is in the paragraph, and no reference inside it points at the answered
    document (or, in a document that answers nothing, at a CO or a list of issues)."""
    label = _label(name)
    linking = {ReferenceScope.CONCLUDING_OBSERVATIONS, ReferenceScope.LIST_OF_ISSUES}
    wrong = {}
    for pid, phrases in label["must_not_link"].items():
        p = _paragraph(name, pid)
        text = _fold(p.text)
        for phrase in [phrases] if isinstance(phrases, str) else phrases:
            assert _fold(phrase) in text, f"{pid}: {phrase!r} not in the paragraph"
            start = text.index(_fold(phrase))
            span = range(start, start + len(_fold(phrase)))
            for ref in p.references:
                where = text.find(_fold(ref.span))
                if where in span and ref.scope in linking:
                    wrong[pid] = f"{ref.span!r} is {ref.scope.value}"
    assert wrong == {}
