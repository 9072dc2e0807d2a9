"""The dossier of one event: every comparison the compare stage makes, with its evidence spans."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from crosswire.compare.align import ClaimGroup, align_claims
from crosswire.compare.claims import Claim, build_claims, claim_bounds, part_claim
from crosswire.compare.facets import PartBounds, facet_groups, part_of
from crosswire.compare.independence import assign_sources
from crosswire.compare.labels import EntityLabels, OutletTerms, entity_labels, outlet_terms
from crosswire.compare.quotes_across import QuoteComparison, compare_quotes
from crosswire.compare.readings import ensure_readings, ensure_resolution
from crosswire.compare.settings import DEFAULT_SETTINGS, CompareSettings
from crosswire.compare.summary import Difference, SummarySentence, differences, summarise
from crosswire.compare.timeline import TimePoint, build_timeline
from crosswire.compare.vectors import VectorCache, shared_cache
from crosswire.model import Article
from crosswire.read.reader import Reading
from crosswire.read.resolve import Resolution

log = logging.getLogger(__name__)


@dataclass
class ArticleInfo:
    """One report of the event as the dossier shows it."""

    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    source: str
    copy_of: str | None
    text: str


@dataclass
class Dossier:
    event_id: str
    articles: list[ArticleInfo]
    claims: list[Claim]
    groups: list[ClaimGroup]
    omissions: dict[str, list[str]] = field(default_factory=dict)
    labels: list[EntityLabels] = field(default_factory=list)
    terms: list[OutletTerms] = field(default_factory=list)
    quotes: QuoteComparison | None = None
    timeline: list[TimePoint] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    readings: dict[str, Reading] = field(default_factory=dict, repr=False)
    resolution: Resolution | None = field(default=None, repr=False)

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(a.outlet for a in self.articles))

    @property
    def time_span(self) -> tuple[str | None, str | None]:
        dates = sorted(a.published for a in self.articles if a.published)
        return (dates[0], dates[-1]) if dates else (None, None)

    def group(self, group_id: str) -> ClaimGroup:
        return next(g for g in self.groups if g.id == group_id)

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)


def _chronological(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or "9999", a.id))


def _info(a: Article, source: str) -> ArticleInfo:
    outlet = a.outlet_label
    return ArticleInfo(a.id, outlet, a.title, a.published, a.url, source, a.copy_of, a.text)


def _sentence_vectors(
    articles: list[Article], cache: VectorCache, settings: CompareSettings
) -> dict[str, np.ndarray]:
    texts = {a.id: [a.text[s:e] for s, e in claim_bounds(a, settings)] for a in articles}
    cache.vectors([t for ts in texts.values() for t in ts])  # one batch for the whole event
    return {aid: cache.vectors(ts) for aid, ts in texts.items()}


def omissions(groups: list[ClaimGroup], outlets: list[str]) -> dict[str, list[str]]:
    """Outlet → ids of corroborated groups it does not carry."""
    out: dict[str, list[str]] = {}
    carried = [(g.id, set(g.outlets)) for g in groups if g.status == "corroborated"]
    for outlet in outlets:
        out[outlet] = [gid for gid, have in carried if outlet not in have]
    return out


def build_dossier(
    articles: list[Article],
    event_id: str,
    *,
    readings: dict[str, Reading] | None = None,
    resolution: Resolution | None = None,
    cache: VectorCache | None = None,
    settings: CompareSettings = DEFAULT_SETTINGS,
) -> Dossier:
    """Compare the reports of one event. ``readings``/``resolution`` come from the store when it has them."""
    articles = _chronological(articles)
    cache = cache if cache is not None else shared_cache()  # an empty cache is falsy (it has __len__)
    readings = ensure_readings(articles, readings)
    resolution = ensure_resolution(articles, readings, event_id, resolution)
    sources = assign_sources(articles, _sentence_vectors(articles, cache, settings), settings)
    claims = build_claims(articles, sources, readings, resolution, settings)
    vectors = cache.vectors([c.text for c in claims])
    groups = align_claims(claims, vectors, settings)
    by_id = {a.id: a for a in articles}

    def part(c: Claim, bounds: PartBounds, part_id: str) -> Claim:
        reading = readings.get(c.article_id) or Reading(c.article_id)
        span = (c.span.start + bounds.start, c.span.start + bounds.end)
        made = part_claim(by_id[c.article_id], c.source, reading, resolution, c, span, part_id)
        return part_of(c, made, bounds)

    parts = facet_groups(claims, vectors, groups, part, cache.vectors, settings)
    infos = [_info(a, sources[a.id]) for a in articles]
    dossier = Dossier(event_id, infos, claims + parts, groups, readings=readings, resolution=resolution)
    dossier.omissions = omissions(groups, dossier.outlets)
    dossier.labels = entity_labels(articles, readings, resolution, settings)
    dossier.terms = outlet_terms(articles, settings)
    dossier.quotes = compare_quotes(articles, readings, resolution, settings)
    dossier.timeline = build_timeline(claims, groups)  # of whole claims: a part repeats its claim's times
    dossier.summary = summarise(claims, groups, vectors, settings)
    dossier.differences = differences(groups, claims)
    return dossier
