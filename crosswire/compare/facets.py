"""Facts one part of a sentence shares with another report: parts of claims that join groups.

One claim sits in one claim group, so a sentence of several facts ("Velmarian warplanes are still carrying out
air strikes, the military said, three days after Keller announced that the main part of the air group would
come home") can agree with another report on one of them only, and its vector stays far from a sentence that
states just the other one. Here each claim is also cut, on its dependency parse, into parts: its clauses, a
verb's prepositional phrases, objects, and its core (the sentence without appositions and relative clauses set
off by commas: "The company, a subsidiary of the Halvard Maritime Group, has offered 4.5 percent" → "The
company has offered 4.5 percent"). A part of one source joins a claim or a part of another when both have a
predicate of their own, are close in meaning on their own (``facet_min``), share a word that is not a name's,
and pass the checks whole claims pass (anchored, figures that meet, same mood and polarity), and do not date
what they say to different days. A part joins the (unique or corroborated) group of the claim it matches, or
forms a new corroborated group with another part; part claims carry ``Claim.part_of`` and their own span, so
the evidence points at the words that agree. Whole claims and their groups are left as they are: a part adds a
source's word on a fact, it never merges two groups.

Not parts: what is asked, supposed, sought or denied ("declined to say how many aircraft remained", "if the
truce holds", "sought a treaty to end the war", "did not say that ..."), a source ("according to the
ministry"), and phrases without a verb of their own ("the former FBI director James Comey", "the ancient city
of Palmyra", "the Iran deal"): on real news (NewsWCL50) names, titles and topics were most of the wrong
matches. The one verbless part kept names a thing held at a named place ("UN-brokered peace talks in Geneva");
it matches only a claim or part with a verb that uses its noun, from ``align_strong``. What a part says can or
could happen is hypothetical, as a claim's "could" is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from crosswire.compare.align import ClaimGroup, _average, _Groups, candidate_pairs
from crosswire.compare.claims import Claim
from crosswire.compare.conflicts import anchored, figures_apart, same_day
from crosswire.compare.features import content_words, stem
from crosswire.compare.propositions import parse_cached, parse_many
from crosswire.compare.settings import CompareSettings
from crosswire.read.aliases import ORGANISATION_NOUNS, PERSON_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PART_DEPS = frozenset({"advcl", "relcl", "acl", "xcomp", "ccomp", "conj", "prep", "pcomp", "dobj", "pobj"})
# a predicate, not a verb used as a modifier ("a captured tank") or a source ("according to the ministry")
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
REPORTING = frozenset({"say", "tell", "accord", "add", "report", "state", "cite", "quote"})
# what is asked or supposed is not stated: "declined to say how many aircraft remained", "if the truce holds"
OPEN_WORDS = frozenset({"how", "whether", "if", "why", "what", "unless"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})  # what a denial or refusal governs is not stated
NEGATIVE_HEADS = frozenset({"deny", "decline", "refuse", "fail", "doubt", "question"})
WHO_NOUNS = PERSON_NOUNS | ORGANISATION_NOUNS
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})
MODALS = frozenset({"can", "could", "may", "might", "ca"})
SHORTER = 3  # words a part lacks of its claim at least ("the government has announced" that ...)
ASIDE_DEPS = frozenset({"appos", "relcl"})  # set off by commas: left out of a sentence's core


@dataclass(frozen=True)
class PartBounds:
    """A part of a claim: character bounds within the claim's text, and its own text (the core's words
    skip the asides, so the text may be shorter than the bounds)."""

    start: int
    end: int
    text: str
    modal: bool = False  # its predicate takes "can", "could", "may" or "might"
    head: str | None = None  # a part without a verb of its own: the stem of its head noun ("talks")
    gaps: tuple[tuple[int, int], ...] = ()  # the asides a core leaves out, bounds within the claim's text


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ",;: ":
        end -= 1
    return start, end


def _before_apposition(tok: Token) -> Token:
    """The last token of ``tok``'s subtree before a name set off by a comma at its end: an apposition the
    parse hangs on the part's last noun ("the city of Palmyra, Lt. Gen. Sergei Rudskoi, a spokesman")."""
    for t in tok.subtree:
        if t.dep_ == "appos" and t.i > tok.i and t.pos_ == "PROPN" and t.doc[t.left_edge.i - 1].text == ",":
            return t.doc[t.left_edge.i - 2] if t.left_edge.i - 2 >= tok.i else tok
    return tok.right_edge


