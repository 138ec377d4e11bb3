"""Links from each concluding-observations paragraph to what the author needs beside it.

Four groups (see `LinkGroup`): the State's claims that explicitly answer the paragraph
(`responds_to` in the State report), the State's other paragraphs ranked by similarity, prior
concerns (earlier COs, committee letters, compilations) and evidence (the NGO's own documents).

Ranking is BM25 (bm25s: maintained, numpy/scipy only, indexes hundreds of paragraphs in
milliseconds) over a light English normalisation; each ranked link says why it is there (the
shared terms that weigh most, and the heading it sits under). The author's pins come first and
hidden links are left out, whatever the ranking says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from drafter.documents.model import Document, DocumentKind, Paragraph
from drafter.project.model import Entry
from drafter.project.paragraphs import COParagraph, named_by_headings

if TYPE_CHECKING:
    import bm25s

# The Lucene English stop words, as bm25s ships them (bm25s.stopwords.STOPWORDS_EN), written out
# because importing that module loads bm25s and scipy (~180 ms): every drafter command imports
# this module, only the ones that rank need the library.
STOPWORDS_EN = (
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
)  # fmt: skip


class LinkGroup(StrEnum):
    """The four groups of links shown for a CO paragraph, in this order."""

    CLAIMS = "claims"  # State report paragraphs that explicitly respond (responds_to)
    SUGGESTED_CLAIMS = "suggested-claims"  # State report paragraphs ranked by similarity
    PRIOR_CONCERNS = "prior-concerns"  # earlier COs, committee letters, compilations
    EVIDENCE = "evidence"  # the NGO's own documents


@dataclass(frozen=True, slots=True)
class Link:
    group: LinkGroup
    source_id: str
    paragraph_id: str
    score: float  # 1.0 for explicit links; BM25 score otherwise
    reason: str  # what the author sees: "heading: Follow-up information relating to …"
    pinned: bool = False
    hidden: bool = False

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.paragraph_id}"


@dataclass(slots=True)
class LinkSet:
    paragraph_id: str
    groups: dict[LinkGroup, list[Link]] = field(default_factory=dict)

    def group(self, g: LinkGroup) -> list[Link]:
        return self.groups.get(g, [])


SUGGESTIONS_PER_GROUP = 8

PRIOR_KINDS = frozenset(
    {
        DocumentKind.CONCLUDING_OBSERVATIONS,
        DocumentKind.COMMITTEE_LETTER,
        DocumentKind.COMPILATION,
    }
)

# Words on every page of a treaty-body document carry no topic: leave them out of the ranking.
_STOPWORDS = frozenset(STOPWORDS_EN) | frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "by",
        "with",
        "as",
        "at",
        "from",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "their",
        "there",
        "than",
        "also",
        "such",
        "any",
        "all",
        "other",
        "into",
        "under",
        "within",
        "between",
        "about",
        "including",
        "include",
        "includes",
        "well",
        "not",
        "no",
        "may",
        "can",
        "would",
        "should",
        "shall",
        "will",
        "committee",
        "committees",
        "state",
        "states",
        "party",
        "parties",
        "paragraph",
        "paragraphs",
        "para",
        "paras",
        "concluding",
        "observation",
        "observations",
        "recommend",
        "recommends",
        "recommended",
        "recommendation",
        "recommendations",
        "concern",
        "concerned",
        "concerns",
        "notes",
        "note",
        "noted",
        "take",
        "takes",
        "taken",
        "measure",
        "measures",
        "ensure",
        "ensures",
        "information",
        "report",
        "reports",
        "periodic",
        "convention",
        "article",
        "articles",
        "government",
        "national",
        "country",
        "period",
        "year",
        "years",
        "per",
        "cent",
        # Function words the reasons would otherwise show ("shares where, one").
        "where",
        "when",
        "what",
        "how",
        "one",
        "two",
        "whether",
        "while",
        "through",
        "since",
        "after",
        "before",
        "during",
        "upon",
        "more",
        "most",
        "only",
        "same",
        "each",
        "every",
        "both",
        "either",
        "neither",
        "further",
        "however",
        "therefore",
        "thus",
        "very",
        "much",
        "many",
        "several",
        "some",
        "own",
    ]
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


# "status", "basis", "access", "indigenous": a final s that is not a plural.
_KEEP_ENDINGS = ("ss", "us", "is", "ous")


def normalise(word: str) -> str:
    """A light English stemmer: enough that "refugees" meets "refugee" and "detained" meets
    "detention"'s neighbours, without a stemming dependency."""
    w = word.lower().replace("’", "'").split("'")[0]
    for suffix, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ments", "ment"),
        ("tions", "tion"),
        ("ings", "ing"),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith(_KEEP_ENDINGS):
            return w[: -len(suffix)] + repl
    return w


