"""Ingest orchestration: units → raw items → articles (extracted, cleaned, identified, deduplicated) → store.

Library code: it logs and reports outcomes through a callback; it never prints.
Commits every ``batch_size`` items, so a killed run leaves a consistent store and a re-run completes it
(items already stored are recognised by id and skipped).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.ingest import clean, dedup, identity, meta
from crosswire.ingest.errors import InputError
from crosswire.ingest.feed import Follow
from crosswire.ingest.fetch import Fetcher, FetchSettings
from crosswire.ingest.html import extract_html
from crosswire.ingest.sources import Limits, Unit, discover, read_unit
from crosswire.ingest.stated_date import find_date, is_date_line
from crosswire.ingest.title import clean_title
from crosswire.model import UNKNOWN_OUTLET, Article, Failure, RawItem
from crosswire.store.db import Store, now_iso

log = logging.getLogger(__name__)

TITLE_MAX_CHARS = 200
STORE_FILE_ENDS = ("", "-wal", "-shm", "-journal")  # a SQLite database and its companion files
ENCODED_MAX_SHARE = 0.5  # of a cleaned text's characters in base64/hex-like runs: more is no article


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int = 20 * 2**20  # one text/HTML/feed file; JSON Lines are streamed per line
    max_line_bytes: int = 5 * 2**20  # one JSON Lines record
    near_threshold: float = dedup.DEFAULT_THRESHOLD  # MinHash Jaccard for near-duplicates
    follow: Follow = "auto"  # feeds: fetch each entry's page ("auto": only when the feed lacks full text)
    offline: bool = False  # no network fetching at all
    fetch: FetchSettings = field(default_factory=FetchSettings)
    batch_size: int = 200  # items per transaction
    # metadata for items whose source states none (e.g. {"outlet": "The Harbour Times"}): a folder of
    # plain-text reports saved from one outlet's site needs no front matter
    defaults: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What happened to one item: new, copy (of an earlier article), present (already stored), failed."""

    status: str
    origin: str
    article_id: str | None = None
    outlet: str | None = None
    copy_of: str | None = None
    reason: str | None = None