def _stated(part: Span, root: Token) -> bool:
    """The part is no question, condition or goal ("to ..."), no source ("according to the ministry") and,
    when a clause, not governed by a denial or refusal ("declined to say how many aircraft remained"; a thing
    named under a denial, "did not take part in the army's offensive", is still said to exist)."""
    if part[0].lower_ in OPEN_WORDS or root.lemma_ in REPORTING or _infinitive(root):
        return False
    head = root.head
    denied = head.lemma_ in NEGATIVE_HEADS or any(c.dep_ == "neg" for c in head.children)
    return not (denied and root.dep_ in CLAUSE_DEPS)


def _infinitive(root: Token) -> bool:
    """A "to" clause says what someone wants, seeks or asks ("sought a treaty to formally end the war"), not
    what happened."""
    return root.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)


def _thing_head(tok: Token) -> str | None:
    """The stem of the common noun of a verbless part that names something held at a named place ("peace
    talks in Geneva" → talks), or None: a name, a person or an organisation ("the former FBI director James
    Comey"), a topic ("the Iran deal", "Russian interference in the 2016 election") states nothing."""
    head = next((c for c in tok.children if c.dep_ == "pobj"), None) if tok.dep_ == "prep" else tok
    if head is None or head.pos_ != "NOUN" or head.lemma_.lower() in WHO_NOUNS:
        return None
    placed = any(
        c.dep_ == "prep" and c.lower_ in PLACE_PREPOSITIONS and any(o.pos_ == "PROPN" for o in c.children)
        for c in head.children
    )
    return stem(head.lemma_.lower()) if placed else None


def _modal(root: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in root.children)


def _predicate(tokens: list[Token] | Span) -> bool:
    """A verb of its own that is not a modifier ("a captured tank") or a reporting verb."""
    return any(t.pos_ == "VERB" and t.dep_ not in MODIFIER_DEPS and t.lemma_ not in REPORTING for t in tokens)


def _core(doc: Doc) -> tuple[list[Token], list[tuple[int, int]]]:
    """The sentence without its asides (appositions and relative clauses set off by a comma), and the
    character bounds of the asides."""
    aside: set[int] = set()
    gaps: list[tuple[int, int]] = []
    for t in doc:
        if t.dep_ in ASIDE_DEPS and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            aside.update(range(t.left_edge.i - 1, t.right_edge.i + 1))
            after = t.right_edge.i + 1
            if after < len(doc) and doc[after].text == ",":
                aside.add(after)
            gaps.append((t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)))
    return ([t for t in doc if t.i not in aside], gaps) if aside else ([], [])


def _joined(tokens: list[Token]) -> str:
    """Tokens as text, a space between two that were apart or are now (an aside left out between them)."""
    out = ""
    for prev, t in zip([None, *tokens], tokens, strict=False):
        apart = bool(prev.whitespace_) if prev is not None and t.i == prev.i + 1 else not t.is_punct
        if prev is not None and apart:
            out += " "
        out += t.text
    return out.strip(" ,;:")


def part_bounds(text: str, min_words: int) -> list[PartBounds]:
    """The parts of a claim with a predicate of their own: subtrees of a clause, a prepositional phrase or an
    object, ``min_words`` words or more and shorter than the claim by at least ``SHORTER`` words, that
    state something (``_stated``); and the claim's core, when it has asides."""
    doc = parse_cached(text)
    total = len(text.split())
    out: dict[tuple[int, int], PartBounds] = {}
    for tok in doc:
        if tok.dep_ not in PART_DEPS:
            continue
        left, right = tok.left_edge, _before_apposition(tok)
        start, end = _trim(text, left.idx, right.idx + len(right.text))
        part = doc[left.i : right.i + 1]
        words = len(text[start:end].split())
        if not (min_words <= words <= total - SHORTER and _stated(part, tok)):
            continue
        if _predicate(part):
            out.setdefault((start, end), PartBounds(start, end, text[start:end], _modal(tok)))
        elif (head := _thing_head(tok)) is not None:
            out.setdefault((start, end), PartBounds(start, end, text[start:end], head=head))
    core, gaps = _core(doc)
    if core and _predicate(core) and len(core) >= min_words:
        start, end = _trim(text, core[0].idx, core[-1].idx + len(core[-1].text))
        root = next((t for t in core if t.dep_ == "ROOT"), core[0])
        out.setdefault((start, end), PartBounds(start, end, _joined(core), _modal(root), gaps=tuple(gaps)))
    return list(out.values())


