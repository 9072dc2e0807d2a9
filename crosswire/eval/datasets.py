"""Loaders for the labelled corpora under ``data_dir()`` (``../shared/data``), as gold ``Article``s.

Every loader yields ``Article`` objects with ``source_kind="dataset:<name>"``, a stable ``id``
(``<name>/<the dataset's own path or key>``), ``external_id`` (the dataset's document id), the text
rebuilt from tokens where the corpus is tokenised, and ``story_id``, the gold label for clustering.
Texts include the headline (its own first line) whenever the source carries one; metadata lines
(ECB+ source URL, GVC and MEANTIME date lines) are moved to ``url``/``published`` instead.

==========  ===========================================  ===========================================
name        story_id (gold cluster)                      counts found in the data
==========  ===========================================  ===========================================
ecbplus     topic + sub-corpus, ``ecbplus/<t>_ecb`` or    982 articles, 43 topics, 86 events; outlet
            ``ecbplus/<t>_ecbplus`` (two events/topic)    = URL host for the 502 ``ecbplus`` files
                                                         (ECB files have no URL); no dates
newswcl50   event, ``newswcl50/<0..9>``                   50 articles = 10 events x 5 outlets;
                                                         splits train 35 / val 5 / test 10;
                                                         date from the URL path (not for HuffPost)
gvc         incident, ``gvc/<incident id>``               78 articles, 37 incidents (validation
                                                         split only); dates; no outlet or URL
uci         the STORY column, ``uci/<story>``             6,366 headlines, 87 stories, 1,948
                                                         publishers (the file's 6,367th row is cut
                                                         off mid-URL and is skipped)
polnear     None (a quote/attribution corpus)             train 840 + dev 84 articles, 7 outlets,
                                                         dated; test texts are not included
semeval     None; use ``load_semeval_pairs``              train 1,283 / test 1,283 scored pairs,
                                                         texts inline; ``load`` yields each
                                                         distinct article once
meantime    topic, ``meantime/<airbus|apple|gm|stock>``   120 WikiNews articles, 4 topics (broad
                                                         subjects, not single events); dated
fcc         sub-event (match), ``fcc/<subtopic id>``     117 articles, 35 sub-events; full text
                                                         for the dev split only; no dates
==========  ===========================================  ===========================================

Splits: ``load(name, split=...)`` accepts a dataset's splits; ``split=None`` loads every split that
has texts (for FCC that is ``dev``, for GVC ``val``, for PolNeAR ``train`` + ``dev``).
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from crosswire.eval.paths import data_dir
from crosswire.model import Article

log = logging.getLogger(__name__)

Loader = Callable[[Sequence[str]], Iterator[Article]]
Token = tuple[int, str]  # (sentence number, surface form)


class DatasetNotFound(Exception):
    """A corpus folder (or file) that a loader needs is absent."""


@dataclass(frozen=True)
class DatasetInfo:
    """A registered corpus: ``folder`` is relative to ``data_dir()``; ``splits`` are those with texts."""

    name: str
    folder: str
    description: str
    loader: Loader
    splits: tuple[str, ...] = ()
    default_splits: tuple[str, ...] = ()

    @property
    def path(self) -> Path:
        return data_dir() / self.folder


@dataclass
class ArticlePair:
    """One SemEval-2022 Task 8 pair: two article texts and their similarity scores (1 same .. 4 unrelated)."""

    pair_id: str
    lang1: str
    lang2: str
    text1: str
    title1: str
    text2: str
    title2: str
    overall: float
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def translated(self) -> bool:
        """Pair ids with letters (``1484039360it_1484180228it``) are machine-translated copies."""
        return any(ch.isalpha() for ch in self.pair_id)


# --------------------------------------------------------------------------- detokenisation

_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…", "''", "”", "’"}
    | {"'s", "n't", "'re", "'ve", "'m", "'ll", "'d", "’s", "n’t", "’re", "’ve", "’m", "’ll", "’d"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "#", "``", "“", "‘"})
_DIGIT_JOINERS = frozenset({":", "."})  # "9 : 39" -> "9:39", "6 . 1" -> "6.1"
_WORD_JOINERS = frozenset({"-", "/"})  # "T - Mobile" -> "T-Mobile", "and / or" -> "and/or"
_APOSTROPHES = frozenset({"'", "’"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})  # "country ’ s" -> "country’s"
_QUOTE_MAP = {"``": '"', "''": '"'}
_NEWLINE_TOKENS = frozenset({"\\n", "//n", "\n"})


def _is_newline(token: str) -> bool:
    return token.strip() in _NEWLINE_TOKENS


def _joiner_at(tokens: Sequence[Token], i: int) -> bool:
    """``tokens[i]`` joins two digits or two words of one sentence: ``9 : 39``, ``T - Mobile``."""
    if i <= 0 or i + 1 >= len(tokens):
        return False
    (s0, prev), (s1, tok), (s2, nxt) = tokens[i - 1], tokens[i], tokens[i + 1]
    if not s0 == s1 == s2:
        return False
    if tok in _DIGIT_JOINERS:
        return prev[-1:].isdigit() and nxt[:1].isdigit()
    if tok in _APOSTROPHES:
        return prev[-1:].isalpha() and nxt.lower() in _CLITICS
    return tok in _WORD_JOINERS and prev[-1:].isalnum() and nxt[:1].isalnum()


def _quote_roles(tokens: Sequence[Token]) -> dict[int, bool]:
    """Index of each straight quote -> True when it opens a quotation, False when it closes one."""
    roles: dict[int, bool] = {}
    double_open = single_open = False
    for i, (_, tok) in enumerate(tokens):
        if _joiner_at(tokens, i):
            continue
        if tok == '"':
            roles[i] = double_open = not double_open
        elif tok == "'":
            prev = tokens[i - 1][1] if i else ""
            roles[i] = single_open = not single_open and not prev.lower().endswith("s")
        elif tok in ("``", "“") or (len(tok) > 1 and tok.startswith('"') and not tok.endswith('"')):
            double_open = True
        elif tok in ("''", "”") or (len(tok) > 1 and tok.endswith('"')):
            double_open = False
    return roles


def _space_before(tokens: Sequence[Token], i: int, roles: dict[int, bool]) -> bool:
    prev, tok = tokens[i - 1][1], tokens[i][1]
    if _joiner_at(tokens, i - 1) or _joiner_at(tokens, i):
        return False
    if prev.lower() in _NO_SPACE_AFTER or prev.endswith("$") or roles.get(i - 1) is True:
        return False
    return not (tok.lower() in _NO_SPACE_BEFORE or roles.get(i) is False)


def detokenize(tokens: Sequence[Token]) -> str:
    """Join ``(sentence, token)`` pairs into readable text: ``a , b ( c )`` -> ``a, b (c)``.

    Penn Treebank quotes (two backticks, two apostrophes) become a straight double quote; straight
    quotes open and close in turn; joiners (``9 : 39``, ``T - Mobile``, ``country ’ s``) close up.
    """
    roles = _quote_roles(tokens)
    parts = [
        (" " if i and _space_before(tokens, i, roles) else "") + _QUOTE_MAP.get(tok, tok)
        for i, (_, tok) in enumerate(tokens)
    ]
    return "".join(parts)


def tokens_to_text(tokens: Sequence[Token]) -> str:
    """Detokenize, starting a new line at each paragraph marker (``\\n``, ``//n``) and dropping blanks."""
    paragraphs: list[list[Token]] = [[]]
    for sent, tok in tokens:
        if _is_newline(tok):
            paragraphs.append([])
        elif tok.strip():
            paragraphs[-1].append((sent, tok.strip()))
    return "\n".join(text for para in paragraphs if (text := detokenize(para)))


def _leading_sentences(tokens: Sequence[Token], count: int) -> tuple[list[list[Token]], list[Token]]:
    """The first ``count`` sentences (each a token list) and the tokens after them."""
    numbers = list(dict.fromkeys(sent for sent, _ in tokens))[:count]
    heads = [[t for t in tokens if t[0] == n] for n in numbers]
    chosen = set(numbers)
    return heads, [t for t in tokens if t[0] not in chosen]


def _headed_text(title_tokens: Sequence[Token], body: Sequence[Token]) -> tuple[str, str]:
    """(title, text): the title is the first line of ``title_tokens``; the text starts with it."""
    head = tokens_to_text(title_tokens)
    text = "\n".join(part for part in (head, tokens_to_text(body)) if part)
    return head.split("\n", 1)[0], text


def _first_sentence_title(tokens: Sequence[Token]) -> tuple[str, str]:
    heads, rest = _leading_sentences(tokens, 1)
    return _headed_text(heads[0] if heads else [], rest)


# --------------------------------------------------------------------------- shared helpers

_MONTH_DAY_YEAR = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso_date(value: str, formats: Iterable[str] = ("%Y-%m-%d",)) -> str | None:
    """``2014-06-15`` (or another of ``formats``) as ``2014-06-15T00:00:00Z``; None when unparsable."""
    for fmt in formats:
        try:
            return _iso(datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC))
        except ValueError:
            continue
    return None


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _rel(path: Path) -> str:
    try:
        return path.relative_to(data_dir()).as_posix()
    except ValueError:
        return str(path)