_TERMS: dict[str, str | None] = {}  # word as written -> its term, None for a stopword


def tokens(text: str) -> list[str]:
    out = []
    terms = _TERMS
    for word in _WORD.findall(text):
        term = terms.get(word, "")
        if term == "":
            w = normalise(word)
            term = terms[word] = w if len(w) > 2 and w not in _STOPWORDS else None
        if term is not None:
            out.append(term)
    if len(terms) > 200_000:  # a bound on memory for very long sessions
        terms.clear()
    return out


@dataclass(slots=True)
class Passage:
    """One paragraph of one source, as the ranking sees it."""

    source_id: str
    paragraph: Paragraph
    kind: DocumentKind
    terms: list[str] = field(default_factory=list)  # headings and text, filled in when indexed
    _text_terms: list[str] | None = None

    @property
    def text_terms(self) -> list[str]:
        """The paragraph's own words (no headings), tokenized once."""
        if self._text_terms is None:
            self._text_terms = tokens(self.paragraph.text)
        return self._text_terms

    @property
    def key(self) -> str:
        return f"{self.source_id}:{self.paragraph.id}"


@dataclass
class Index:
    """A BM25 index over the paragraphs of some sources."""

    passages: list[Passage]
    retriever: bm25s.BM25 | None = None
    idf: dict[str, float] = field(default_factory=dict)
    doc_tokens: list[set[str]] = field(default_factory=list)

    @classmethod
    def build(cls, passages: list[Passage]) -> Index:
        index = cls(passages)
        if not passages:
            return index
        for p in passages:
            p.terms = tokens(_passage_text(p.paragraph))
        corpus = [p.terms for p in passages]
        index.doc_tokens = [set(t) for t in corpus]
        import bm25s  # here, not at the top: see STOPWORDS_EN

        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        index.retriever = retriever
        n = len(corpus)
        df: dict[str, int] = {}
        for ts in index.doc_tokens:
            for t in ts:
                df[t] = df.get(t, 0) + 1
        index.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        return index

    def rank(self, query: Sequence[str], exclude: set[str], k: int) -> list[tuple[Passage, float]]:
        if self.retriever is None or not query:
            return []
        scores = self.retriever.get_scores(list(query))
        order = (-scores).argsort(kind="stable")
        out: list[tuple[Passage, float]] = []
        for i in order:
            score = float(scores[i])
            if score <= 0 or len(out) >= k:
                break
            passage = self.passages[int(i)]
            if passage.key not in exclude:
                out.append((passage, score))
        return out

    def shared_terms(self, query: dict[str, int], passage_index: int, n: int = 4) -> list[str]:
        """The terms that weigh most in this match: frequent in the query, rare in the corpus."""
        doc = self.doc_tokens[passage_index]
        shared = doc & query.keys() if len(doc) < len(query) else query.keys() & doc
        return sorted(shared, key=lambda t: (-query[t] * self.idf.get(t, 0.0), t))[:n]


def _passage_text(p: Paragraph) -> str:
    # The heading path says what a paragraph is about even when its text does not.
    return " ".join((*p.headings[-2:], p.text))