@dataclass
class IngestReport:
    counts: Counter[str] = field(default_factory=Counter)
    by_outlet: dict[str, Counter[str]] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.by_outlet.setdefault(outcome.outlet or "—", Counter())[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(Failure(outcome.origin, outcome.reason or "failed"))

    @property
    def failed(self) -> int:
        return self.counts["failed"]


OnOutcome = Callable[[Outcome], None]
OnUnit = Callable[[Unit, int], None]  # a unit is done; total number of units


class Ingestor:
    """Turns raw items into stored articles, remembering originals for near-duplicate detection."""

    def __init__(self, store: Store, settings: IngestSettings | None = None) -> None:
        self.store = store
        self.settings = settings or IngestSettings()
        self.index = dedup.NearDuplicateIndex(self.settings.near_threshold)
        for article_id, signature in store.signatures():
            self.index.add_signature(article_id, signature)
        self.seq = store.next_seq()

    def process(self, item: RawItem | Failure) -> Outcome:
        if isinstance(item, Failure):
            return self._fail(item)
        raw_id = identity.raw_id(item.raw) if item.raw else None
        if raw_id and (known := self.store.same_raw(raw_id, item.origin)):
            # the same bytes from the same source: present, even if extraction or cleaning changed since
            self.store.clear_failure(item.origin)
            return self._present(item.origin, known, None)
        missing = {k: v for k, v in self.settings.defaults.items() if not item.meta.get(k)}
        if missing:
            item.meta = {**item.meta, **missing}
        try:
            article = build_article(item)
        except InputError as exc:
            return self._fail(Failure(item.origin, str(exc)))
        return self._store(article, item, raw_id)

    def _present(self, origin: str, article_id: str, outlet: str | None) -> Outcome:
        stored = self.store.get(article_id)
        return Outcome("present", origin, article_id, stored.outlet if stored else outlet)

    def _fail(self, failure: Failure) -> Outcome:
        log.warning("%s", failure.line())
        self.store.record_failure(failure)
        return Outcome("failed", failure.origin, reason=failure.reason)

    def _store(self, article: Article, item: RawItem, raw_id: str | None) -> Outcome:
        self.store.clear_failure(item.origin)
        if self.store.has_article(article.id):
            return Outcome("present", item.origin, article.id, article.outlet)
        if known := self.store.same_item(article.content_hash, article.source):
            # the same text from the same source, ingested before with other metadata (--outlet,
            # --published): what was stored first stands, nothing is stored twice
            return self._present(item.origin, known, article.outlet)
        self._name_outlet(article)
        signature, supersedes = self._mark_copy(article)
        if raw_id:
            article.raw_id = raw_id
            self.store.put_raw(raw_id, item.origin, item.media_type, item.raw)
        article.ingested_at = now_iso()
        self.store.insert_article(article, self.seq, signature)
        self.seq += 1
        if supersedes:
            self.store.make_original(article.id, *supersedes)
        status = "copy" if article.copy_of else "new"
        return Outcome(status, item.origin, article.id, article.outlet, article.copy_of)

    def _name_outlet(self, article: Article) -> None:
        """Learn host → outlet from sources that state it; apply it where the outlet was only guessed."""
        if not article.host:
            return
        if not article.outlet_inferred:
            self.store.learn_outlet(article.host, article.outlet)
        elif known := self.store.outlet_for_host(article.host):
            article.outlet = known

    def _mark_copy(self, article: Article) -> tuple[bytes | None, tuple[str, str] | None]:
        """Set copy_of/copy_kind against the original: the earliest published of the group (ties: first seen).

        Returns the MinHash signature to store (originals only), and (old original, kind) when this
        article, published earlier, takes over as the group's original.
        """
        mh = None
        first = self.store.first_with_content(article.content_hash)
        if first is not None:
            root, kind = self._root(first), "exact"
        else:
            mh = dedup.minhash(article.text)
            match = self.index.match(mh)
            if match is None:
                self.index.add(article.id, mh)
                return dedup.signature_bytes(mh), None
            root, kind = self._root(match[0]), "near"
        original = self.store.get(root)
        if original and _earlier(article.published, original.published):
            mh = mh or dedup.minhash(article.text)
            self.index.add(article.id, mh)
            return dedup.signature_bytes(mh), (root, kind)
        article.copy_of, article.copy_kind = root, kind
        return None, None

    def _root(self, article_id: str) -> str:
        original = self.store.get(article_id)
        return original.copy_of or article_id if original else article_id


def _earlier(a: str | None, b: str | None) -> bool:
    """Whether date a is surely before b; a date-only value (midnight) is compared by day alone."""
    if a is None or b is None:
        return False
    if a.endswith("T00:00:00Z") or b.endswith("T00:00:00Z"):
        return a[:10] < b[:10]
    return a < b


def build_article(item: RawItem) -> Article:
    """Extract (HTML), clean, and identify one raw item."""
    text, fields = item.body, dict(item.meta)
    if item.media_type == "text/html":
        text, extracted = extract_html(item.body, fields.get("url"))
        fields = {**extracted, **fields}
    url = _str(fields.get("url"))
    host = meta.outlet_from_url(url)
    stated = _str(fields.get("outlet"))
    title = clean_title(str(fields.get("title") or ""), (stated, _str(fields.get("outlet_hint")), host))
    cleaned = clean.clean_text(text, title)
    if not title:
        title, cleaned = split_headline(cleaned)
    if not cleaned.strip():
        raise InputError("no article text left after removing boilerplate")
    if clean.encoded_share(cleaned) > ENCODED_MAX_SHARE:
        raise InputError("no readable text: mostly encoded data (base64 or hex?), not prose")
    outlet = stated or _str(fields.get("outlet_hint")) or host or UNKNOWN_OUTLET
    chash = identity.content_hash(cleaned)
    # no date stated by the source: the one the text's header line or the URL carries, if any
    published = meta.normalise_date(fields.get("published"))
    read = None if published else find_date(cleaned, title, url)
    return Article(
        id=identity.article_id(chash, outlet, url),
        text=cleaned,
        title=title,
        outlet=outlet,
        url=url,
        published=published or (read.value if read else None),
        language=_str(fields.get("language")) or meta.detect_language(cleaned),
        author=_str(fields.get("author")),
        source=item.origin,
        source_kind=item.source_kind,
        external_id=_str(fields.get("id")),
        story_id=_str(fields.get("story_id")),
        content_hash=chash,
        host=host,
        outlet_inferred=stated is None,
        date_read_from=read.where if read else None,
    )


def split_headline(text: str) -> tuple[str, str]:
    """(title, body) of an untitled text: its first paragraph is the title when it reads like a headline (a
    date line such as "Posted: 03/7/2014 9:12 am" does not)."""
    first, _sep, rest = text.partition(clean.PARAGRAPH_SEP)
    headline = len(first) <= TITLE_MAX_CHARS and not first.rstrip().endswith((".", '"', "”", ":"))
    if rest.strip() and headline and not is_date_line(first):
        return first.strip(), rest
    return "", text


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _is_store_file(unit: Unit, store: Store) -> bool:
    """The store's own database files, met while walking a folder that holds them, are not news."""
    if unit.kind in ("url", "stdin", "dataset") or str(store.path) == ":memory:":
        return False
    own, path = store.path.resolve(), Path(unit.location)
    try:  # the folder, not the file: a link that loops must still fail as itself
        folder = path.parent.resolve()
    except (OSError, RuntimeError):
        return False
    return folder == own.parent and path.name in {own.name + end for end in STORE_FILE_ENDS}


def ingest(
    sources: list[str],
    store: Store,
    settings: IngestSettings | None = None,
    on_outcome: OnOutcome | None = None,
    on_unit: OnUnit | None = None,
) -> IngestReport:
    """Ingest every named source into the store; failures are recorded and the run goes on."""
    settings = settings or IngestSettings()
    units = [u for u in discover(sources) if not _is_store_file(u, store)]
    ingestor = Ingestor(store, settings)
    report = IngestReport()
    run_id = store.start_run("ingest " + " ".join(sources))
    with _fetcher(settings) as fetcher:
        for unit, outcome in _outcomes(units, ingestor, fetcher, settings):
            report.add(outcome)
            if on_outcome:
                on_outcome(outcome)
            if on_unit and unit is not None:
                on_unit(unit, len(units))
    store.harmonise_outlets()
    store.finish_run(run_id, dict(report.counts))
    return report


def _outcomes(
    units: list[Unit], ingestor: Ingestor, fetcher: Fetcher | None, settings: IngestSettings
) -> Iterator[tuple[Unit | None, Outcome]]:
    """Outcomes in batched transactions; yields (unit, outcome) with unit set on a unit's last item."""
    limits = Limits(settings.max_file_bytes, settings.max_line_bytes)
    pending = 0
    ingestor.store.db.execute("BEGIN IMMEDIATE")
    try:
        for unit in units:
            last: Outcome | None = None
            unit_failed = False
            for item in read_unit(unit, limits, fetcher, settings.follow):
                if last is not None:
                    yield None, last
                last = ingestor.process(item)
                unit_failed = unit_failed or (last.status == "failed" and last.origin == unit.location)
                pending += 1
                if pending >= settings.batch_size:
                    ingestor.store.db.execute("COMMIT")
                    ingestor.store.db.execute("BEGIN IMMEDIATE")
                    pending = 0
            if last is not None:
                if not unit_failed:  # read now: forget a unit-level failure from before (a feed that 404'd)
                    ingestor.store.clear_failure(unit.location)
                yield unit, last
        ingestor.store.db.execute("COMMIT")
    except BaseException:
        ingestor.store.db.execute("ROLLBACK")
        raise


class _NoFetcher:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _fetcher(settings: IngestSettings) -> Fetcher | _NoFetcher:
    return _NoFetcher() if settings.offline else Fetcher(settings.fetch)
