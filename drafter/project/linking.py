"""Links from each concluding-observations paragraph to what the author needs beside it.

Four groups (see `LinkGroup`): the State's claims that explicitly answer the paragraph
(`responds_to` in the State report), the State's other paragraphs ranked by similarity, prior
concerns (earlier COs, committee letters, compilations) and evidence (the NGO's own documents).

Ranking is BM25 (bm25s: maintained, numpy/scipy only, indexes hundreds of paragraphs in
milliseconds) over each document's language (stop words and stemmer from the language's data);
each ranked link says why it is there (the shared terms that weigh most, and the heading it sits
under). In every group, what explicitly cites the paragraph comes first (a State report's reply
under a heading that names it, evidence that quotes "paragraph 25 of the concluding
observations"); what the walked paragraph is — of the concluding observations or of the list of
issues — decides which citations count. The author's pins come first and hidden links are left
out, whatever the ranking says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from drafter.documents.model import Document, DocumentKind, Paragraph, ReferenceScope
from drafter.project.model import Entry
from drafter.project.paragraphs import COParagraph, named_by_headings

if TYPE_CHECKING:
    import bm25s


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
        DocumentKind.LIST_OF_ISSUES,
        DocumentKind.COMMITTEE_LETTER,
        DocumentKind.COMPILATION,
    }
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


class Tokenizer:
    """A language's words as ranking terms: its stop words left out, the rest stemmed.

    From the language's data ([ranking] of `templates/languages/<code>.toml`): bm25s's stop word
    list for the language plus the words on every page of a treaty-body document, and a stemmer
    (PyStemmer's Snowball for French and Spanish; English keeps drafter's light plural
    stripping, on which the English links were tuned).
    """

    def __init__(self, code: str | None) -> None:
        from drafter.documents.language import language

        lang = language(code)
        self.code = lang.code
        stop = set(lang.words("ranking", "extra_stopwords"))
        spec = lang.string("ranking", "stopwords")
        if spec.startswith("bm25s:"):
            import bm25s.stopwords  # loaded when ranking, never at start-up

            stop.update(getattr(bm25s.stopwords, spec.removeprefix("bm25s:"), ()))
        self.stopwords = frozenset(w.lower() for w in stop)
        self.elisions = tuple(w.lower() for w in lang.words("ranking", "elisions"))
        name = lang.string("ranking", "stemmer", "light-english")
        self.stem = normalise if name == "light-english" else _snowball(name)
        self.terms: dict[str, str | None] = {}  # word as written -> its term, None: a stopword

    def word(self, word: str) -> str:
        """A word without its elided article ("l'égalité" -> "égalité"), stemmed."""
        if self.elisions and ("'" in word or "’" in word):
            head, _, tail = word.replace("’", "'").partition("'")
            if head.lower() in self.elisions and tail:
                word = tail
        return self.stem(word)

    def __call__(self, text: str) -> list[str]:
        out = []
        terms = self.terms
        stopwords = self.stopwords
        for word in _WORD.findall(text):
            term = terms.get(word, "")
            if term == "":
                w = self.word(word)
                keep = len(w) > 2 and w not in stopwords and word.lower() not in stopwords
                term = terms[word] = w if keep else None
            if term is not None:
                out.append(term)
        if len(terms) > 200_000:  # a bound on memory for very long sessions
            terms.clear()
        return out


def _snowball(name: str) -> Callable[[str], str]:
    import Stemmer  # PyStemmer: Snowball stemmers in C

    try:
        stemmer = Stemmer.Stemmer(name)
    except KeyError:
        return str.lower  # an algorithm PyStemmer lacks: words as they are
    stem_word = stemmer.stemWord

    def stem(word: str) -> str:
        return str(stem_word(word.lower()))

    return stem


_TOKENIZERS: dict[str, Tokenizer] = {}


def tokenizer(code: str | None) -> Tokenizer:
    key = code or "en"
    found = _TOKENIZERS.get(key)
    if found is None:
        found = _TOKENIZERS[key] = Tokenizer(code)
    return found


def tokens(text: str, language: str | None = None) -> list[str]:
    """The ranking terms of `text` in a language (English by default)."""
    return tokenizer(language)(text)


@dataclass(slots=True)
class Passage:
    """One paragraph of one source, as the ranking sees it."""

    source_id: str
    paragraph: Paragraph
    kind: DocumentKind
    terms: list[str] = field(default_factory=list)  # headings and text, filled in when indexed
    _text_terms: list[str] | None = None
    language: str = "en"

    @property
    def text_terms(self) -> list[str]:
        """The paragraph's own words (no headings), tokenized once."""
        if self._text_terms is None:
            self._text_terms = tokens(self.paragraph.text, self.language)
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
            p.terms = tokens(_passage_text(p.paragraph), p.language)
        corpus = [p.terms for p in passages]
        index.doc_tokens = [set(t) for t in corpus]
        import bm25s  # here, not at the top: importing it loads scipy (~180 ms)

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
    """Ranks links for every CO paragraph of a workspace; build once, ask per paragraph.

    `current_co` is the document the author walks: the concluding observations, or the list
    of issues while no concluding observations are imported.
    """

    documents: dict[str, Document]
    current_co: str | None = None  # the source id of the walked document, if imported
    claims: Index = field(init=False)
    prior: Index = field(init=False)
    evidence: Index = field(init=False)
    # Explicit citations, by what they cite (CO or list of issues), then base paragraph id.
    responders: dict[str, list[tuple[Passage, str]]] = field(init=False)
    responders_list_of_issues: dict[str, list[tuple[Passage, str]]] = field(init=False)

    def __post_init__(self) -> None:
        claims: list[Passage] = []
        prior: list[Passage] = []
        evidence: list[Passage] = []
        self.responders = {}
        self.responders_list_of_issues = {}
        walked = self.documents.get(self.current_co) if self.current_co else None
        walked_symbol = walked.symbol if walked is not None else None
        for sid, doc in self.documents.items():
            if sid == self.current_co:
                continue
            for p in doc.paragraphs:
                passage = Passage(sid, p, doc.kind, language=doc.language)
                if doc.kind is DocumentKind.STATE_REPORT:
                    claims.append(passage)
                elif doc.kind in PRIOR_KINDS:
                    prior.append(passage)
                else:
                    evidence.append(passage)
                self._note_citations(passage, doc, walked_symbol)
        self.claims = Index.build(claims)
        self.prior = Index.build(prior)
        self.evidence = Index.build(evidence)
        self._by_key = {p.key: p for p in (*claims, *prior, *evidence)}
        self._position = {
            id(ix): {p.key: i for i, p in enumerate(ix.passages)}
            for ix in (self.claims, self.prior, self.evidence)
        }

    def _note_citations(self, passage: Passage, doc: Document, walked: str | None) -> None:
        """What the paragraph explicitly answers or cites: a State report's `responds_to`; in
        any other document its references to the walked document (by its symbol, or to
        "the concluding observations" without one)."""
        p = passage.paragraph
        if doc.kind is DocumentKind.STATE_REPORT:
            co_targets: list[str] = list(p.responds_to)
            loi_targets: list[str] = list(p.responds_to_list_of_issues)
        else:
            co_targets, loi_targets = [], []
            for ref in p.references:
                if ref.symbol is not None and walked is not None and ref.symbol != walked:
                    continue  # an earlier cycle's observations, another committee's
                if ref.scope is ReferenceScope.CONCLUDING_OBSERVATIONS:
                    co_targets.extend(ref.targets)
                elif ref.scope is ReferenceScope.LIST_OF_ISSUES:
                    loi_targets.extend(ref.targets)
        for targets, responders in (
            (co_targets, self.responders),
            (loi_targets, self.responders_list_of_issues),
        ):
            for target in dict.fromkeys(targets):
                responders.setdefault(_base_id(target), []).append((passage, target))

    def _responders(self, co: COParagraph) -> list[tuple[Passage, str]]:
        if co.target is DocumentKind.LIST_OF_ISSUES:
            return self.responders_list_of_issues.get(co.id, [])
        return self.responders.get(co.id, [])

    def query(self, co: COParagraph) -> list[str]:
        """What a CO paragraph is about, as query terms.

        The topic heading is short and the best signal, so it counts three times. The CO's own
        words count once each: a long recommendation repeats "women" or "measures" without being
        about them. A placeholder has no words yet; the State's paragraphs that answer it stand
        in, with their frequencies, since there the repetition is the topic.
        """
        language = co.paragraph_language
        parts = [co.text]
        if co.paragraph is not None:
            parts.extend(s.text for s in co.paragraph.sub_items if s.text not in co.text)
        query = tokens(co.topic, language) * 3
        query += list(dict.fromkeys(tokens(" ".join(parts), language)))
        if co.placeholder or not co.text:
            for passage, _ in self._responders(co):
                if passage.kind is DocumentKind.STATE_REPORT:
                    query.extend(passage.text_terms)
        return query

    def links(self, co: COParagraph, entry: Entry | None = None) -> LinkSet:
        """The ranked links of a CO paragraph with the author's pins and hidden links applied."""
        return apply_choices(self.ranked(co), entry, self.group_of_key)

    def ranked(self, co: COParagraph) -> LinkSet:
        """The links of a CO paragraph as the documents alone give them (no pins, nothing
        hidden): what depends only on the sources, so it can be cached (link_cache.py)."""
        query = self.query(co)
        counts = Counter(query)
        groups: dict[LinkGroup, list[Link]] = {g: [] for g in LinkGroup}

        explicit: set[str] = set()
        in_passing: dict[LinkGroup, list[Link]] = {g: [] for g in LinkGroup}
        for passage, target in self._responders(co):
            if passage.key in explicit:
                continue
            explicit.add(passage.key)
            group = self.group_of(passage, co.id)
            if group is LinkGroup.SUGGESTED_CLAIMS:
                group = LinkGroup.CLAIMS
            heading = passage.paragraph.headings[-1] if passage.paragraph.headings else ""
            # A paragraph under a heading that names this CO paragraph answers it; one that only
            # mentions it (an introduction listing "paragraphs 17 (a), 19 (c) …") comes after.
            if co.id in named_by_headings(passage.paragraph):
                score, reason = 1.0, f"answers para. {target}"
            else:
                score, reason = 0.5, f"refers to para. {target}"
            if heading:
                reason += f" — under “{_short(heading)}”"
            link = Link(group, passage.source_id, passage.paragraph.id, score, reason)
            (groups[group] if score == 1.0 else in_passing[group]).append(link)
        for group, links in in_passing.items():
            groups[group].extend(links)

        for group, index in (
            (LinkGroup.SUGGESTED_CLAIMS, self.claims),
            (LinkGroup.PRIOR_CONCERNS, self.prior),
            (LinkGroup.EVIDENCE, self.evidence),
        ):
            positions = self._position[id(index)]
            # Hidden links are dropped after ranking; ask for enough to fill the group anyway.
            for passage, score in index.rank(query, explicit, SUGGESTIONS_PER_GROUP + 8):
                terms = index.shared_terms(counts, positions[passage.key])
                reason = "shares " + ", ".join(terms) if terms else "similar wording"
                if passage.paragraph.headings:
                    reason += f" — under “{_short(passage.paragraph.headings[-1])}”"
                link = Link(group, passage.source_id, passage.paragraph.id, score, reason)
                groups[group].append(link)
        return LinkSet(co.id, groups)

    def group_of(self, passage: Passage, co_id: str) -> LinkGroup:
        if passage.kind is DocumentKind.STATE_REPORT:
            p = passage.paragraph
            answered = {_base_id(t) for t in (*p.responds_to, *p.responds_to_list_of_issues)}
            return LinkGroup.CLAIMS if co_id in answered else LinkGroup.SUGGESTED_CLAIMS
        return group_for_kind(passage.kind)

    def group_of_key(self, key: str) -> LinkGroup | None:
        passage = self._by_key.get(key)
        return None if passage is None else self.group_of(passage, "")

    def known_key(self, key: str) -> bool:
        return key in self._by_key


