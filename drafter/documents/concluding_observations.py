"""What concluding-observations paragraphs mean: role, topic, pairing, follow-up.

A CO has sections A. Introduction, B. Positive aspects, C. Concerns and recommendations (topic
sub-headings, each a concern — "The Committee is concerned …" — then a recommendation — "The
Committee recommends that the State party …"), D. Other recommendations (ratification,
dissemination, the follow-up request, the "paragraphs of particular importance", the next report).
"""

from __future__ import annotations

import re

from drafter.documents.model import Document, Paragraph, ReferenceScope, Role
from drafter.documents.references import expand_paragraph_list

# Case is spelt out rather than ignored: a pattern that starts with a literal is found fast.
_RECOMMENDS_RE = re.compile(
    r"\b(?:Committee|It|it)\s+(?:also\s+|further\s+|strongly\s+|therefore\s+|again\s+)?"
    r"(?:recommends|urges|calls\s+(?:up)?on|encourages|invites|requests|reiterates\s+its\s+"
    r"(?:previous\s+)?recommendations?|recalls\s+its\s+(?:previous\s+)?recommendations?|"
    r"suggests|exhorts)\b"
    # CCPR and CAT put their recommendations as "The State party should: (a) …".
    r"|\bState\s+party\s+should\b"
)
_CONCERN_RE = re.compile(
    r"\b(?:[Cc]oncern(?:ed)?|[Rr]egrets|[Dd]eplores|[Aa]larmed|[Dd]isturbed|[Tt]roubled|"
    r"notes\s+with\s+(?:concern|regret)|is\s+worried)\b"
)
_POSITIVE_RE = re.compile(
    r"\b(?:welcomes|appreciates|commends|notes\s+with\s+(?:appreciation|satisfaction)|"
    r"acknowledges)\b"
)
# CERD: "requests the State party to provide, within one year …"; CCPR: "the State party is
# requested to provide, by 26 July 2024, information on …"; CAT: "requests the State party to
# provide, by 12 May 2023, information on follow-up to the Committee's recommendations".
_FOLLOW_UP_RE = re.compile(
    r"(?:requests\s+the\s+State\s+party\s+to\s+provide|State\s+party\s+is\s+requested\s+to\s+"
    r"provide),?\s+(?:within\s+(?:one|two|1|2)\s+years?|by\s+\d{1,2}\s+\w+\s+\d{4})"
)
_IMPORTANCE_RE = re.compile(r"particular\s+importance\s+of\s+the\s+recommendations")
_LIST_AFTER_RE = re.compile(
    r"(?:recommendations\s+contained\s+in\s+(?:the\s+following\s+)?|following\s+)"
    r"paragraphs?\s*:?\s*",
    re.IGNORECASE,
)
_POSITIVE_SECTION_RE = re.compile(r"positive\s+aspects", re.IGNORECASE)
_INTRO_SECTION_RE = re.compile(r"^(?:[A-Z]\.\s+)?Introduction$", re.IGNORECASE)
# "Concerns and recommendations" (CERD), "Principal matters of concern and recommendations"
# (CCPR, CAT), "Principal areas of concern and recommendations" (CRC, CEDAW).
_CONCERNS_SECTION_RE = re.compile(r"concerns?\s+and\s+recommendations", re.IGNORECASE)


def role_of(paragraph: Paragraph) -> Role:
    """The role from the section the paragraph sits in and the verbs of its opening sentence."""
    text = paragraph.text
    path = paragraph.headings
    if _FOLLOW_UP_RE.search(text):
        return Role.FOLLOW_UP_REQUEST
    if any(_INTRO_SECTION_RE.match(h) for h in path):
        return Role.OTHER
    if any(_POSITIVE_SECTION_RE.search(h) for h in path):
        return Role.POSITIVE
    if _IMPORTANCE_RE.search(text):
        return Role.OTHER
    recommends = _RECOMMENDS_RE.search(text)
    concern = _CONCERN_RE.search(text)
    if recommends is not None and (concern is None or recommends.start() < concern.start()):
        return Role.RECOMMENDATION
    if concern is not None:
        return Role.CONCERN
    if recommends is not None:
        return Role.RECOMMENDATION
    if any(_CONCERNS_SECTION_RE.search(h) for h in path):
        # "The Committee notes that the disparities …": what precedes a recommendation in this
        # section is the Committee's concern, whatever verb it opens with.
        return Role.CONCERN
    if _POSITIVE_RE.search(text):
        return Role.POSITIVE
    return Role.OTHER


def _listed(paragraph: Paragraph) -> list[str]:
    """The CO's own paragraphs a follow-up or importance paragraph names.

    Its references to this document ("paragraphs 17 (a) (…), 19 (c) …", "(see paras. 14 and
    22)") say it; "rule 75, paragraph 1, of the rules of procedure" is another instrument's.
    """
    own = [
        target
        for ref in paragraph.references
        if ref.scope is ReferenceScope.INTERNAL
        for target in ref.targets
    ]
    if own:
        return own
    m = _LIST_AFTER_RE.search(paragraph.text)
    return expand_paragraph_list(paragraph.text[m.end() :]) if m is not None else []


def annotate(document: Document) -> None:
    """Fill role, topic, pair, follow_up and particular_importance on a CO's paragraphs."""
    paragraphs = [p for p in document.paragraphs if p.numbered]
    topic_names = {h.text for h in document.headings if h.label is None}
    for p in document.paragraphs:
        p.role = role_of(p)
        topic = next((h for h in reversed(p.headings) if h in topic_names), None)
        p.topic = topic
    _pair(paragraphs)
    by_id = {p.id: p for p in paragraphs}
    for p in paragraphs:
        if p.role is Role.FOLLOW_UP_REQUEST:
            for target in _listed(p):
                base = by_id.get(target.split("(")[0])
                if base is not None:
                    base.follow_up = True
        elif _IMPORTANCE_RE.search(p.text):
            for target in _listed(p):
                base = by_id.get(target.split("(")[0])
                if base is not None:
                    base.particular_importance = True


def _pair(paragraphs: list[Paragraph]) -> None:
    """Concerns point to the recommendation that answers them under the same topic; the
    recommendation points back to the nearest concern before it."""
    pending: list[Paragraph] = []
    for p in paragraphs:
        if pending and pending[-1].headings != p.headings:
            pending = []
        if p.role is Role.CONCERN:
            pending.append(p)
        elif p.role is Role.RECOMMENDATION and pending:
            for concern in pending:
                concern.pair = p.id
            p.pair = pending[-1].id
            pending = []
        else:
            pending = []
