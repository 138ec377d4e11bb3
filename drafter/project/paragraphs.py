"""The concluding-observations paragraphs the author walks, imported or derived.

With the CO imported, they are its numbered paragraphs. Without it, a list of issues, when one
is imported, is walked the same way (under the simplified reporting procedure the State's report
answers the list of issues, and the NGO comments on each question). Without either (the State
report often comes first), each paragraph the State report says it answers becomes a
placeholder: its id and the topic heading the State put it under, no text. When the CO arrives
the same ids get their text; entries are keyed by id, so nothing the author wrote moves. An
entry whose paragraph is in neither is still listed (at the end), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.documents.model import Document, DocumentKind, Paragraph, Role
from drafter.project.model import Entry, Source
from drafter.project.schema import paragraph_sort_key

UNPLACED_SECTION = "Not found in the concluding observations"

# A lone sub-item marker line ("(a)", "b)") names no topic.
_MARKER = re.compile(r"^\(?[a-z]\)$")


@dataclass(slots=True)
class COParagraph:
    """A concluding-observations paragraph as the author walks it.

    When the CO document is not imported, `placeholder` is True and the text is empty: the
    paragraph is known only because the State report refers to it (its id and topic heading).
    """

    id: str
    text: str = ""
    section: str = ""  # "C. Concerns and recommendations"
    topic: str = ""  # "Rights of refugees and asylum-seekers"
    role: Role = Role.OTHER
    pair: str | None = None
    follow_up: bool = False
    particular_importance: bool = False
    placeholder: bool = False
    source_id: str | None = None
    paragraph: Paragraph | None = None  # the parsed paragraph (sub-items etc.), if imported
    # What it is a paragraph of: the concluding observations, or the list of issues.
    target: DocumentKind = DocumentKind.CONCLUDING_OBSERVATIONS
    paragraph_language: str = "en"  # the language of its text (and of its topic)


@dataclass(slots=True)
class ImportReport:
    source_id: str
    kind: str
    paragraphs: int
    links: int  # explicit links found (responds_to)
    replaced: bool = False  # re-import of a changed file
    unplaced: list[str] = field(default_factory=list)  # entries whose paragraph vanished
    messages: list[str] = field(default_factory=list)


def current_co(sources: list[Source], documents: dict[str, Document]) -> str | None:
    """The document the author walks: the CO the State report answers, else the last CO
    imported; without any CO, the list of issues (the one a reply answers, else the last)."""
    replies = [d for d in documents.values() if d.kind is DocumentKind.STATE_REPORT]
    cos = [s for s in sources if s.kind == DocumentKind.CONCLUDING_OBSERVATIONS]
    answered = {d.answers_symbol for d in replies if d.answers_symbol}
    if not cos:
        cos = [s for s in sources if s.kind == DocumentKind.LIST_OF_ISSUES]
        answered = {d.answers_list_of_issues for d in replies if d.answers_list_of_issues}
    if not cos:
        return None
    for s in cos:
        doc = documents.get(s.id)
        symbol = s.symbol or (doc.symbol if doc else "") or ""
        if symbol and symbol in answered:
            return s.id
    return cos[-1].id


def _base_id(paragraph_id: str) -> str:
    return paragraph_id.split("(", 1)[0].strip()


# "G. ", "IV. ", "3. ": the State report's own numbering, not part of the topic.
_LABEL = re.compile(r"^(?:[A-Z]|[IVXLC]+|\d+)\.\s*")


def topic_of(p: Paragraph, doc: Document | None = None) -> str:
    """The innermost heading above a State report paragraph that names a topic (a reply heading
    such as "Follow-up information relating to paragraph 17" says what is answered, not what
    about)."""
    replies = {h.text for h in doc.headings if h.targets} if doc is not None else set()
    for h in reversed(p.headings):
        text = _LABEL.sub("", h.strip())
        if text in replies or h.strip() in replies or _MARKER.match(text):
            continue
        return text
    return ""


def from_concluding_observations(source_id: str, doc: Document) -> list[COParagraph]:
    """The paragraphs to walk of the concluding observations (or of a list of issues)."""
    out: list[COParagraph] = []
    for p in doc.paragraphs:
        if not p.numbered:
            continue
        topic = p.topic or ""
        if not topic and len(p.headings) > 1:
            topic = p.headings[-1]
        out.append(
            COParagraph(
                id=p.id,
                text=p.text,
                section=p.headings[0] if p.headings else "",
                topic=topic,
                role=p.role or Role.OTHER,
                pair=p.pair,
                follow_up=p.follow_up,
                particular_importance=p.particular_importance,
                placeholder=False,
                source_id=source_id,
                paragraph=p,
                target=(
                    DocumentKind.LIST_OF_ISSUES
                    if doc.kind is DocumentKind.LIST_OF_ISSUES
                    else DocumentKind.CONCLUDING_OBSERVATIONS
                ),
                paragraph_language=doc.language,
            )
        )
    return out


def placeholders(documents: dict[str, Document]) -> list[COParagraph]:
    """CO paragraphs known only because a State report answers them; without any, the
    paragraphs of the list of issues the State's replies answer."""
    found = _placeholders(documents, DocumentKind.CONCLUDING_OBSERVATIONS)
    return found or _placeholders(documents, DocumentKind.LIST_OF_ISSUES)


def _placeholders(documents: dict[str, Document], target: DocumentKind) -> list[COParagraph]:
    found: dict[str, COParagraph] = {}
    # Topics taken from a follow-up heading that names the paragraph win over topics taken from
    # an inline mention: "paragraphs 16, 22, 28 and 42" in the introduction says nothing about
    # what paragraph 16 is about, "Follow-up information relating to paragraphs 15 and 16" under
    # "A. Freedom of expression" does.
    from_heading: set[str] = set()
    for doc in documents.values():
        if doc.kind is not DocumentKind.STATE_REPORT:
            continue
        for p in doc.paragraphs:
            named = named_by_headings(p)
            answered = (
                p.responds_to_list_of_issues
                if target is DocumentKind.LIST_OF_ISSUES
                else p.responds_to
            )
            for answer in answered:
                pid = _base_id(answer)
                if not pid or pid in from_heading:
                    continue
                by_heading = pid in named
                if pid in found and not by_heading:
                    continue
                # The State report's own sections are not the CO's: leave the section unknown.
                found[pid] = COParagraph(
                    id=pid,
                    topic=topic_of(p, doc),
                    placeholder=True,
                    target=target,
                    paragraph_language=doc.language,
                )
                if by_heading:
                    from_heading.add(pid)
    return [found[k] for k in sorted(found, key=paragraph_sort_key)]


def named_by_headings(p: Paragraph) -> set[str]:
    """The paragraph ids (of the CO or the list of issues) that the reply headings above `p`
    name: it answers them, rather than mentioning them in passing."""
    return {_base_id(t) for t in p.named_by_heading}


def co_paragraphs(
    sources: list[Source], documents: dict[str, Document], entries: dict[str, Entry]
) -> list[COParagraph]:
    """Every paragraph the author can write about, in CO order."""
    co_id = current_co(sources, documents)
    if co_id is not None and co_id in documents:
        paragraphs = from_concluding_observations(co_id, documents[co_id])
    else:
        paragraphs = placeholders(documents)
    known = {p.id for p in paragraphs}
    orphans = [pid for pid, e in entries.items() if pid not in known and not e.is_empty()]
    for pid in sorted(orphans, key=paragraph_sort_key):
        paragraphs.append(COParagraph(id=pid, section=UNPLACED_SECTION, placeholder=True))
    return paragraphs