def group_for_kind(kind: DocumentKind) -> LinkGroup:
    """The group a paragraph of a source of this kind is listed in when nothing ranks it (a
    pin, a hidden link shown again)."""
    if kind is DocumentKind.STATE_REPORT:
        return LinkGroup.SUGGESTED_CLAIMS
    if kind in PRIOR_KINDS:
        return LinkGroup.PRIOR_CONCERNS
    return LinkGroup.EVIDENCE


def apply_choices(
    ranked: LinkSet,
    entry: Entry | None,
    group_of_key: Callable[[str], LinkGroup | None],
    *,
    with_hidden: bool = False,
) -> LinkSet:
    """The author's choices over the ranking, the one rule for every caller: pinned links first
    in their group (a pin the ranking did not bring is added, in its source's group), hidden
    links left out, or, `with_hidden`, listed last in their group and marked hidden so they
    can be shown again. Suggested groups keep `SUGGESTIONS_PER_GROUP` links."""
    pinned = list(entry.pinned) if entry else []
    hidden = list(entry.hidden) if entry else []
    hidden_set = set(hidden)
    groups: dict[LinkGroup, list[Link]] = {}
    for g, links in ranked.groups.items():
        kept = [lk for lk in links if lk.key not in hidden_set]
        if g is not LinkGroup.CLAIMS:
            kept = kept[:SUGGESTIONS_PER_GROUP]
        groups[g] = kept
    for key in reversed(pinned):  # reversed: the first pin ends up on top
        if key in hidden_set:
            continue
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
            pin_group = group_of_key(key)
            if pin_group is None:
                continue  # pinned paragraph no longer exists; reported at import
            source_id, _, paragraph_id = key.partition(":")
            found = Link(pin_group, source_id, paragraph_id, 0.0, "pinned by you")
        link = Link(
            found.group, found.source_id, found.paragraph_id, found.score, found.reason, pinned=True
        )
        groups.setdefault(found.group, []).insert(0, link)
    if with_hidden:
        for key in hidden:
            hidden_group = group_of_key(key)
            if hidden_group is None:
                continue
            source_id, _, paragraph_id = key.partition(":")
            groups.setdefault(hidden_group, []).append(
                Link(hidden_group, source_id, paragraph_id, 0.0, "hidden by you", hidden=True)
            )
    return LinkSet(ranked.paragraph_id, groups)
