"""Event clustering measured end to end: a gold JSON Lines file (or a shared dataset) is ingested into a
fresh temporary store, clustered by ``crosswire.cluster.run.cluster_store``, and scored against its
``story_id`` labels with BCubed and pairwise P/R/F1 (``crosswire.eval.metrics.score``).

Every gold item is scored: copies found by ingest follow their original's event; an item ingest could not
take (or one that repeats another item exactly) is still scored, as its own singleton or with the article
it repeats. Items without a ``story_id`` are their own gold story.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

from crosswire.eval.metrics import ClusterScores, Labels, score

OnProgress = Callable[[int, int], None]


class NoGoldStories(ValueError):
    """The input carries no ``story_id`` labels: there is nothing to score against."""


@dataclass
class ClusteringEval:
    source: str  # the gold file or dataset name
    scores: ClusterScores
    copies: int  # gold items that ingest marked as copies of another
    failed: int  # gold items ingest could not take (scored as singletons)
    seconds: float  # ingest + embedding + clustering

    def to_json(self) -> dict[str, Any]:
        s = self.scores
        return {
            "source": self.source,
            "items": s.n_items,
            "bcubed": {**asdict(s.bcubed), "f1": s.bcubed.f1},
            "pairwise": {**asdict(s.pairwise), "f1": s.pairwise.f1},
            "clusters": {"predicted": s.n_pred, "gold": s.n_gold},
            "copies": self.copies,
            "failed": self.failed,
            "seconds": round(self.seconds, 2),
        }


def evaluate_gold_file(path: Path, on_progress: OnProgress | None = None) -> ClusteringEval:
    """Ingest ``path`` (gold JSON Lines) into a temporary store, cluster it, score it."""
    from crosswire.eval.datasets import load_gold_jsonl

    gold = {a.source: a.story_id or f"item:{a.id}" for a in load_gold_jsonl(path)}
    if not gold:
        raise NoGoldStories(f"{path}: no records")
    if all(label.startswith("item:") for label in gold.values()):
        raise NoGoldStories(f"{path}: no record has a story_id")
    start = time.perf_counter()
    pred, copies = _cluster_file(path, on_progress)
    failed = sum(origin not in pred for origin in gold)
    labels = {origin: pred.get(origin, f"failed:{origin}") for origin in gold}
    return ClusteringEval(
        str(path),
        score(cast(Labels, gold), cast(Labels, labels)),
        copies,
        failed,
        time.perf_counter() - start,
    )


def evaluate_dataset(name: str, on_progress: OnProgress | None = None) -> ClusteringEval:
    """The same for a shared labelled dataset (``crosswire.eval.datasets``), via a gold JSON Lines file."""
    from crosswire.eval.datasets import load, write_gold_jsonl

    with tempfile.TemporaryDirectory(prefix="crosswire-eval-") as tmp:
        path = Path(tmp) / f"{name}.jsonl"
        write_gold_jsonl(load(name), path)
        result = evaluate_gold_file(path, on_progress)
    result.source = f"dataset:{name}"
    return result


def _cluster_file(path: Path, on_progress: OnProgress | None) -> tuple[dict[str, str], int]:
    """(gold item origin -> predicted event id, number of copies) after ingest and clustering."""
    from crosswire.cluster.run import cluster_store
    from crosswire.ingest.core import IngestSettings, Outcome, ingest
    from crosswire.store.db import Store
    from crosswire.store.events import event_groups

    outcomes: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="crosswire-eval-") as tmp, Store(Path(tmp) / "eval.db") as store:
        ingest(
            [str(path)],
            store,
            IngestSettings(offline=True),
            on_outcome=lambda o: outcomes.update({o.origin: o}),
        )
        cluster_store(store, on_progress)
        groups = event_groups(store)
    pred = {o.origin: groups[o.article_id] for o in outcomes.values() if o.article_id in groups}
    return pred, sum(o.status == "copy" for o in outcomes.values())


def format_result(result: ClusteringEval) -> str:
    """A small plain-text report."""
    s = result.scores
    lines = [
        f"{result.source}: {s.n_items} items (copies: {result.copies}, failed at ingest: {result.failed}), "
        f"{result.seconds:.1f} s",
        f"{'':10} {'P':>6} {'R':>6} {'F1':>6}",
        *(
            f"{name:10} {prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}"
            for name, prf in (("BCubed", s.bcubed), ("pairwise", s.pairwise))
        ),
        f"clusters   predicted {s.n_pred}, gold {s.n_gold}",
    ]
    return "\n".join(lines)
