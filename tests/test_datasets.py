"""Dataset loaders: real counts and properties of the shared corpora, detokenisation, gold JSON Lines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from crosswire.eval import datasets
from crosswire.eval.datasets import (
    DATASETS,
    DatasetNotFound,
    GoldFormatError,
    detokenize,
    load,
    load_gold_jsonl,
    load_semeval_pairs,
    tokens_to_text,
    write_gold_jsonl,
)
from crosswire.eval.paths import data_dir
from crosswire.model import Article
from tests.marks import needs_shared

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# a space before punctuation that is not a decimal (".500", ".45-caliber"), or inside brackets
TOKEN_ARTEFACT = re.compile(r" [,.;:!?)](?!\d)|\( | n't\b| 's\b")


def words(text: str) -> list[tuple[int, str]]:
    return [(0, token) for token in text.split(" ")]


# --------------------------------------------------------------------------- no shared data needed


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ("He said `` I do n't know , '' and left .", 'He said "I don\'t know," and left.'),
        ("the players ' union ( PFA ) said \" we 're fine , \" he said .",
         "the players' union (PFA) said \"we're fine,\" he said."),
        ("at ' stupid ' Euro 2016 format", "at 'stupid' Euro 2016 format"),
        ("the country ’ s history", "the country’s history"),
        ("US$ 40 billion at 9 : 39 AM , a 6 . 1 quake", "US$40 billion at 9:39 AM, a 6.1 quake"),
        ("T - Mobile and / or a 59 - year - old , S . Rich", "T-Mobile and/or a 59-year-old, S. Rich"),
        ("Really ? Yes ! ( Maybe ) ; fine : done ...", "Really? Yes! (Maybe); fine: done..."),
    ],
)  # fmt: skip
def test_detokenize(tokens: str, expected: str) -> None:
    assert detokenize(words(tokens)) == expected


def test_joiners_do_not_cross_sentences() -> None:
    assert detokenize([(0, "won"), (0, "6"), (1, "."), (1, "1")]) == "won 6. 1"


def test_tokens_to_text_breaks_paragraphs_and_drops_blanks() -> None:
    tokens = [
        (0, "Title"),
        (0, "\\n"),
        (1, "First"),
        (1, "."),
        (1, " "),
        (2, "//n"),
        (2, " \\n"),
        (3, "Next"),
    ]
    assert tokens_to_text(tokens) == "Title\nFirst.\nNext"


def test_gold_jsonl_round_trip(tmp_path: Path) -> None:
    articles = [
        Article(id="a1", text="Ünïcode “quotes”,\nand lines.", title="T", outlet="Reuters",
                url="https://example.com/a", published="2016-03-18T00:00:00Z", story_id="s1", language="en"),
        Article(id="a2", text="No date.", published=None, story_id=None),
    ]  # fmt: skip
    path = tmp_path / "gold.jsonl"
    assert write_gold_jsonl(articles, path) == 2
    back = list(load_gold_jsonl(path))
    fields = (*datasets.GOLD_FIELDS, "language")
    original = [[getattr(a, f) for f in fields] for a in articles]
    assert [[getattr(a, f) for f in fields] for a in back] == original
    assert back[0].source == f"{path}:1"
    assert back[1].outlet == "" and back[1].published is None


def test_gold_jsonl_rejects_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "ok"}\n\n{"id": 3, "text": "no"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:3"):
        list(load_gold_jsonl(path))
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not JSON"):
        list(load_gold_jsonl(path))


def test_registry_names() -> None:
    assert set(DATASETS) == {"ecbplus", "newswcl50", "gvc", "uci", "polnear", "semeval", "meantime", "fcc"}


def test_unknown_dataset_and_split() -> None:
    with pytest.raises(ValueError, match="unknown dataset"):
        load("nope")
    with pytest.raises(ValueError, match="no split 'train'"):
        load("fcc", split="train")  # FCC has full texts for dev only
    with pytest.raises(ValueError, match="no split"):
        load("ecbplus", split="dev")


def test_missing_data_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSWIRE_SHARED", str(tmp_path))
    with pytest.raises(DatasetNotFound, match=re.escape(str(tmp_path / "data" / "ecbplus" / "ECB+"))):
        load("ecbplus")
    with pytest.raises(DatasetNotFound, match="semeval2022_task8_sample"):
        load_semeval_pairs("train")


# --------------------------------------------------------------------------- shared corpora


def check_common(articles: list[Article], name: str) -> None:
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.id.startswith(f"{name}/") and a.source_kind == f"dataset:{name}" for a in articles)
    assert all(a.text.strip() and a.external_id for a in articles)
    assert all(a.published is None or ISO_UTC.fullmatch(a.published) for a in articles)


def check_reconstructed(articles: list[Article]) -> None:
    bad = [(a.id, m.group()) for a in articles for m in TOKEN_ARTEFACT.finditer(a.text)]
    assert bad == []
    assert all(a.title and a.text.startswith(a.title) for a in articles)


@needs_shared
def test_ecbplus() -> None:
    articles = list(load("ecbplus"))
    check_common(articles, "ecbplus")
    check_reconstructed(articles)
    assert len(articles) == 982
    events = Counter(a.story_id for a in articles)
    assert len(events) == 86
    topics = defaultdict(set)
    for event in events:
        topic, kind = str(event).removeprefix("ecbplus/").split("_")
        topics[topic].add(kind)
    assert len(topics) == 43 and all(kinds == {"ecb", "ecbplus"} for kinds in topics.values())
    plus = [a for a in articles if a.story_id and a.story_id.endswith("_ecbplus")]
    assert len(plus) == 502
    assert all(a.url and a.url.startswith("http") and a.outlet and a.outlet in a.url for a in plus)
    assert all(not a.text.startswith("http") for a in plus)
    first = next(a for a in articles if a.id == "ecbplus/1/1_1ecbplus")
    assert first.outlet == "accesshollywood.com"
    assert first.title == "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab"


@needs_shared
def test_uci() -> None:
    articles = list(load("uci"))
    check_common(articles, "uci")
    # the sample's 6,367th row is truncated mid-URL (no publisher, story or timestamp) and is skipped
    assert len(articles) == 6366
    assert len({a.story_id for a in articles}) == 87
    assert len({a.outlet for a in articles}) == 1948
    first = articles[0]
    assert first.title == first.text == "Fed official says weak data caused by weather, should not slow taper"
    assert (first.outlet, first.published) == ("Los Angeles Times", "2014-03-10T16:52:50Z")
    assert first.story_id == "uci/ddUyU0VZz0BRneMioxUPQVP6sIxvM"
    assert all(a.published and a.url for a in articles)


@needs_shared
def test_gvc() -> None:
    articles = list(load("gvc"))
    check_common(articles, "gvc")
    check_reconstructed(articles)
    assert len(articles) == 78
    assert len({a.story_id for a in articles}) == 37
    assert all(a.published for a in articles)
    kokomo = next(a for a in articles if a.external_id == "104db82506283933234d28c49929a9cc")
    assert kokomo.published == "2014-06-15T00:00:00Z"
    assert kokomo.title == "Shooting at Kokomo bar sends 4 people to the hospital"
    assert "//n" not in kokomo.text and "\n" in kokomo.text
    assert list(load("gvc", split="val")) == articles


@needs_shared
def test_newswcl50() -> None:
    articles = list(load("newswcl50"))
    check_common(articles, "newswcl50")
    check_reconstructed(articles)
    assert len(articles) == 50
    by_event = defaultdict(set)
    for a in articles:
        by_event[a.story_id].add(a.outlet)
    outlets = {"HuffPost", "New York Times", "USA Today", "Fox News", "Breitbart"}
    assert len(by_event) == 10 and all(found == outlets for found in by_event.values())
    assert all(a.url for a in articles) and all("\\n" not in a.text for a in articles)
    dated = [a for a in articles if a.published]  # from the URL path; HuffPost and 3 Breitbart URLs have none
    assert len(dated) == 37 and all(
        a.published and a.published[:10].replace("-", "/") in str(a.url) for a in dated
    )
    sizes = {split: len(list(load("newswcl50", split=split))) for split in ("train", "val", "test")}
    assert sizes == {"train": 35, "val": 5, "test": 10}


@needs_shared
def test_meantime() -> None:
    articles = list(load("meantime"))
    check_common(articles, "meantime")
    check_reconstructed(articles)
    assert len(articles) == 120
    assert Counter(a.story_id for a in articles).keys() == {
        "meantime/airbus", "meantime/apple", "meantime/gm", "meantime/stock",
    }  # fmt: skip
    assert all(a.published for a in articles)
    assert {a.story_id for a in load("meantime", split="val")} == {"meantime/gm"}


@needs_shared
def test_fcc() -> None:
    articles = list(load("fcc"))
    check_common(articles, "fcc")
    check_reconstructed(articles)
    assert len(articles) == 117
    assert len({a.story_id for a in articles}) == 35


@needs_shared
def test_polnear_text_is_verbatim_for_brat_offsets() -> None:
    train, dev = list(load("polnear", split="train")), list(load("polnear", split="dev"))
    check_common(train + dev, "polnear")
    assert (len(train), len(dev)) == (840, 84)
    assert len({a.outlet for a in train}) == 7
    assert all(a.story_id is None and a.published and a.title for a in train + dev)
    article = dev[0]
    folder = data_dir() / "polnear" / "data" / "dev" / "attributions"
    lines = next(folder.glob(f"{article.external_id}_*.ann")).read_text(encoding="utf-8").splitlines()
    spans = [line.split("\t") for line in lines if line.startswith("T")]
    assert spans
    for _, kind_start_end, surface in spans:
        _, start, end = kind_start_end.split(" ")[:3]
        assert article.text[int(start) : int(end)] == surface


@needs_shared
def test_semeval_pairs() -> None:
    pairs = load_semeval_pairs("train")
    assert len(pairs) == 1283 and len(load_semeval_pairs("test")) == 1283
    assert all(1.0 <= score <= 4.0 for p in pairs for score in p.scores.values())
    assert all(p.overall == p.scores["Overall"] and len(p.scores) == 7 for p in pairs)
    assert all(p.text1 and p.text2 for p in pairs)
    assert sum(p.translated for p in pairs) == 487
    assert all(p.text1.startswith(p.title1) for p in pairs)
    articles = list(load("semeval"))
    check_common(articles, "semeval")
    assert all(a.story_id is None and a.language for a in articles)


@needs_shared
def test_limit_stops_early() -> None:
    assert len(list(load("ecbplus", limit=5))) == 5
