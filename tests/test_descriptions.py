"""Description mentions in the product's reading ("the president", "the migrants"): extraction, what they
resolve to, how the framing labels show them, and that the entity list leaves out entities without a name."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.compare.labels import entity_labels
from crosswire.compare.settings import DEFAULT_SETTINGS
from crosswire.model import Article, Span
from crosswire.read.entities import Mention, extract_mentions, is_named
from crosswire.read.nlp import parse
from crosswire.read.reader import Reading
from crosswire.read.resolve import Entity, Resolution, resolve
from crosswire.store.db import Store
from crosswire.store.readings import entity_table, save_resolution
from tests.marks import needs_shared

TEXT = (
    "Donald Trump met North Korean leader Kim Jong Un in Singapore on Tuesday. "
    "The president said the talks went well. "
    "Officials said migrants waited at the border while neighbouring countries closed the country's roads. "
    "Trump's lawyer declined to comment. Mr. Trump flew home on Wednesday."
)


@pytest.fixture(scope="module")
def mentions() -> list[Mention]:
    return extract_mentions(next(parse([TEXT])), "a1")


def _descriptions(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.surface: m for m in mentions if m.via == "description"}


def test_descriptions_are_mentions_with_exact_spans_and_no_name(mentions: list[Mention]) -> None:
    found = _descriptions(mentions)
    for surface in ("The president", "migrants", "Trump's lawyer", "North Korean leader"):
        assert surface in found, sorted(found)
    for m in found.values():
        assert TEXT[m.span.start : m.span.end] == m.surface
        assert m.kind == "OTHER" and m.name == ""
    assert found["The president"].head == "president"
    assert found["migrants"].head == "migrant"


def test_what_is_not_a_description(mentions: list[Mention]) -> None:
    found = _descriptions(mentions)
    assert "Officials" not in found  # capitalised at a sentence start: it would read as a name
    assert not any("countries" in s for s in found)  # a plural institution is no one referent
    assert "the talks" not in found  # not a person, organisation or group noun
    names = [m.span for m in mentions if m.via != "description"]
    for m in found.values():  # a description never shares its head with a name
        assert not any(n.start < m.span.end and m.span.end <= n.end for n in names)


def test_the_president_joins_the_person_the_article_is_about(mentions: list[Mention]) -> None:
    res = resolve({"a1": mentions}, {"a1": "s"}, linker=None)
    president = _descriptions(mentions)["The president"]
    trump = next(m for m in mentions if m.surface == "Donald Trump")
    assert res.entity_of[president.id] == res.entity_of[trump.id]


def test_a_title_before_a_name_joins_that_person(mentions: list[Mention]) -> None:
    res = resolve({"a1": mentions}, {"a1": "s"}, linker=None)
    title = _descriptions(mentions)["North Korean leader"]
    kim = next(m for m in mentions if m.surface == "Kim Jong Un")
    assert title.head == "leader" and res.entity_of[title.id] == res.entity_of[kim.id]


def test_is_named() -> None:
    assert is_named("PERSON", "Donald Trump")
    assert is_named("OTHER", "Daesh")  # a learned alias is a name even untagged
    assert not is_named("OTHER", "the migrants")
    assert not is_named("OTHER", "The President")  # a headline's bare title


def _article(aid: str, outlet: str, text: str) -> Article:
    return Article(
        id=aid, text=text, outlet=outlet, title="t", source="test", content_hash=aid, ingested_at="2026-05-01"
    )


def _mention(aid: str, text: str, surface: str, kind: str, via: str) -> Mention:
    start = text.index(surface)
    name = surface if via == "ner" else ""
    return Mention(Span(aid, start, start + len(surface)), surface, kind, name=name, via=via)


def _labelled(
    texts: dict[str, str], entities: dict[str, tuple[str, str, list[str]]]
) -> tuple[list[Article], dict[str, Reading], Resolution]:
    """Articles a1, a2 ... of outlets A, B ...; ``entities``: id → (kind, name, surfaces in every text)."""
    articles = [_article(aid, aid.upper(), text) for aid, text in texts.items()]
    readings: dict[str, Reading] = {a.id: Reading(a.id) for a in articles}
    out: list[Entity] = []
    entity_of: dict[str, str] = {}
    for eid, (kind, name, surfaces) in entities.items():
        ids = []
        for a in articles:
            for surface in surfaces:
                if surface in a.text:
                    via = "ner" if kind != "OTHER" else "description"
                    m = _mention(a.id, a.text, surface, kind, via)
                    readings[a.id].mentions.append(m)
                    entity_of[m.id] = eid
                    ids.append(m.id)
        out.append(Entity(eid, kind, name, [], ids))
    return articles, readings, Resolution(out, entity_of)


def test_labels_show_described_referents_after_named_ones_and_only_where_the_words_differ() -> None:
    texts = {
        "a1": "Anton Keller met the strikers and reporters.",
        "a2": "Anton Keller met the workers and reporters.",
    }
    articles, readings, res = _labelled(
        texts,
        {
            "e-keller": ("PERSON", "Anton Keller", ["Anton Keller"]),
            "e-strikers": ("OTHER", "the strikers", ["the strikers", "the workers"]),
            "e-reporters": ("OTHER", "reporters", ["reporters"]),
        },
    )
    entries = entity_labels(articles, readings, res, DEFAULT_SETTINGS)
    assert [e.entity_id for e in entries] == ["e-keller", "e-strikers"]
    assert [e.named for e in entries] == [True, False]


def test_entity_list_leaves_out_entities_without_a_name(tmp_path: Path) -> None:
    texts = {"a1": "Anton Keller met the strikers.", "a2": "Anton Keller met the strikers again."}
    articles, readings, res = _labelled(
        texts,
        {
            "e-keller": ("PERSON", "Anton Keller", ["Anton Keller"]),
            "e-strikers": ("OTHER", "the strikers", ["the strikers"]),
        },
    )
    store = Store(tmp_path / "s.db")
    for seq, a in enumerate(articles):
        store.insert_article(a, seq)
    save_resolution(store, res, readings)
    rows = entity_table(store)
    assert [r["name"] for r in rows] == ["Anton Keller"]
    assert rows[0]["mentions"] == 2


@needs_shared
def test_labels_eval_splits_are_newswcl50s() -> None:
    from crosswire.eval.labels_eval import split_events

    parts = [split_events(s) for s in ("train", "val", "test")]
    assert parts[1] == {"7"} and parts[2] == {"1", "2"}
    assert not parts[0] & (parts[1] | parts[2]) and len(parts[0]) == 7
