"""Gold cross-document entity chains: NewsWCL50 and MEANTIME (CoNLL) and ECB+ (tokenised XML).

Each document's text is rebuilt from its tokens (tokens joined by one space, sentences by a newline;
NewsWCL50's ``\\n`` paragraph tokens become newlines), and every gold mention gets character offsets into
that text, so mentions can be handed to the reader like any other span.

- **NewsWCL50** (``newswcl50/cdcr_benchmark_format/dataset.conll``, all 10 topics): entity chains are those
  of types ACTOR, COUNTRY, GROUP, OBJECT (EVENT, ACTION and MISC are event-like and left out; the converter
  already dropped ACTOR-I). Chain ids are topic-prefixed, so the gold never links across topics. A span that
  carries two chains (rare: "leaders at the highest levels" = Putin and Trump) is kept once, in its first
  chain.
- **MEANTIME** (``meantime/cdcr_benchmark_format/{train,val,test}/dataset.conll``, 120 WikiNews articles in
  4 broad topics: airbus, apple, gm, stock): entity chains are those whose id starts with PER, ORG, LOC, PRO
  (product) or FIN (financial); GRA/SPE/OTH are event classes and MIX is mixed. A document key is
  ``topic/article/doc``; the article is the subtopic. Same reading as NewsWCL50 otherwise.
- **ECB+** (``ecbplus/ECB+/<topic>/*.xml``): entity markables are tags starting with HUMAN_PART,
  NON_HUMAN_PART, LOC_ or TIME_; chains come from ``CROSS_DOC_COREF`` (id = its ``note``, the instance id,
  shared across the documents of a topic), ``INTRA_DOC_COREF`` (one chain per relation), and unlinked
  markables are singletons.
  By default only the sentences listed in ``ECBplus_coreference_sentences.csv`` count, as the corpus README
  asks (annotation outside them is partial). ECB+ stores punctuation and clitics as tokens of their own;
  the text glues them back as written ("Lohan's", "Calif.", "co-workers", "5:03", "p.m.", "5.9"), so the
  parser reads ordinary prose (the CoNLL corpora keep their token spacing).

Splits (``load(..., split=...)``): ECB+ train 1-22 / dev 23-25 / test 26-45 (as in the literature);
NewsWCL50 and MEANTIME use their own ``train_val_test_split.json`` (train / val / test; ``dev`` is accepted
for ``val``).
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crosswire.eval.paths import data_dir

NEWSWCL_ENTITY_TYPES = frozenset({"ACTOR", "COUNTRY", "GROUP", "OBJECT"})
MEANTIME_ENTITY_TYPES = frozenset({"PER", "ORG", "LOC", "PRO", "FIN"})
ECB_ENTITY_PREFIXES = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_", "TIME_")
DATASETS = ("newswcl50", "ecbplus", "meantime")
SPLIT_FILE_DATASETS = ("newswcl50", "meantime")  # splits read from <dataset>/train_val_test_split.json
# ECB+ topic split used in the literature (Cybulska & Vossen 2015; Barhom et al. 2019): tune on train only.
SPLITS: dict[str, dict[str, frozenset[str]]] = {
    "ecbplus": {
        "train": frozenset(str(t) for t in range(1, 23)),
        "dev": frozenset(str(t) for t in range(23, 26)),
        "test": frozenset(str(t) for t in range(26, 46)),
    }
}


class DatasetNotFound(FileNotFoundError):
    """The labelled corpus is not at ``crosswire.eval.paths.data_dir()``; set ``CROSSWIRE_SHARED``."""


@dataclass(frozen=True)
class GoldMention:
    doc_id: str
    start: int
    end: int
    text: str
    chain: str
    type: str
    sentence: int


@dataclass
class GoldDocument:
    doc_id: str
    topic: str
    subtopic: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class _Builder:
    """Rebuilds a text from tokens, remembering each token's character range."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    sentence: int | None = None
    newline: bool = False
    detokenise: bool = False  # glue punctuation and clitics as written ("Lohan's", "Calif.", "co-workers")
    previous: str = ""

    def add(self, token: str, sentence: int) -> tuple[int, int]:
        if token in {"\\n", "\n"}:
            self.newline = True
            return self.length, self.length
        sep = "" if not self.parts else ("\n" if self.newline or sentence != self.sentence else " ")
        if sep == " " and self.detokenise and _glued(self.previous, token, "".join(self.parts[-3:])[-3:]):
            sep = ""
        self.sentence, self.newline, self.previous = sentence, False, token
        self.parts.append(sep + token)
        self.length += len(sep) + len(token)
        return self.length - len(token), self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