def _require(path: Path, what: str) -> Path:
    if not path.exists():
        raise DatasetNotFound(
            f"{what} not found: expected {path} (labelled corpora live in {data_dir()}; "
            "set CROSSWIRE_SHARED to the folder that holds data/)"
        )
    return path


def read_conll(path: Path) -> dict[str, list[Token]]:
    """A cdcr_benchmark_format ``dataset.conll``: document key -> ``(sentence, token)`` list, in order."""
    docs: dict[str, list[Token]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4 and not line.startswith("#"):
                docs.setdefault(cols[0], []).append((int(cols[1]), cols[3]))
    return docs


def _conll_docs(root: Path, splits: Sequence[str], what: str) -> Iterator[tuple[str, list[Token], str]]:
    """(key, tokens, source) for every document in ``root/<split>/dataset.conll``."""
    for split in splits:
        path = _require(root / split / "dataset.conll", f"{what} split {split!r}")
        for key, tokens in read_conll(path).items():
            yield key, tokens, _rel(path)


# --------------------------------------------------------------------------- ECB+

_ECB_NAME = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)")


def _ecb_order(path: Path) -> tuple[int, str, int]:
    match = _ECB_NAME.fullmatch(path.stem)
    return (int(match[1]), match[3], int(match[2])) if match else (0, path.stem, 0)


