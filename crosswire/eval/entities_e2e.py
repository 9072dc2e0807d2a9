"""Entity resolution end to end: the reader's own mentions, resolved as the product resolves them, scored
against gold chains.

``crosswire eval entities`` hands the resolver the *gold* mentions, which measures resolution alone. Users
meet the product's path instead: the reader finds mentions (names, descriptions, pronouns), and the resolver
groups them per story. Here each gold document is read as an article (``read_articles``), its mentions are
resolved with the gold topic as the story (``resolve``), and each predicted mention is matched one to one to
the gold mention it overlaps most, when it holds the gold mention's head word (its last word before "of",
a comma or a relative clause: "Iran" does not match "the Iran nuclear deal", "Trump" matches "President
Donald Trump"). Coreference
is scored on the matched mentions within each topic (the gold never links across topics; the product's
entities may, rightly: the same Trump in every story), beside an exact-string baseline over the same
predicted mentions, with mention detection (how many gold mentions were found, how many predicted ones
match a gold one). ``merges`` lists the worst mixtures: predicted entities whose matched mentions belong to
several gold chains.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from crosswire.eval.coref_metrics import CorefScores, score
from crosswire.eval.entity_chains import GoldDocument, GoldMention, load
from crosswire.model import Article
from crosswire.read.entities import Mention
from crosswire.read.reader import read_articles
from crosswire.read.resolve import resolve

HEAD_ENDS = re.compile(r"\s(?:of|who|which|that|in|at|from|for|with|on)\s|,|\(")


@dataclass(frozen=True)
class EndToEnd:
    dataset: str
    documents: int
    gold_mentions: int
    predicted_mentions: int
    matched: int
    crosswire: CorefScores
    baseline: CorefScores
    merges: list[tuple[str, list[tuple[str, int]]]]  # predicted entity name -> (gold chain, mentions)

    @property
    def detection_recall(self) -> float:
        return self.matched / self.gold_mentions if self.gold_mentions else 0.0

    @property
    def detection_precision(self) -> float:
        return self.matched / self.predicted_mentions if self.predicted_mentions else 0.0


def evaluate_end_to_end(dataset: str, split: str | None = None, topics: int | None = None) -> EndToEnd:
    docs = load(dataset, split=split, topics=topics)
    articles = [Article(id=d.doc_id, text=d.text) for d in docs]
    mentions = {r.article_id: r.mentions for r in read_articles(articles)}
    story = {d.doc_id: d.topic for d in docs}
    resolution = resolve(mentions, story)
    matches = match_mentions(docs, mentions)  # predicted mention id -> gold mention
    gold_key = _gold_clusters(matches.values())
    # the gold never links across topics (chain ids are topic-prefixed): score each entity within a topic
    ours = _clusters((m, f"{story[matches[m].doc_id]}|{resolution.entity_of.get(m, m)}") for m in matches)
    by_id = {m.id: m for ms in mentions.values() for m in ms}
    exact = _clusters((m, f"{story[by_id[m].span.article_id]}|{by_id[m].surface.lower()}") for m in matches)
    return EndToEnd(
        dataset=dataset,
        documents=len(docs),
        gold_mentions=sum(len(d.mentions) for d in docs),
        predicted_mentions=sum(len(ms) for ms in mentions.values()),
        matched=len(matches),
        crosswire=score(gold_key, [[_gold_id(matches[m]) for m in c] for c in ours]),
        baseline=score(gold_key, [[_gold_id(matches[m]) for m in c] for c in exact]),
        merges=_worst_merges(ours, matches, by_id),
    )


def match_mentions(docs: list[GoldDocument], mentions: dict[str, list[Mention]]) -> dict[str, GoldMention]:
    """Each predicted mention's gold mention: one to one, largest overlaps first."""
    pairs = []
    for d in docs:
        for p in mentions.get(d.doc_id, []):
            for g in d.mentions:
                overlap = min(p.span.end, g.end) - max(p.span.start, g.start)
                if overlap > 0 and p.span.start <= _head_start(g) < p.span.end:
                    pairs.append((overlap, p.id, g))
    out: dict[str, GoldMention] = {}
    taken: set[str] = set()
    for _, pid, g in sorted(pairs, key=lambda x: (-x[0], x[1], x[2].start)):
        if pid not in out and _gold_id(g) not in taken:
            out[pid] = g
            taken.add(_gold_id(g))
    return out


def _head_start(g: GoldMention) -> int:
    """Where the gold mention's head word starts: its last word before a post-modifier."""
    cut = HEAD_ENDS.search(g.text)
    end = cut.start() if cut and cut.start() > 0 else len(g.text)
    words = g.text[:end].rstrip(" .'’s").split()
    return g.start + g.text.rfind(words[-1], 0, end) if words else g.start


def _gold_id(g: GoldMention) -> str:
    return f"{g.doc_id}:{g.start}-{g.end}"


def _gold_clusters(golds: Iterable[GoldMention]) -> list[list[str]]:
    chains: dict[str, list[str]] = defaultdict(list)
    for g in golds:
        chains[g.chain].append(_gold_id(g))
    return list(chains.values())


def _clusters(labelled: Iterable[tuple[str, str]]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, label in labelled:
        groups[label].append(item)
    return list(groups.values())


def _worst_merges(
    clusters: list[list[str]], matches: dict[str, GoldMention], by_id: dict[str, Mention], top: int = 15
) -> list[tuple[str, list[tuple[str, int]]]]:
    """Predicted entities mixing gold chains, most mentions outside their main chain first."""
    mixed = []
    for c in clusters:
        chains = Counter(matches[m].chain for m in c)
        if len(chains) > 1:
            name = Counter(by_id[m].name or by_id[m].surface for m in c).most_common(1)[0][0]
            mixed.append((sum(chains.values()) - chains.most_common(1)[0][1], name, chains.most_common(4)))
    mixed.sort(key=lambda x: (-x[0], x[1]))
    return [(name, chains) for _, name, chains in mixed[:top]]


def format_end_to_end(r: EndToEnd, details: bool = False) -> str:
    lines = [
        f"{r.dataset}: {r.documents} documents, {r.gold_mentions} gold mentions, {r.predicted_mentions} "
        f"predicted; matched {r.matched} (detection recall {100 * r.detection_recall:.1f}, "
        f"precision {100 * r.detection_precision:.1f})",
        f"{'system':<12} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6}   B3 P   B3 R",
    ]
    for name, s in (("exact-string", r.baseline), ("crosswire", r.crosswire)):
        row = s.as_row()
        lines.append(
            f"{name:<12} {row['MUC']:>6} {row['B3']:>6} {row['CEAF-e']:>7} {row['CoNLL']:>6}"
            f"  {100 * s.b3.precision:5.1f}  {100 * s.b3.recall:5.1f}"
        )
    lines.append(f"CoNLL F1 over the baseline: {100 * (r.crosswire.conll_f1 - r.baseline.conll_f1):+.1f}")
    if details and r.merges:
        lines.append("worst mixtures (predicted entity: gold chains and matched mentions):")
        for name, chains in r.merges:
            lines.append(f"  {name}: " + "; ".join(f"{c} ×{n}" for c, n in chains))
    return "\n".join(lines)