def _base_id(paragraph_id: str) -> str:
    """The paragraph a sub-paragraph belongs to: "22(a)" gives "22"."""
    return paragraph_id.split("(", 1)[0].strip()


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@dataclass
class Linker:
    """Ranks links for every CO paragraph of a workspace; build once, ask per paragraph."""

    documents: dict[str, Document]
    current_co: str | None = None  # the source id of the CO the author walks, if imported
    claims: Index = field(init=False)
    prior: Index = field(init=False)
    evidence: Index = field(init=False)
    responders: dict[str, list[tuple[Passage, str]]] = field(init=False)

    def __post_init__(self) -> None:
        claims: list[Passage] = []
        prior: list[Passage] = []
        evidence: list[Passage] = []
        self.responders = {}
        for sid, doc in self.documents.items():
            if sid == self.current_co:
                continue
            for p in doc.paragraphs:
                passage = Passage(sid, p, doc.kind)
                if doc.kind is DocumentKind.STATE_REPORT:
                    claims.append(passage)
                    for target in p.responds_to:
                        self.responders.setdefault(_base_id(target), []).append((passage, target))
                elif doc.kind in PRIOR_KINDS:
                    prior.append(passage)
                else:
                    evidence.append(passage)
        self.claims = Index.build(claims)
        self.prior = Index.build(prior)
        self.evidence = Index.build(evidence)
        self._by_key = {p.key: p for p in (*claims, *prior, *evidence)}
        self._position = {
            id(ix): {p.key: i for i, p in enumerate(ix.passages)}
            for ix in (self.claims, self.prior, self.evidence)
        }

    def query(self, co: COParagraph) -> list[str]:
        """What a CO paragraph is about, as query terms.

        The topic heading is short and the best signal, so it counts three times. The CO's own
        words count once each: a long recommendation repeats "women" or "measures" without being
        about them. A placeholder has no words yet; the State's paragraphs that answer it stand
        in, with their frequencies, since there the repetition is the topic.
        """
        parts = [co.text]
        if co.paragraph is not None:
            parts.extend(s.text for s in co.paragraph.sub_items if s.text not in co.text)
        query = tokens(co.topic) * 3 + list(dict.fromkeys(tokens(" ".join(parts))))
        if co.placeholder or not co.text:
            for passage, _ in self.responders.get(co.id, []):
                query.extend(passage.text_terms)
        return query

    def links(self, co: COParagraph, entry: Entry | None = None) -> LinkSet:
        pinned = list(entry.pinned) if entry else []
        hidden = set(entry.hidden) if entry else set()
        query = self.query(co)
        counts = Counter(query)
        groups: dict[LinkGroup, list[Link]] = {g: [] for g in LinkGroup}

        explicit: set[str] = set()
        in_passing: list[Link] = []
        for passage, target in self.responders.get(co.id, []):
            if passage.key in explicit:
                continue
            explicit.add(passage.key)
            heading = passage.paragraph.headings[-1] if passage.paragraph.headings else ""
            # A paragraph under a heading that names this CO paragraph answers it; one that only
            # mentions it (an introduction listing "paragraphs 17 (a), 19 (c) …") comes after.
            if co.id in named_by_headings(passage.paragraph):
                score, reason = 1.0, f"answers para. {target}"
            else:
                score, reason = 0.5, f"refers to para. {target}"
            if heading:
                reason += f" — under “{_short(heading)}”"
            link = Link(LinkGroup.CLAIMS, passage.source_id, passage.paragraph.id, score, reason)
            (groups[LinkGroup.CLAIMS] if score == 1.0 else in_passing).append(link)
        groups[LinkGroup.CLAIMS].extend(in_passing)

        for group, index in (
            (LinkGroup.SUGGESTED_CLAIMS, self.claims),
            (LinkGroup.PRIOR_CONCERNS, self.prior),
            (LinkGroup.EVIDENCE, self.evidence),
        ):
            positions = self._position[id(index)]
            for passage, score in index.rank(query, explicit | hidden, SUGGESTIONS_PER_GROUP):
                terms = index.shared_terms(counts, positions[passage.key])
                reason = "shares " + ", ".join(terms) if terms else "similar wording"
                if passage.paragraph.headings:
                    reason += f" — under “{_short(passage.paragraph.headings[-1])}”"
                link = Link(group, passage.source_id, passage.paragraph.id, score, reason)
                groups[group].append(link)

        self._apply_pins(groups, pinned, hidden)
        return LinkSet(co.id, groups)

    def group_of(self, passage: Passage, co_id: str) -> LinkGroup:
        if passage.kind is DocumentKind.STATE_REPORT:
            answered = {_base_id(t) for t in passage.paragraph.responds_to}
            return LinkGroup.CLAIMS if co_id in answered else LinkGroup.SUGGESTED_CLAIMS
        if passage.kind in PRIOR_KINDS:
            return LinkGroup.PRIOR_CONCERNS
        return LinkGroup.EVIDENCE

    def _apply_pins(
        self, groups: dict[LinkGroup, list[Link]], pinned: list[str], hidden: set[str]
    ) -> None:
        for g, links in groups.items():
            groups[g] = [lk for lk in links if lk.key not in hidden]
        for key in reversed(pinned):  # reversed: the first pin ends up on top
            if key in hidden:
                continue
            passage = self._by_key.get(key)
            found: Link | None = None
            for links in groups.values():
                for lk in links:
                    if lk.key == key:
                        found = lk
                        links.remove(lk)
                        break
                if found:
                    break
            if found is None:
                if passage is None:
                    continue  # pinned paragraph no longer exists; reported at import
                g = self.group_of(passage, "")
                found = Link(g, passage.source_id, passage.paragraph.id, 0.0, "pinned by you")
            link = Link(
                found.group,
                found.source_id,
                found.paragraph_id,
                found.score,
                found.reason,
                pinned=True,
            )
            groups[found.group].insert(0, link)

    def known_key(self, key: str) -> bool:
        return key in self._by_key