def _ecbplus_article(path: Path) -> Article:
    root = ElementTree.parse(path).getroot()
    tokens = [(int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    topic, kind = _ecb_order(path)[:2]
    url = None
    if kind == "ecbplus":  # ECB+ files open with their source URL, tokenised, as sentence 0
        heads, tokens = _leading_sentences(tokens, 1)
        url = "".join(tok for _, tok in heads[0]) if heads else None
    title, text = _first_sentence_title(tokens)
    return Article(
        id=f"ecbplus/{topic}/{path.stem}",
        external_id=path.stem,
        text=text,
        title=title,
        outlet=_host(url),
        url=url,
        language="en",
        source=_rel(path),
        source_kind="dataset:ecbplus",
        story_id=f"ecbplus/{topic}_{kind}",
    )


def _load_ecbplus(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "ecbplus" / "ECB+", "ECB+")
    for path in sorted(root.glob("*/*.xml"), key=_ecb_order):
        yield _ecbplus_article(path)


# --------------------------------------------------------------------------- NewsWCL50

_NEWSWCL50_OUTLETS = {
    "LL": "HuffPost",
    "L": "New York Times",
    "M": "USA Today",
    "R": "Fox News",
    "RR": "Breitbart",
}
_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")


def _url_date(url: str | None) -> str | None:
    match = _URL_DATE.search(url or "")
    return _iso_date("-".join(match.groups())) if match else None


def _newswcl50_urls(root: Path) -> dict[str, str]:
    path = root / "original" / "urls.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as rows:
        return {f"{r['Event ID']}_{r['Outlet']}": r["URL"] for r in csv.DictReader(rows, delimiter="\t")}


def _load_newswcl50(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "newswcl50", "NewsWCL50")
    urls = _newswcl50_urls(root)
    for key, tokens, source in _conll_docs(root / "cdcr_benchmark_format", splits, "NewsWCL50"):
        _, event, doc = key.split("/")
        title, text = _first_sentence_title(tokens)
        url = urls.get(doc)
        yield Article(
            id=f"newswcl50/{key}",
            external_id=doc,
            text=text,
            title=title,
            outlet=_NEWSWCL50_OUTLETS.get(doc.partition("_")[2], ""),
            url=url,
            published=_url_date(url),
            language="en",
            source=source,
            source_kind="dataset:newswcl50",
            story_id=f"newswcl50/{event}",
        )


# --------------------------------------------------------------------------- GVC


def _load_gvc(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "gvc", "GVC")
    for key, tokens, source in _conll_docs(root / "cdcr_benchmark_format", splits, "GVC"):
        _, incident, doc = key.split("/")
        heads, body = _leading_sentences(tokens, 2)  # sentence 0: publication date, 1: headline
        title, text = _headed_text(heads[1] if len(heads) > 1 else [], body)
        yield Article(
            id=f"gvc/{key}",
            external_id=doc,
            text=text,
            title=title,
            published=_iso_date(tokens_to_text(heads[0])) if heads else None,
            language="en",
            source=source,
            source_kind="dataset:gvc",
            story_id=f"gvc/{incident}",
        )


# --------------------------------------------------------------------------- MEANTIME


def _meantime_topics(root: Path, splits: Sequence[str]) -> dict[str, str]:
    """Topic id -> name (``0`` -> ``airbus``), from the mention files' ``topic`` field."""
    names: dict[str, str] = {}
    for split in splits:
        path = root / split / "event_mentions.json"
        if path.exists():
            for mention in json.loads(path.read_text(encoding="utf-8")):
                topic_id, name = str(mention["topic_id"]), str(mention["topic"])
                names[topic_id] = name.removeprefix(f"{topic_id}_").removeprefix("corpus_")
    return names


def _load_meantime(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "meantime", "MEANTIME") / "cdcr_benchmark_format"
    topics = _meantime_topics(root, splits)
    for key, tokens, source in _conll_docs(root, splits, "MEANTIME"):
        topic, _, doc = key.split("/")
        heads, body = _leading_sentences(tokens, 2)  # sentence 0: headline, 1: date
        title, text = _headed_text(heads[0] if heads else [], body)
        date = tokens_to_text(heads[1]) if len(heads) > 1 else ""
        yield Article(
            id=f"meantime/{key}",
            external_id=doc,
            text=text,
            title=title,
            published=_iso_date(date, _MONTH_DAY_YEAR),
            language="en",
            source=source,
            source_kind="dataset:meantime",
            story_id=f"meantime/{topics.get(topic, topic)}",
        )


# --------------------------------------------------------------------------- FCC


def _load_fcc(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "fcc", "FCC") / "cdcr_benchmark_format"
    for key, tokens, source in _conll_docs(root, splits, "FCC"):
        _, match, doc = key.split("/")
        title, text = _first_sentence_title(tokens)
        yield Article(
            id=f"fcc/{key}",
            external_id=doc,
            text=text,
            title=title,
            language="en",
            source=source,
            source_kind="dataset:fcc",
            story_id=f"fcc/{match}",
        )


# --------------------------------------------------------------------------- PolNeAR

_POLNEAR_OUTLETS = {
    "huff-post": "HuffPost",
    "breitbart": "Breitbart",
    "nyt": "New York Times",
    "politico": "Politico",
    "wash-post": "Washington Post",
    "west-journal": "Western Journalism",
    "usa-today": "USA Today",
}


def _polnear_metadata(root: Path) -> dict[str, dict[str, str]]:
    with _require(root / "metadata.tsv", "PolNeAR metadata").open(encoding="utf-8", newline="") as rows:
        return {row["filename"]: row for row in csv.DictReader(rows, delimiter="\t")}


def _polnear_article(path: Path, meta: dict[str, str]) -> Article:
    publisher = meta.get("publisher", path.stem.split("_", 1)[0])
    author = meta.get("author", "")
    return Article(
        id=f"polnear/{path.stem}",
        external_id=path.stem,
        text=path.read_bytes().decode("utf-8"),  # verbatim: brat offsets index into it
        title=meta.get("title", ""),
        outlet=_POLNEAR_OUTLETS.get(publisher, publisher),
        published=_iso_date(meta.get("publication_date", "")),
        author=author if author != "None" else None,
        language="en",
        source=_rel(path),
        source_kind="dataset:polnear",
        story_id=None,
    )


def _load_polnear(splits: Sequence[str]) -> Iterator[Article]:
    root = _require(data_dir() / "polnear" / "data", "PolNeAR")
    metadata = _polnear_metadata(root)
    for split in splits:
        folder = _require(root / split / "text", f"PolNeAR split {split!r}")
        for path in sorted(folder.glob("*.txt")):
            yield _polnear_article(path, metadata.get(path.stem, {}))


# --------------------------------------------------------------------------- UCI News Aggregator

_UCI_FILE = "uci-news-aggregator.first6367rows.csv"


def _uci_article(row: dict[str, str], source: str) -> Article:
    published = _iso(datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC))
    return Article(
        id=f"uci/{row['ID']}",
        external_id=row["ID"],
        text=row["TITLE"],
        title=row["TITLE"],
        outlet=row["PUBLISHER"],
        url=row["URL"],
        published=published,
        language="en",
        source=source,
        source_kind="dataset:uci",
        story_id=f"uci/{row['STORY']}",
    )


def _load_uci(splits: Sequence[str]) -> Iterator[Article]:
    path = _require(data_dir() / "uci_news_aggregator_sample" / _UCI_FILE, "UCI News Aggregator sample")
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            if None in row.values() or not (row.get("TIMESTAMP") or "").isdigit():
                log.warning("%s: skipping incomplete row ID=%s (truncated file?)", path.name, row.get("ID"))
                continue
            yield _uci_article(row, _rel(path))


# --------------------------------------------------------------------------- SemEval-2022 Task 8

_SEMEVAL_FILES = {"train": "training_set.csv", "test": "testing_set.csv"}
_SEMEVAL_SCORES = ("Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone")
_SEMEVAL_TITLE_END = re.compile(r"\n|\s{2,}")
_SEMEVAL_TITLE_MAX = 300  # a "title" longer than this is the lead, not a headline


def _semeval_title(text: str) -> str:
    """The headline when the text separates it (newline or double space), else ``""``."""
    end = _SEMEVAL_TITLE_END.search(text)
    return text[: end.start()].strip() if end and end.start() <= _SEMEVAL_TITLE_MAX else ""


def _semeval_pair(row: dict[str, str]) -> ArticlePair:
    scores = {name: float(row[name]) for name in _SEMEVAL_SCORES}
    text1, text2 = row["text1"].strip(), row["text2"].strip()
    return ArticlePair(
        pair_id=row["pair_id"],
        lang1=row["lang1"],
        lang2=row["lang2"],
        text1=text1,
        title1=_semeval_title(text1),
        text2=text2,
        title2=_semeval_title(text2),
        overall=scores["Overall"],
        scores=scores,
    )


def _semeval_path(split: str) -> Path:
    if split not in _SEMEVAL_FILES:
        raise ValueError(f"SemEval split {split!r} unknown; choose one of {sorted(_SEMEVAL_FILES)}")
    folder = data_dir() / "semeval2022_task8_sample"
    return _require(folder / _SEMEVAL_FILES[split], "SemEval-2022 Task 8 sample")


def load_semeval_pairs(split: str = "train") -> list[ArticlePair]:
    """Scored article pairs of the SemEval-2022 Task 8 sample (``train`` or ``test``), in file order.

    Texts are inline (headline + lead, ~150 words). Some pair ids occur twice with differently
    worded texts (augmented copies), and 62 pair ids occur in both files.
    """
    with _semeval_path(split).open(encoding="utf-8", newline="") as rows:
        return [_semeval_pair(row) for row in csv.DictReader(rows)]


def _semeval_articles(pair: ArticlePair, source: str) -> Iterator[Article]:
    ids = pair.pair_id.split("_")
    sides = ((pair.text1, pair.title1, pair.lang1), (pair.text2, pair.title2, pair.lang2))
    for doc, (text, title, lang) in zip(ids, sides, strict=False):
        yield Article(
            id=f"semeval/{doc}",
            external_id=doc,
            text=text,
            title=title,
            language=lang,
            source=source,
            source_kind="dataset:semeval",
            story_id=None,
        )


def _load_semeval(splits: Sequence[str]) -> Iterator[Article]:
    seen: set[str] = set()
    for split in splits:
        source = _rel(_semeval_path(split))
        for pair in load_semeval_pairs(split):
            for article in _semeval_articles(pair, source):
                if article.id not in seen:
                    seen.add(article.id)
                    yield article


# --------------------------------------------------------------------------- registry and API

DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            "ecbplus", "ecbplus/ECB+", "ECB+: 982 articles, 43 topics x 2 same-kind events", _load_ecbplus
        ),
        DatasetInfo(
            "newswcl50",
            "newswcl50",
            "NewsWCL50: 10 events x 5 US outlets",
            _load_newswcl50,
            ("train", "val", "test"),
            ("train", "val", "test"),
        ),
        DatasetInfo(
            "gvc",
            "gvc",
            "Gun Violence Corpus, validation split: 78 articles, 37 incidents",
            _load_gvc,
            ("val",),
            ("val",),
        ),
        DatasetInfo(
            "uci", "uci_news_aggregator_sample", "UCI News Aggregator: 6,366 headlines, 87 stories", _load_uci
        ),
        DatasetInfo(
            "polnear",
            "polnear/data",
            "PolNeAR: political news with attributions, no stories",
            _load_polnear,
            ("train", "dev"),
            ("train", "dev"),
        ),
        DatasetInfo(
            "semeval",
            "semeval2022_task8_sample",
            "SemEval-2022 Task 8 pairs (distinct articles)",
            _load_semeval,
            ("train", "test"),
            ("train", "test"),
        ),
        DatasetInfo(
            "meantime",
            "meantime",
            "MEANTIME English: 120 WikiNews articles, 4 topics",
            _load_meantime,
            ("train", "val", "test"),
            ("train", "val", "test"),
        ),
        DatasetInfo(
            "fcc",
            "fcc",
            "Football Coreference Corpus, dev: 117 articles, 35 matches",
            _load_fcc,
            ("dev",),
            ("dev",),
        ),
    )
}


