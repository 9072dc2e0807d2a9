"""Aligning claims across outlets into claim groups, and marking each group's status.

Candidate pairs come from sentence vectors (chunked, so 10^4 claims fit in memory). Two claims of
different articles align when their cosine is ≥ ``align_strong``, or ≥ ``align_weak`` and they share an
anchor (entity or content words); a claim of what could happen ("could redeploy") aligns with one of what
happened only at ``align_strong``, and so do two claims whose figures do not meet (one states figures the
other lacks, or no two of their figures agree: "18 to 22 sorties a day" / "more than 9,000 sorties"). Two
that repeat one quoted phrase align from ``conflict_min``, and two that date one happening to the same day
("was breached on Tuesday" / "the dam burst on Tuesday") from ``compatible_min``. Groups grow greedily from
the most similar pair down, and two groups merge only while their average cosine stays ≥ ``merge_average``
(no long chains; the lower floors above for quotations and days). Claims that conflict
(``conflicts.find_conflicts``, denials of harm) or state compatible figures or dates join one group, marked
*conflicting* when a conflict is listed, but not transitively: two groups join on such a check only when
no article has claims in both and their average cosine stays ≥ ``compatible_min`` (or the pair's own, when
lower). Otherwise the check is listed on the smaller of the two groups, and the claims stay apart. (Joining
every pair made one group of most of a long report's claims on real news, NewsWCL50: every sentence with
"25 percent" or a negation chained in; benchmarks/dossier_real.py.) An age that matches a year of building
is listed as compatible without joining the two claims: they agree on a thing both mention, not on what
they report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from crosswire.compare.claims import Claim
from crosswire.compare.conflicts import (
    Compatibility,
    Conflict,
    age_checks,
    anchored,
    contested_measures,
    dated_happenings,
    dates_agree,
    day_figures_apart,
    denied_harm,
    figure_checks,
    figures_apart,
    find_conflicts,
    harm_figure_claims,
    measure,
    measure_key,
    same_day,
    topic_words,
)
from crosswire.compare.features import shares_quote
from crosswire.compare.settings import CompareSettings
from crosswire.read.timex import TimeRef

CHUNK = 1024


@dataclass
class ClaimGroup:
    """Claims of several articles that say the same thing (or disagree about it)."""

    id: str
    claims: list[Claim]
    status: str = "unique"  # "corroborated" | "unique" | "conflicting"
    conflicts: list[Conflict] = field(default_factory=list)
    compatible: list[Compatibility] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(c.source for c in self.claims))

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(c.outlet for c in self.claims))

    @property
    def independent(self) -> int:
        return len(self.sources)


def candidate_pairs(vectors: np.ndarray, articles: list[str], floor: float) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for i < j of different articles with cosine ≥ ``floor``, most similar first."""
    pairs: list[tuple[int, int, float]] = []
    art = np.array(articles)
    for lo in range(0, len(vectors), CHUNK):
        sims = vectors[lo : lo + CHUNK] @ vectors.T
        rows, cols = np.nonzero(sims >= floor)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = lo + r
            if i < c and art[i] != art[c]:
                pairs.append((i, c, float(sims[r, c])))
    pairs.sort(key=lambda p: -p[2])
    return pairs


class _Groups:
    """Union-find over claim indices that keeps members, for average-linkage checks."""

    def __init__(self, n: int) -> None:
        self.root = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.root[gone] = keep
            self.members[keep].extend(self.members.pop(gone))


def _average(vectors: np.ndarray, a: list[int], b: list[int]) -> float:
    return float(vectors[a].mean(axis=0) @ vectors[b].mean(axis=0))


