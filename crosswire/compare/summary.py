"""An extractive summary that cites its sources, and the list of where reports differ.

Each claim group is represented by its claim nearest the group's mean vector. Relevance is the cosine to
the event centroid plus a bonus per extra independent outlet; sentences are picked by maximal marginal
relevance (Carbonell and Goldstein 1998) and shown most corroborated first, then in story order, so a
reader sees what independent outlets agree on before what one outlet alone says. Conflicting groups are
left out of the summary and stated in the differences instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.settings import CompareSettings
from crosswire.model import Span


@dataclass
class Citation:
    outlet: str
    claim_id: str
    span: Span


@dataclass
class SummarySentence:
    text: str
    claim_id: str
    group_id: str
    status: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Difference:
    group_id: str
    kinds: list[str]
    reasons: list[str]
    sides: list[Citation]
    texts: dict[str, str] = field(default_factory=dict)  # claim id -> text
    between: str = "reports"  # "sources": only people the outlets quote disagree (``Conflict.between``)


def _citations(group: ClaimGroup) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for c in group.claims:
        seen.setdefault(c.outlet, Citation(c.outlet, c.id, c.span))
    return list(seen.values())


def _representative(group: ClaimGroup, index: dict[str, int], vectors: np.ndarray) -> int | None:
    """The group's whole claim (not a part, ``facets``) nearest its mean that reads as a sentence."""
    rows = [index[c.id] for c in group.claims if c.id in index and _has_subject(c.text)]
    if not rows:
        return None
    mean = vectors[rows].mean(axis=0)
    return rows[int(np.argmax(vectors[rows] @ mean))]


def _has_subject(text: str) -> bool:
    """A sentence cut at its subject's relative clause gives two claims that are no summary lines: the
    subject with its clause ("Mike Pompeo, who met Netanyahu on Sunday,": no verb of its own) and the rest
    ("have rejected the truce": its verb first)."""
    from crosswire.compare.propositions import parse_cached

    doc = parse_cached(text)
    first = next((t for t in doc if not t.is_punct), None)
    if first is None:
        return True
    verb_root = any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in doc)
    return first.pos_ not in ("VERB", "AUX") and (verb_root or not text.rstrip().endswith(","))


def _mmr(relevance: np.ndarray, reps: np.ndarray, k: int, lam: float) -> list[int]:
    chosen: list[int] = []
    while len(chosen) < min(k, len(relevance)):
        redundancy = (reps @ reps[chosen].T).max(axis=1) if chosen else np.zeros(len(relevance))
        score = lam * relevance - (1 - lam) * redundancy
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return chosen


def summarise(
    claims: list[Claim], groups: list[ClaimGroup], vectors: np.ndarray, settings: CompareSettings
) -> list[SummarySentence]:
    """Summary sentences, most corroborated first, each citing every outlet that carries its claim."""
    index = {c.id: i for i, c in enumerate(claims)}
    if len(vectors) == 0:
        return []
    chosen = [(g, _representative(g, index, vectors)) for g in groups if g.status != "conflicting"]
    pool = [g for g, row in chosen if row is not None]
    rep_rows = [row for _, row in chosen if row is not None]
    if not pool:
        return []
    reps = vectors[rep_rows]
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    bonus = np.array([settings.summary_corroboration * (g.independent - 1) for g in pool])
    picked = _mmr(reps @ centroid + bonus, reps, settings.summary_sentences, settings.summary_lambda)
    out = []
    for k in sorted(picked, key=lambda k: (-pool[k].independent, rep_rows[k])):
        claim, group = claims[rep_rows[k]], pool[k]
        text = as_sentence(claim.text)
        out.append(SummarySentence(text, claim.id, group.id, group.status, _citations(group)))
    return out


def as_sentence(text: str) -> str:
    """A claim that is a clause of a longer sentence, written as a sentence for the summary: first letter
    capitalised, a closing comma or semicolon made a full stop (its span still points at the clause)."""
    text = text.strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text[:-1] + "." if text.endswith((",", ";")) else text


def differences(groups: list[ClaimGroup], claims: list[Claim]) -> list[Difference]:
    """One entry per conflicting group: its kinds of conflict, reasons and the claims on each side. Where
    the outlets' own reports disagree comes first, then where only people they quote do."""
    by_id = {c.id: c for c in claims}
    out = []
    for g in groups:
        if g.status != "conflicting":
            continue
        ids = list(dict.fromkeys(i for c in g.conflicts for i in (c.claim_a, c.claim_b)))
        sides = [Citation(by_id[i].outlet, i, by_id[i].span) for i in ids]
        kinds = list(dict.fromkeys(c.kind for c in g.conflicts))
        reasons = list(dict.fromkeys(c.reason for c in g.conflicts))
        between = "sources" if all(c.between == "sources" for c in g.conflicts) else "reports"
        texts = {i: as_sentence(by_id[i].text) for i in ids}
        out.append(Difference(g.id, kinds, reasons, sides, texts, between))
    return sorted(out, key=lambda d: d.between != "reports")