def _splits_for(info: DatasetInfo, split: str | None) -> tuple[str, ...]:
    if split is None:
        return info.default_splits
    if split not in info.splits:
        offered = ", ".join(info.splits) or "none"
        raise ValueError(f"dataset {info.name!r} has no split {split!r} with texts (splits: {offered})")
    return (split,)


def load(name: str, *, split: str | None = None, limit: int | None = None) -> Iterator[Article]:
    """Articles of dataset ``name`` (see ``DATASETS``), with gold ``story_id`` where the data has one.

    ``split=None`` loads every split that has texts. Raises ``ValueError`` for an unknown name or
    split and ``DatasetNotFound`` when the corpus folder is absent.
    """
    info = DATASETS.get(name)
    if info is None:
        raise ValueError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    splits = _splits_for(info, split)
    _require(info.path, info.description.split(":", 1)[0])
    articles = info.loader(splits)
    return itertools.islice(articles, limit) if limit is not None else articles


# --------------------------------------------------------------------------- gold JSON Lines

GOLD_FIELDS = ("id", "url", "outlet", "title", "published", "text", "story_id")
_GOLD_OPTIONAL = ("language", "author", "external_id", "source_kind")


class GoldFormatError(ValueError):
    """A gold JSON Lines record that cannot become an Article."""