def _lower_words(text: str) -> frozenset[str]:
    return content_words(" ".join(w for w in text.split() if w[:1].islower()))


def _common_words(a: str, b: str) -> bool:
    """A word not of a name (lowercase in both) in common: "summit" or "strikes", not "Prime Minister Abe"."""
    return bool(_lower_words(a) & _lower_words(b))


def _days_apart(a: Claim, b: Claim) -> bool:
    """Both date what they say to a day, and to no day in common ("shot himself in the hand Nov. 2" / "on
    Nov. 11"): another happening, or a difference, not one fact."""
    days_a = [t for t in a.times if t.granularity == "day"]
    days_b = [t for t in b.times if t.granularity == "day"]
    return bool(days_a and days_b) and not any(same_day(x, y) for x in days_a for y in days_b)


PartMaker = Callable[[Claim, PartBounds, str], Claim]


def _parts(claims: list[Claim], make: PartMaker, min_words: int) -> tuple[list[Claim], dict[str, str]]:
    """Parts of every claim, and the head noun's stem of each part without a verb of its own, by part id."""
    parts: list[Claim] = []
    heads: dict[str, str] = {}
    parse_many([c.text for c in claims])
    for c in claims:
        for n, bounds in enumerate(part_bounds(c.text, min_words)):
            parts.append(make(c, bounds, f"{c.id}.{n}"))
            if bounds.head is not None:
                heads[parts[-1].id] = bounds.head
    return parts, heads


def _match(a: Claim, b: Claim, sim: float, heads: dict[str, str], s: CompareSettings) -> bool:
    """Two claims or parts that may state one fact, by what they say and how close they are. A part without
    a verb of its own ("UN-brokered peace talks in Geneva") matches only a claim or part with one that uses
    its head noun ("a stance taken by negotiators at peace talks in Geneva"), from ``align_strong``."""
    ha, hb = heads.get(a.id), heads.get(b.id)
    if ha is not None or hb is not None:
        if (ha is not None and hb is not None) or sim < s.align_strong:
            return False
        if (ha is not None and ha not in b.words) or (hb is not None and hb not in a.words):
            return False
    return (
        a.source != b.source
        and a.hypothetical == b.hypothetical
        and a.polarity == b.polarity
        and not figures_apart(a, b)
        and not _days_apart(a, b)
        and anchored(a, b)
        and _common_words(a.text, b.text)
    )


class _Facets:
    """Whole claims in their groups (which never merge) and parts that join them or one another."""

    def __init__(self, claims: list[Claim], parts: list[Claim], groups: list[ClaimGroup]) -> None:
        self.items = claims + parts
        self.n = len(claims)
        self.uf = _Groups(len(self.items))
        index = {c.id: k for k, c in enumerate(claims)}
        self.whole: dict[int, ClaimGroup] = {}
        for g in groups:
            ks = [index[c.id] for c in g.claims]
            for k in ks[1:]:
                self.uf.union(ks[0], k)
            self.whole[self.uf.find(ks[0])] = g
        self.parent = {k: index[p.part_of or ""] for k, p in enumerate(self.items) if k >= self.n}

    def group_of(self, root: int) -> ClaimGroup | None:
        members = self.uf.members[root]
        return next((self.whole[r] for r in (self.uf.find(k) for k in members if k < self.n)), None)

    def may_join(self, ri: int, rj: int) -> bool:
        """Groups of whole claims never merge, nor does a conflict take parts; each claim is in a group once,
        whole or by one part."""
        a, b = self.uf.members[ri], self.uf.members[rj]
        if any(k < self.n for k in a) and any(k < self.n for k in b):
            return False
        for root in (ri, rj):
            g = self.group_of(root)
            if g is not None and g.status == "conflicting":
                return False
        claims = [self.parent.get(k, k) for k in a + b]
        return len(claims) == len(set(claims))


