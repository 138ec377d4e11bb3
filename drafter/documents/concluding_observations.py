"""What concluding-observations paragraphs mean: role, topic, pairing, follow-up.

A CO has sections A. Introduction, B. Positive aspects, C. Concerns and recommendations (topic
sub-headings, each a concern — "The Committee is concerned …", "Le Comité note avec
préoccupation …", "Al Comité le preocupa …" — then a recommendation — "The Committee recommends
that the State party …", "The Committee, recalling its previous recommendations, encourages …"),
D. Other recommendations (ratification, dissemination, the follow-up request, the paragraphs of
particular importance or needing urgent measures, the next report). The phrases are the
language's ([roles], [sections] of `templates/languages/<code>.toml`) and the committee's.
"""

from __future__ import annotations

from drafter.documents.language import Language, language
from drafter.documents.model import Document, Paragraph, ReferenceScope, Role
from drafter.documents.phrases import Phrases
from drafter.documents.references import expand_paragraph_list, list_at

_LABEL_PREFIXES = ("I", "V", "X")
# Up to this many characters into a paragraph, a phrase is looked for at each place in turn.
_NEAR_START = 40


def _heading_text(path_text: str) -> str:
    """ "A. Introduction" -> "Introduction": the heading without its printed label."""
    head, _, rest = path_text.partition(". ")
    if rest and len(head) <= 4 and (head.isupper() or head.isdigit()):
        return rest
    return path_text


def role_of(
    paragraph: Paragraph,
    lang: Language | None = None,
    committee: str | None = None,
    flagged: bool | None = None,
) -> Role:
    """The role from the section the paragraph sits in and the verbs of its opening sentence.

    `flagged`: whether the paragraph names the recommendations of particular importance, when
    the caller has looked already.
    """
    lang = lang or language()

    def phrases(table: str, key: str):  # type: ignore[no-untyped-def]
        return lang.phrases(table, key, committee)

    text = paragraph.text
    path = [_heading_text(h) for h in paragraph.headings]
    if phrases("roles", "follow_up_request").search(text):
        return Role.FOLLOW_UP_REQUEST
    if any(lang.heading_is("introduction", h, committee) for h in path):
        return Role.OTHER
    if any(lang.heading_is("positive", h, committee) for h in path):
        return Role.POSITIVE
    if flagged is None:
        flagged = phrases("roles", "particular_importance").search(text) is not None
    if flagged:
        return Role.OTHER
    recommends = phrases("roles", "recommendation").search(text)
    concerns = phrases("roles", "concern")
    if recommends is not None:
        # A recommendation unless a concern is voiced first (or at the same place).
        concern_first = _found_by(concerns, text, recommends.start())
        return Role.CONCERN if concern_first else Role.RECOMMENDATION
    if concerns.search(text) is not None:
        return Role.CONCERN
    if any(lang.heading_is("concerns", h, committee) for h in path):
        # "The Committee notes that the disparities …": what precedes a recommendation in this
        # section is the Committee's concern, whatever verb it opens with.
        return Role.CONCERN
    if phrases("roles", "positive").search(text):
        return Role.POSITIVE
    return Role.OTHER


def _found_by(phrases: Phrases, text: str, position: int) -> bool:
    """Whether a match of `phrases` starts at or before `position`: a few anchored tries when
    it is near the start (most recommendations open the paragraph), else one search."""
    if position > _NEAR_START:
        found = phrases.search(text)
        return found is not None and found.start() <= position
    if not phrases.possible(text):
        return False
    assert phrases.regex is not None
    return any(phrases.regex.match(text, at) for at in range(position + 1))


def _listed(paragraph: Paragraph, lang: Language, committee: str | None) -> list[str]:
    """The CO's own paragraphs a follow-up or importance paragraph names.

    The list after "the recommendations contained in paragraphs …" is read as a list (with
    the topics between its numbers skipped: "46, on …, and 56, on …"); otherwise its references
    to this document ("paragraphs 17 (a) (…), 19 (c) …", "(see paras. 14 and 22)") say it;
    "rule 75, paragraph 1, of the rules of procedure" is another instrument's.
    """
    text = paragraph.text
    m = lang.phrases("roles", "flagged_list", committee).search(text)
    if m is not None:
        targets, _ = list_at(text, m.end(), lang.code, list_mode=True)
        if targets:
            return targets
    own = [
        target
        for ref in paragraph.references
        if ref.scope is ReferenceScope.INTERNAL
        for target in ref.targets
    ]
    if own:
        return own
    return expand_paragraph_list(text[m.end() :], lang.code) if m is not None else []


def annotate(
    document: Document, lang: Language | None = None, committee: str | None = None
) -> None:
    """Fill role, topic, pair, follow_up and particular_importance on a CO's paragraphs."""
    lang = lang or language(document.language)
    paragraphs = [p for p in document.paragraphs if p.numbered]
    topic_names = {h.text for h in document.headings if h.label is None}
    importance = lang.phrases("roles", "particular_importance", committee)
    flagged: set[str] = set()  # ids of the paragraphs naming those of particular importance
    for p in document.paragraphs:
        if importance.search(p.text) is not None:
            flagged.add(p.id)
        p.role = role_of(p, lang, committee, p.id in flagged)
        topic = next((h for h in reversed(p.headings) if h in topic_names), None)
        p.topic = topic
    _pair(paragraphs)
    by_id = {p.id: p for p in paragraphs}
    for p in paragraphs:
        follow_up = p.role is Role.FOLLOW_UP_REQUEST
        if not follow_up and p.id not in flagged:
            continue
        for target in _listed(p, lang, committee):
            base_id, _, sub = target.partition("(")
            base = by_id.get(base_id)
            if base is None or base is p:
                continue
            if follow_up:
                base.follow_up = True
                if sub:
                    base.follow_up_items = (*base.follow_up_items, sub.rstrip(")"))
            else:
                base.particular_importance = True
                if sub:
                    item = sub.rstrip(")")
                    base.particular_importance_items = (*base.particular_importance_items, item)


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