def _optional_str(record: dict[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise GoldFormatError(f"{origin}: {name!r} must be a string or null")
    return value


def _gold_article(record: Any, origin: str) -> Article:
    if not isinstance(record, dict):
        raise GoldFormatError(f"{origin}: expected a JSON object, got {type(record).__name__}")
    if not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str):
        raise GoldFormatError(f"{origin}: 'id' and 'text' must be strings")
    field_of = {name: _optional_str(record, name, origin) for name in GOLD_FIELDS + _GOLD_OPTIONAL}
    return Article(
        id=record["id"],
        text=record["text"],
        title=field_of["title"] or "",
        outlet=field_of["outlet"] or "",
        url=field_of["url"],
        published=field_of["published"],
        story_id=field_of["story_id"],
        language=field_of["language"],
        author=field_of["author"],
        external_id=field_of["external_id"],
        source=origin,
        source_kind=field_of["source_kind"] or "dataset:gold",
    )


def load_gold_jsonl(path: Path) -> Iterator[Article]:
    """Articles from a gold JSON Lines file: one object per line with ``GOLD_FIELDS`` (+ language...)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldFormatError(f"{origin}: not JSON ({err.msg})") from err
            yield _gold_article(record, origin)


def _gold_record(article: Article) -> dict[str, Any]:
    values = dataclasses.asdict(article)
    record = {name: values[name] for name in GOLD_FIELDS}
    record.update({name: values[name] for name in _GOLD_OPTIONAL if values[name] is not None})
    return record


def write_gold_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write ``articles`` as gold JSON Lines (UTF-8, one object per line); returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(_gold_record(article), ensure_ascii=False) + "\n")
            count += 1
    return count