_CLOSING = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "%", "”", "''", "...", "n't", "n’t"})
_OPENING = frozenset({"(", "[", "$", "“", "``", "#"})
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m", "t"})


def _glued(previous: str, token: str, tail: str) -> bool:
    """Whether ``token`` was written against ``previous`` (ECB+ stores words and punctuation as separate
    tokens: "Lohan ’ s", "Calif .", "co - workers", "5 : 03pm", "5 . 9", "U . S ."); ``tail``: the last
    characters written."""
    if re.search(r"(?:^|[^\w.])[A-Za-z]\.$", tail) and len(token) == 1 and token.isalpha():
        return True  # "U.S", "p.m"
    if re.search(r"\d\.$", tail) and token[:1].isdigit():
        return True  # "5.9"
    if token in _CLOSING:
        return True
    if previous in _OPENING or previous in {"-", "/"} or token in {"-", "/"}:
        return True
    if token[:1] in {"'", "’"} and token[1:].lower() in _CLITICS:
        return True
    if token in {"'", "’"} and previous[-1:].isalnum():
        return True  # "Lohan ’ s": the apostrophe, then its clitic
    if previous in {"'", "’"} and token.lower() in _CLITICS:
        return True
    return previous == ":" and token[:1].isdigit()


def load(dataset: str, *, topics: int | None = None, split: str | None = None) -> list[GoldDocument]:
    """Documents with gold entity mentions; ``split``: only that split's topics (``SPLITS``); ``topics``
    then keeps the first N topics (whole topics only)."""
    docs = _load_split(dataset, split)
    if topics is not None:
        keep = sorted({d.topic for d in docs}, key=_topic_order)[:topics]
        docs = [d for d in docs if d.topic in keep]
    return docs


def split_names(dataset: str) -> tuple[str, ...]:
    """The named topic splits of ``dataset`` (empty when it has none: then score it whole, as test)."""
    return tuple(topic_splits(dataset))


def topic_splits(dataset: str) -> dict[str, frozenset[str]]:
    """Split name → its topics: ECB+'s fixed split, or the dataset's own ``train_val_test_split.json``."""
    if dataset not in SPLIT_FILE_DATASETS:
        return SPLITS.get(dataset, {})
    path = _require(data_dir() / dataset / "train_val_test_split.json")
    return {name: frozenset(str(t) for t in topics) for name, topics in json.loads(path.read_text()).items()}


def _load_split(dataset: str, split: str | None) -> list[GoldDocument]:
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}: choose one of {', '.join(DATASETS)}")
    if split is not None:
        splits = topic_splits(dataset)
        split = {"dev": "val", "val": "dev"}.get(split, split) if split not in splits else split
        if split not in splits:
            known = ", ".join(splits) or "none"
            raise ValueError(f"dataset {dataset!r} has no split {split!r} (splits: {known})")
    docs = _load_all(dataset)
    return docs if split is None else [d for d in docs if d.topic in topic_splits(dataset)[split]]


def _load_all(dataset: str) -> list[GoldDocument]:
    if dataset == "newswcl50":
        return load_newswcl50()
    if dataset == "meantime":
        return load_meantime()
    return load_ecbplus()


def _topic_order(topic: str) -> tuple[int, str]:
    return (int(topic), topic) if topic.isdigit() else (10**9, topic)


def _require(path: Path) -> Path:
    if not path.exists():
        raise DatasetNotFound(f"{path} not found: the shared corpora are expected under {data_dir()}")
    return path


# ---------------------------------------------------------------- NewsWCL50


def load_newswcl50(path: Path | None = None) -> list[GoldDocument]:
    path = _require(path or data_dir() / "newswcl50" / "cdcr_benchmark_format" / "dataset.conll")
    return [_conll_doc(key, rows, _newswcl_type) for key, rows in _conll_documents(path)]


def load_meantime(root: Path | None = None) -> list[GoldDocument]:
    root = root or data_dir() / "meantime" / "cdcr_benchmark_format"
    paths = [_require(root / part / "dataset.conll") for part in ("train", "val", "test")]
    docs = [_conll_doc(key, rows, _meantime_type) for p in paths for key, rows in _conll_documents(p)]
    return sorted(docs, key=lambda d: (_topic_order(d.topic), d.doc_id))


def _newswcl_type(chain: str) -> str:
    etype = chain.rsplit("_", 1)[-1]
    return etype if etype in NEWSWCL_ENTITY_TYPES else ""


def _meantime_type(chain: str) -> str:
    return chain[:3] if chain[:3] in MEANTIME_ENTITY_TYPES else ""