def quote_linked(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> bool:
    """Two claims of different sources that repeat one quoted phrase ("put the country first") and are
    about as close in meaning as claims checked for conflict."""
    return (
        a.source != b.source
        and sim >= settings.conflict_min
        and shares_quote(a.text, a.quoted, b.text, b.quoted)
    )


def _aligns(a: Claim, b: Claim, sim: float, settings: CompareSettings) -> bool:
    if a.source == b.source:  # a copy's sentence joins only its own counterpart
        return sim >= settings.copy_align
    # what could happen is not what happened; a figure the other claim does not match is another fact
    if a.hypothetical != b.hypothetical or figures_apart(a, b):
        return sim >= settings.align_strong
    return sim >= settings.align_strong or (sim >= settings.align_weak and anchored(a, b))


def _floor(a: Claim, b: Claim, sim: float, same_day_linked: bool, s: CompareSettings) -> float | None:
    """The average cosine the groups of two claims need to merge, or None when the claims do not align.
    A shared quotation or one happening dated to one day is evidence of its own, so a lower floor holds."""
    if quote_linked(a, b, sim, s):
        return s.conflict_min
    if same_day_linked:
        return s.compatible_min
    return s.merge_average if _aligns(a, b, sim, s) else None


def _grow(
    claims: list[Claim], vectors: np.ndarray, pairs: list[tuple[int, int, float]], s: CompareSettings
) -> _Groups:
    groups = _Groups(len(claims))
    dated = {(i, j): sim for i, j, sim in same_day_pairs(claims, vectors, s)}
    merged = {(i, j): sim for i, j, sim in pairs} | dated
    for (i, j), sim in sorted(merged.items(), key=lambda p: (-p[1], p[0])):
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        floor = _floor(claims[i], claims[j], sim, (i, j) in dated, s)
        if floor is not None and _average(vectors, groups.members[ri], groups.members[rj]) >= floor:
            groups.union(ri, rj)
    return groups


def figure_pairs_by_measure(claims: list[Claim], vectors: np.ndarray) -> list[tuple[int, int, float]]:
    """Pairs of claims of different sources with figures for the same measure ("deaths", "sorties/day")."""
    by_key: dict[tuple[str | None, str | None, str | None], set[int]] = {}
    for k, c in enumerate(claims):
        for q in c.quantities:
            m = measure(q, c)
            if m is not None:
                by_key.setdefault(measure_key(m), set()).add(k)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        ordered = sorted(members)
        pairs.update(
            (i, j)
            for n, i in enumerate(ordered)
            for j in ordered[n + 1 :]
            if claims[i].source != claims[j].source
        )
    return [(i, j, float(vectors[i] @ vectors[j])) for i, j in sorted(pairs)]


def _denials(
    claims: list[Claim], vectors: np.ndarray, s: CompareSettings
) -> list[tuple[int, int, list[Conflict]]]:
    """Denials of harm ("no civilian casualties") against figures of deaths or injuries of the same people."""
    negs = [k for k, c in enumerate(claims) if c.polarity < 0]
    out = []
    for p in harm_figure_claims(claims):
        for n in _near(vectors, p, negs, s.numbers_min):
            if float(vectors[p] @ vectors[n]) >= s.numbers_min and (c := denied_harm(claims[n], claims[p])):
                out.append((p, n, [c]))
    return out


SLACK = 1e-4  # a block product may differ from a single dot product in its last bits: prefilter loosely


def _near(vectors: np.ndarray, i: int, others: list[int], floor: float) -> list[int]:
    """Those of ``others`` (in order) whose cosine with ``i`` may reach ``floor``; callers check exactly."""
    if not others:
        return []
    sims = vectors[others] @ vectors[i]
    return [k for k, sim in zip(others, sims.tolist(), strict=True) if sim >= floor - SLACK]


def _ages(
    claims: list[Claim], vectors: np.ndarray, s: CompareSettings
) -> list[tuple[int, int, list[Compatibility]]]:
    """Ages and years of building of one thing that agree ("58-year-old dam" / "built in 1968")."""
    aged = [k for k, c in enumerate(claims) if any(q.counted == "age" for q in c.quantities)]
    dated = [k for k, c in enumerate(claims) if any(t.granularity == "year" for t in c.times)]
    out = []
    for i in aged:
        for j in _near(vectors, i, dated, s.numbers_min):
            if (
                i != j
                and float(vectors[i] @ vectors[j]) >= s.numbers_min
                and (found := age_checks(claims[i], claims[j]))
            ):
                out.append((i, j, found))
    return out


Dated = dict[int, list[tuple[TimeRef, frozenset[str]]]]


def _dated_words(claims: list[Claim]) -> tuple[Dated, list[set[tuple[int, int]]]]:
    """Each claim's dated happenings, and (claim, time) pairs grouped by a word before the time."""
    by_word: dict[str, set[tuple[int, int]]] = {}
    dated = {k: dated_happenings(c) for k, c in enumerate(claims)}
    for k, items in dated.items():
        for n, (_, words) in enumerate(items):
            for w in words:
                by_word.setdefault(w, set()).add((k, n))
    return dated, list(by_word.values())


def _dates(
    claims: list[Claim], vectors: np.ndarray, s: CompareSettings
) -> list[tuple[int, int, list[Compatibility]]]:
    """Differently worded, overlapping times of one happening (a word before both times is shared)."""
    dated, by_word = _dated_words(claims)
    found: dict[tuple[int, int], list[Compatibility]] = {}
    for members in by_word:
        for i, ni in members:
            for j, nj in members:
                if i < j and float(vectors[i] @ vectors[j]) >= s.compatible_min:
                    agree = dates_agree(claims[i], dated[i][ni][0], claims[j], dated[j][nj][0])
                    if agree is not None:
                        found.setdefault((i, j), []).append(agree)
    return [(i, j, items) for (i, j), items in sorted(found.items())]


def same_day_pairs(
    claims: list[Claim], vectors: np.ndarray, s: CompareSettings
) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for i < j of anchored claims of different sources (both of what happened, or both of
    what could) that date one happening to the same day (a word before both dates is shared: "was breached
    on Tuesday" / "the Kalvik Dam burst on Tuesday"), at least as close in meaning as claims with compatible
    figures (``compatible_min``), and whose figures do not tell them apart (``day_figures_apart``)."""
    dated, by_word = _dated_words(claims)
    found: dict[tuple[int, int], float] = {}
    for members in by_word:
        for i, ni in members:
            for j, nj in members:
                a, b = claims[i], claims[j]
                if i >= j or a.source == b.source or a.hypothetical != b.hypothetical or (i, j) in found:
                    continue
                ta, tb = dated[i][ni][0], dated[j][nj][0]
                if (
                    same_day(ta, tb)
                    and (sim := float(vectors[i] @ vectors[j])) >= s.compatible_min
                    and anchored(a, b)
                    and not day_figures_apart(a, ta, b, tb)
                ):
                    found[(i, j)] = sim
    return [(i, j, sim) for (i, j), sim in sorted(found.items())]


def _check(
    claims: list[Claim],
    vectors: np.ndarray,
    groups: _Groups,
    pairs: list[tuple[int, int, float]],
    s: CompareSettings,
) -> tuple[dict[int, list[Conflict]], dict[int, list[Compatibility]]]:
    """Conflicts and agreeing figures (both joining their two claims' groups) and compatible wordings,
    by group root. An age that matches a year of building ("58-year-old dam" / "built in 1968") agrees on
    a thing both claims mention in passing, not on what they report: it is listed, and joins nothing."""
    found: list[tuple[int, int, list[Conflict]]] = []
    compatible: list[tuple[int, int, list[Compatibility]]] = []
    topic = topic_words(claims, s.topic_share)
    for i, j, sim in pairs:
        conflicts = find_conflicts(claims[i], claims[j], sim, s, topic)
        if conflicts:
            found.append((i, j, conflicts))
    contested = contested_measures(claims)
    for i, j, sim in figure_pairs_by_measure(claims, vectors):
        check = figure_checks(claims[i], claims[j], sim, s, contested, topic)
        if check.conflicts:
            found.append((i, j, check.conflicts))
        elif check.agree and sim >= s.compatible_min:
            compatible.append((i, j, check.compatible))
    found += _denials(claims, vectors, s)
    compatible += _dates(claims, vectors, s)
    checked = [(i, j) for i, j, _ in found] + [(i, j) for i, j, _ in compatible]
    _join_checked(claims, vectors, groups, checked, s)
    by_root: dict[int, list[Conflict]] = {}
    for i, j, conflicts in found:
        by_root.setdefault(_home(groups, i, j), []).extend(conflicts)
    compat_by_root: dict[int, list[Compatibility]] = {}
    for i, j, items in compatible:
        compat_by_root.setdefault(_home(groups, i, j), []).extend(items)
    for i, _, items in _ages(claims, vectors, s):  # listed with the claim of the age
        compat_by_root.setdefault(groups.find(i), []).extend(items)
    return by_root, compat_by_root


def _home(groups: _Groups, i: int, j: int) -> int:
    """The group a check of claims ``i`` and ``j`` is listed on: theirs, or the smaller of their two (a claim
    of two facts stays with the group of its other fact: "on strike for four days, costing 60 million a
    day")."""
    ri, rj = groups.find(i), groups.find(j)
    return min((ri, rj), key=lambda r: (len(groups.members[r]), r))


def _join_checked(
    claims: list[Claim],
    vectors: np.ndarray,
    groups: _Groups,
    pairs: list[tuple[int, int]],
    s: CompareSettings,
) -> None:
    """Join the groups of claims a check pairs (a conflict, agreeing figures or dates), most similar pair
    first. A check is evidence about two claims, not about their groups: two groups join only when no
    article has claims in both (a join adds one outlet's word on the fact, not a second fact of one report)
    and their average cosine stays ≥ ``compatible_min`` (or the two claims' own cosine, when lower: figures
    of one measure are compared from ``numbers_min``)."""
    for i, j in sorted(set(pairs), key=lambda p: (-float(vectors[p[0]] @ vectors[p[1]]), p)):
        ri, rj = groups.find(i), groups.find(j)
        if ri != rj:
            a, b = groups.members[ri], groups.members[rj]
            if {claims[k].article_id for k in a} & {claims[k].article_id for k in b}:
                continue
            if _average(vectors, a, b) < min(s.compatible_min, float(vectors[i] @ vectors[j])):
                continue
            groups.union(ri, rj)


def _status(group: ClaimGroup) -> str:
    if group.conflicts:
        return "conflicting"
    return "corroborated" if group.independent >= 2 else "unique"


def align_claims(claims: list[Claim], vectors: np.ndarray, settings: CompareSettings) -> list[ClaimGroup]:
    """Claim groups in order of first appearance, each with its status, conflicts and compatible figures."""
    floor = min(settings.conflict_min, settings.align_weak)
    pairs = candidate_pairs(vectors, [c.article_id for c in claims], floor)
    groups = _grow(claims, vectors, pairs, settings)
    conflicts, compatible = _check(claims, vectors, groups, pairs, settings)
    out: list[ClaimGroup] = []
    source_of = {c.id: c.source for c in claims}
    for root in sorted(groups.members, key=lambda r: min(groups.members[r])):
        members = sorted(groups.members[root])
        group = ClaimGroup(f"g{len(out)}", [claims[k] for k in members])
        group.conflicts = _dedupe(conflicts.get(root, []), source_of)
        group.compatible = list({c.reason: c for c in compatible.get(root, [])}.values())
        group.status = _status(group)
        out.append(group)
    return out


def _dedupe(conflicts: list[Conflict], source_of: dict[str, str]) -> list[Conflict]:
    """One conflict per kind and pair of sources (a wire copy repeats its original's conflicts)."""
    kept: dict[tuple[str, str, str], Conflict] = {}
    for c in conflicts:
        kept.setdefault((c.kind, source_of[c.claim_a], source_of[c.claim_b]), c)
    return list(kept.values())