def facet_groups(
    claims: list[Claim],
    vectors: np.ndarray,
    groups: list[ClaimGroup],
    make: PartMaker,
    embed: Callable[[list[str]], np.ndarray],
    s: CompareSettings,
) -> list[Claim]:
    """Parts of claims that join a group of another source's claim (appended to it, its status updated) or
    form a new corroborated group with another source's part (appended to ``groups``); returns the parts
    placed."""
    parts, heads = _parts(claims, make, s.min_claim_words)
    if not parts:
        return []
    facets = _Facets(claims, parts, groups)
    every = np.vstack([vectors, embed([p.text for p in parts])])
    pairs = candidate_pairs(every, [c.article_id for c in facets.items], s.facet_min)
    group_of = {c.id: g.id for g in groups for c in g.claims}
    found: list[tuple[int, int, float]] = []
    for i, j, sim in pairs:
        if i < facets.n and j < facets.n:
            continue
        ca, cb = facets.parent.get(i, i), facets.parent.get(j, j)
        a, b = facets.items[i], facets.items[j]
        if group_of[claims[ca].id] != group_of[claims[cb].id] and _match(a, b, sim, heads, s):
            found.append((i, j, sim))
    uf = facets.uf
    linked: set[tuple[int, int]] = set()  # claims already joined by some of their parts
    # a part joins a group of whole claims first (another source's word on a fact the dossier has), and
    # parts with a verb of their own pair before those without
    def order(p: tuple[int, int, float]) -> tuple[bool, bool, float]:
        i, j, sim = p
        verbless = facets.items[i].id in heads or facets.items[j].id in heads
        return i >= facets.n and j >= facets.n, verbless, -sim

    for i, j, _ in sorted(found, key=order):
        ri, rj = uf.find(i), uf.find(j)
        ca, cb = facets.parent.get(i, i), facets.parent.get(j, j)
        if (min(ca, cb), max(ca, cb)) in linked or ri == rj or not facets.may_join(ri, rj):
            continue
        if _average(every, uf.members[ri], uf.members[rj]) >= s.merge_average:
            left = {facets.parent.get(k, k) for k in uf.members[ri]}
            right = {facets.parent.get(k, k) for k in uf.members[rj]}
            linked.update((min(x, y), max(x, y)) for x in left for y in right)
            uf.union(ri, rj)
    placed: list[Claim] = []
    for root in sorted(uf.members, key=lambda r: min(uf.members[r])):
        mine = [facets.items[k] for k in sorted(uf.members[root]) if k >= facets.n]
        if not mine:
            continue
        g = facets.group_of(root)
        if g is None:
            if len({p.source for p in mine}) < 2:
                continue
            g = ClaimGroup(f"g{len(groups)}", [])
            groups.append(g)
        g.claims.extend(mine)
        g.status = "corroborated" if len({c.source for c in g.claims}) >= 2 else g.status
        placed += mine
    return placed


def part_of(claim: Claim, part: Claim, bounds: PartBounds) -> Claim:
    """``part`` with the text of ``bounds`` (a core skips its asides) and its words; what its predicate can
    or could do is no happening ("North Korea can resume testing")."""
    hypothetical = part.hypothetical or bounds.modal
    if part.text == bounds.text and hypothetical == part.hypothetical:
        return part
    gaps = [(claim.span.start + s, claim.span.start + e) for s, e in bounds.gaps]

    def kept(items: tuple[Any, ...]) -> tuple[Any, ...]:  # what a left-out aside says is not the core's
        return tuple(x for x in items if not any(s <= x.span.start < e for s, e in gaps))

    return replace(
        part,
        text=bounds.text,
        words=content_words(bounds.text),
        hypothetical=hypothetical,
        quantities=kept(part.quantities),
        times=kept(part.times),
        places=kept(part.places),
    )