def _conll_documents(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    current: str | None = None
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5 or line.startswith("#"):
                continue
            if cols[0] != current and current is not None:
                yield current, rows
                rows = []
            current = cols[0]
            rows.append(cols)
    if current is not None:
        yield current, rows


def _conll_doc(key: str, rows: list[list[str]], entity_type: Callable[[str], str]) -> GoldDocument:
    """One document; ``entity_type``: a chain id's entity type, "" for a chain that is not an entity."""
    topic, subtopic, doc_id = key.split("/")
    builder = _Builder()
    open_at: dict[str, list[tuple[int, int]]] = {}
    found: list[tuple[int, int, int, str]] = []
    for cols in rows:
        sentence = int(cols[1])
        start, end = builder.add(cols[3], sentence)
        for part in (p.strip() for p in cols[4].split("|")):
            _conll_bracket(part, start, end, sentence, open_at, found)
    doc = GoldDocument(doc_id, topic, f"{topic}/{subtopic}", builder.text)
    seen: set[tuple[int, int]] = set()
    for start, end, sentence, chain in sorted(found):
        etype = entity_type(chain)
        start, end = _strip(doc.text, start, end)
        if etype and start < end and (start, end) not in seen:
            seen.add((start, end))
            doc.mentions.append(GoldMention(doc_id, start, end, doc.text[start:end], chain, etype, sentence))
    return doc


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + len(piece.rstrip())


def _conll_bracket(
    part: str,
    start: int,
    end: int,
    sentence: int,
    open_at: dict[str, list[tuple[int, int]]],
    found: list[tuple[int, int, int, str]],
) -> None:
    if part in {"", "-"}:
        return
    chain = part.strip("()")
    if part.startswith("("):
        open_at.setdefault(chain, []).append((start, sentence))
    if part.endswith(")") and open_at.get(chain):
        begin, sent = open_at[chain].pop()
        found.append((begin, end, sent, chain))


# ---------------------------------------------------------------- ECB+


def load_ecbplus(root: Path | None = None, *, selected_sentences_only: bool = True) -> list[GoldDocument]:
    root = _require(root or data_dir() / "ecbplus" / "ECB+")
    selected = (
        _ecb_selected(root.parent / "ECBplus_coreference_sentences.csv") if selected_sentences_only else None
    )
    files = sorted(root.glob("*/*.xml"), key=lambda p: (_topic_order(p.parent.name), p.name))
    return [_ecb_doc(p, selected) for p in files]


def _ecb_selected(path: Path) -> set[tuple[str, int]]:
    with _require(path).open(encoding="utf-8") as fh:
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(fh)}


def _ecb_doc(path: Path, selected: set[tuple[str, int]] | None) -> GoldDocument:
    tree = ET.parse(path)
    doc_id = path.stem
    builder = _Builder(detokenise=True)
    tokens: dict[str, tuple[int, int, int]] = {}
    for tok in tree.getroot().iter("token"):
        sentence = int(tok.get("sentence", "0"))
        start, end = builder.add(tok.text or "", sentence)
        tokens[tok.get("t_id", "")] = (start, end, sentence)
    topic = path.parent.name
    subtopic = f"{topic}_{'ecbplus' if doc_id.endswith('ecbplus') else 'ecb'}"
    doc = GoldDocument(doc_id, topic, subtopic, builder.text)
    chains = _ecb_chains(tree.getroot(), doc_id)
    for m_id, (etype, anchors) in _ecb_markables(tree.getroot()).items():
        spans = [tokens[t] for t in anchors if t in tokens]
        if not spans or (selected is not None and (doc_id, spans[0][2]) not in selected):
            continue
        start, end = min(s[0] for s in spans), max(s[1] for s in spans)
        chain = chains.get(m_id, f"{doc_id}/singleton/{m_id}")
        doc.mentions.append(GoldMention(doc_id, start, end, doc.text[start:end], chain, etype, spans[0][2]))
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    return doc


def _ecb_markables(root: ET.Element) -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    markables = root.find("Markables")
    for el in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in el.findall("token_anchor")]
        if anchors and el.tag.startswith(ECB_ENTITY_PREFIXES):
            out[el.get("m_id", "")] = (el.tag, anchors)
    return out


def _ecb_chains(root: ET.Element, doc_id: str) -> dict[str, str]:
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag == "CROSS_DOC_COREF":
            chain = rel.get("note") or f"{doc_id}/cross/{rel.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            chain = f"{doc_id}/intra/{rel.get('r_id')}"
        else:
            continue
        for src in rel.findall("source"):
            chains.setdefault(src.get("m_id", ""), chain)
    return chains
