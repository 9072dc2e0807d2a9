"""Train the description linker (``crosswire/read/describe_linker.json``) on ECB+ train's gold chains.

.venv/bin/python benchmarks/train_describe_linker.py            # cross-validate, fit, write the weights
.venv/bin/python benchmarks/train_describe_linker.py --dry-run  # cross-validate only

Each ECB+ train topic (1-22) is resolved by the rules alone; every cluster without a name is paired with the
other clusters of its topic, labelled 1 when both clusters' majority gold chain is the same, and a logistic
regression is fitted to the pairs (``crosswire.read.describe_linker.FEATURES``). The threshold is chosen by
cross-validation over the train topics (each topic resolved with a model fitted on the other folds, by
topic): the best CoNLL F1 on ECB+ train among the thresholds that cost NewsWCL50 train and MEANTIME train (the
model never learns from them: they check that it stays general) at most ``MAX_LOSS``. Only train splits are
read: dev, val and test stay unseen. ~3 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from crosswire.eval.coref_metrics import score
from crosswire.eval.entities_eval import read_gold_mentions
from crosswire.eval.entity_chains import load
from crosswire.read.describe_linker import (
    FEATURES,
    WEIGHTS,
    Cluster,
    LinkerModel,
    candidate_rows,
    links,
)
from crosswire.read.entities import Mention
from crosswire.read.resolve import resolve

FOLDS = 5
C_VALUES = (0.1,)
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7)
MAX_LOSS = 0.15  # CoNLL F1 another train split may lose (half the ~0.3 allowed: the final fit moves it)


SCORED_ON = ("ecbplus", "newswcl50", "meantime")  # their train splits
FIT_ON = ("ecbplus",)


@dataclass(frozen=True)
class Topic:
    name: str
    mentions: dict[str, list[Mention]]  # article → mentions
    chain: dict[str, str]  # mention id → gold chain


def topics(dataset: str, split: str = "train") -> list[Topic]:
    by_topic: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    chains: dict[str, dict[str, str]] = defaultdict(dict)
    for r in read_gold_mentions(load(dataset, split=split)):
        by_topic[r.topic][r.gold.doc_id].append(r.mention)
        chains[r.topic][r.mention.id] = r.gold.chain
    return [Topic(f"{dataset}/{t}", dict(by_topic[t]), chains[t]) for t in sorted(by_topic, key=_order)]


def _order(topic: str) -> tuple[int, str]:
    return (int(topic), topic) if topic.isdigit() else (0, topic)


def pairs(topic: Topic) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of every (loose cluster, candidate) pair of a topic, rules alone."""
    stories: list[list[Cluster]] = []

    def collect(clusters: list[Cluster]) -> list[tuple[str, str]]:
        stories.append(clusters)
        return []

    resolve(topic.mentions, {a: topic.name for a in topic.mentions}, linker=collect)
    xs, ys = [], []
    for clusters in stories:
        for loose, candidates, rows in candidate_rows(clusters):
            chain = _majority(loose, topic.chain)
            xs.append(rows)
            ys.extend(float(_majority(t, topic.chain) == chain) for t in candidates)
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0)
    return np.vstack(xs), np.asarray(ys)


def _majority(c: Cluster, chain: dict[str, str]) -> str:
    return Counter(chain[m.id] for m in c.mentions).most_common(1)[0][0]


def fit(x: np.ndarray, y: np.ndarray, c: float, threshold: float) -> LinkerModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return LinkerModel(FEATURES, mean, scale, lr.coef_[0].copy(), float(lr.intercept_[0]), threshold)


def conll(topic_list: Sequence[Topic], linker_of: Callable[[Topic], object]) -> float:
    """CoNLL F1 of the resolver over ``topic_list`` (within topic), each resolved with ``linker_of(topic)``."""
    key: list[set[str]] = []
    response: list[set[str]] = []
    for t in topic_list:
        gold: dict[str, set[str]] = defaultdict(set)
        for mid, chain in t.chain.items():
            gold[chain].add(mid)
        key.extend(gold.values())
        res = resolve(t.mentions, {a: t.name for a in t.mentions}, linker=linker_of(t))  # type: ignore[arg-type]
        ents: dict[str, set[str]] = defaultdict(set)
        for mid, e in res.entity_of.items():
            ents[e].add(mid)
        response.extend(ents.values())
    return 100 * score(key, response).conll_f1


def with_threshold(model: LinkerModel, threshold: float) -> LinkerModel:
    return LinkerModel(model.features, model.mean, model.scale, model.coef, model.intercept, threshold)


def cross_validate(
    by_dataset: dict[str, list[Topic]],
    data: dict[str, tuple[np.ndarray, np.ndarray]],
    fit_on: Sequence[str] = FIT_ON,
) -> dict[tuple[float, float], dict[str, float]]:
    """Gain in CoNLL F1 over the rules alone, per dataset, for each (C, threshold), each topic resolved by a
    model fitted on the other folds of ``fit_on`` (topics are dealt to folds in turn, within each dataset)."""
    topic_list = [t for ts in by_dataset.values() for t in ts]
    fold_of = {t.name: i % FOLDS for ts in by_dataset.values() for i, t in enumerate(ts)}
    rules = {name: conll(ts, lambda t: None) for name, ts in by_dataset.items()}
    print("rules alone: " + "  ".join(f"{name} {f:.2f}" for name, f in rules.items()))
    out: dict[tuple[float, float], dict[str, float]] = {}
    for c in C_VALUES:
        models = {}
        for k in range(FOLDS):
            rest = [
                data[t.name]
                for t in topic_list
                if fold_of[t.name] != k and len(data[t.name][1]) and t.name.split("/")[0] in fit_on
            ]
            models[k] = fit(np.vstack([x for x, _ in rest]), np.concatenate([y for _, y in rest]), c, 0.5)
        for threshold in THRESHOLDS:

            def linker_of(t: Topic, threshold: float = threshold, models: dict = models) -> object:
                model = with_threshold(models[fold_of[t.name]], threshold)
                return lambda clusters: links(clusters, model)

            gains = {name: conll(ts, linker_of) - rules[name] for name, ts in by_dataset.items()}
            out[(c, threshold)] = gains
            print(
                f"C={c:<5} threshold={threshold:.2f}  gain "
                + "  ".join(f"{n} {f:+.2f}" for n, f in gains.items()),
                flush=True,
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dry-run", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument(
        "--fit-on", nargs="+", choices=SCORED_ON, default=FIT_ON, help="train splits the model learns from"
    )
    args = parser.parse_args()
    by_dataset = {name: topics(name) for name in SCORED_ON}
    data = {t.name: pairs(t) for ts in by_dataset.values() for t in ts}
    results = cross_validate(by_dataset, data, args.fit_on)
    safe = {k: g for k, g in results.items() if min(g.values()) >= -MAX_LOSS} or results
    (c, threshold), best = max(safe.items(), key=lambda kv: kv[1]["ecbplus"])
    print(f"chosen: C={c} threshold={threshold} (cross-validated gain on ECB+ {best['ecbplus']:+.2f})")
    fitted = [data[t.name] for name in args.fit_on for t in by_dataset[name]]
    x = np.vstack([x for x, _ in fitted])
    y = np.concatenate([y for _, y in fitted])
    model = fit(x, y, c, threshold)
    for name, w in sorted(zip(FEATURES, model.coef, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {name:<26} {w:+.3f}")
    if not args.dry_run:
        WEIGHTS.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
