"""Entity resolution end to end (the reader's own mentions against gold chains): matching predicted to gold
mentions by head word, and one real topic scored; the latter needs ../shared."""

from __future__ import annotations

from crosswire.eval.entities_e2e import evaluate_end_to_end, match_mentions
from crosswire.eval.entity_chains import GoldDocument, GoldMention
from crosswire.model import Span
from crosswire.read.entities import Mention
from tests.marks import needs_shared

TEXT = "President Donald Trump left the Iran nuclear deal , Trump said , and Iran protested ."


def _gold(surface: str, chain: str, after: int = 0) -> GoldMention:
    start = TEXT.index(surface, after)
    return GoldMention("d1", start, start + len(surface), surface, chain, "ACTOR", 0)


def _predicted(surface: str, after: int = 0) -> Mention:
    start = TEXT.index(surface, after)
    return Mention(Span("d1", start, start + len(surface)), surface, "PERSON")


def test_a_predicted_mention_matches_the_gold_mention_whose_head_it_holds() -> None:
    gold = [
        _gold("President Donald Trump", "trump"),
        _gold("the Iran nuclear deal", "deal"),
        _gold("Trump", "trump", after=30),
        _gold("Iran", "iran", after=60),
    ]
    doc = GoldDocument("d1", "t1", "t1", TEXT, gold)
    trump, iran_in_deal = _predicted("Donald Trump"), _predicted("Iran")
    later_trump, later_iran = _predicted("Trump", after=30), _predicted("Iran", after=60)
    matched = match_mentions([doc], {"d1": [trump, iran_in_deal, later_trump, later_iran]})
    assert {m: g.chain for m, g in matched.items()} == {
        trump.id: "trump",  # holds "Trump", the head of "President Donald Trump"
        later_trump.id: "trump",
        later_iran.id: "iran",
    }  # "Iran" inside "the Iran nuclear deal" is not the deal: its head is "deal"


@needs_shared
def test_one_newswcl50_topic_end_to_end_beats_exact_strings() -> None:
    r = evaluate_end_to_end("newswcl50", topics=1)
    assert r.documents == 5 and 0 < r.matched <= min(r.gold_mentions, r.predicted_mentions)
    assert 0.5 < r.detection_recall <= 1 and 0.3 < r.detection_precision <= 1
    assert r.crosswire.conll_f1 > r.baseline.conll_f1
    assert r.crosswire.b3.recall > r.baseline.b3.recall  # resolution joins what spelling alone cannot
