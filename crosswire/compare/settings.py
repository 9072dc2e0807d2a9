"""Thresholds of the compare stage, declared once with their help text."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _s(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class CompareSettings:
    """How claims are split, aligned, marked and summarised. Every field carries its help text."""

    align_strong: float = _s(0.80, "cosine at or above which two claims align without structural support")
    align_weak: float = _s(0.62, "cosine at or above which two claims align when they share an anchor")
    copy_align: float = _s(0.95, "cosine at which sentences of two copies of one source align")
    merge_average: float = _s(
        0.65,
        "average cosine two claim groups need to merge (at 0.60 half the corroborations audited on real news "
        "joined sentences that state different facts)",
    )
    facet_min: float = _s(
        0.75,
        "cosine at or above which parts (clauses, phrases) of two claims in different groups state one fact",
    )
    conflict_min: float = _s(0.52, "cosine at or above which two anchored claims are checked for conflict")
    numbers_min: float = _s(0.20, "cosine two claims with figures for the same measure need to be compared")
    polarity_min: float = _s(
        0.52,
        "cosine two claims need before a polarity difference counts as conflict (the parse must also show "
        "one proposition on both sides)",
    )
    attribution_min: float = _s(
        0.80, "cosine two claims without a shared figure need before an attribution difference counts"
    )
    topic_share: float = _s(
        0.10,
        "share of an event's claims above which a word is the event's topic: a denial of only such words "
        "is no conflict",
    )
    compatible_min: float = _s(
        0.40,
        "cosine at or above which two claims with compatible figures for one thing, or that date one "
        "happening to the same day, are grouped",
    )
    wire_share: float = _s(
        0.6,
        "share of an article's sentences near-copied from one earlier article that makes it a wire rewrite",
    )
    wire_cosine: float = _s(0.93, "cosine at which a sentence counts as near-copied")
    min_claim_words: int = _s(5, "sentences shorter than this (in words) are not claims")
    summary_sentences: int = _s(6, "sentences in the extractive summary")
    summary_lambda: float = _s(0.7, "MMR trade-off: relevance weight against redundancy")
    summary_corroboration: float = _s(0.15, "summary bonus per extra independent outlet carrying a claim")
    label_examples: int = _s(2, "example spans kept per label and outlet")
    logodds_prior: float = _s(500.0, "strength (alpha_0) of the informative Dirichlet prior for log-odds")
    logodds_z: float = _s(1.96, "z-score above which a term is over-represented for an outlet")
    logodds_top: int = _s(8, "terms listed per outlet")
    quote_same: float = _s(
        0.55, "word overlap (containment) at which two quotes of one speaker are the same statement"
    )

    def describe(self) -> list[tuple[str, Any, str]]:
        """(name, value, help) for every setting, for docs and the CLI."""
        return [(f.name, getattr(self, f.name), f.metadata.get("help", "")) for f in fields(self)]

    def __post_init__(self) -> None:
        for name in ("align_strong", "align_weak", "merge_average", "conflict_min", "wire_share"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"CompareSettings.{name} must lie in [0, 1], got {value}")
        if self.align_weak > self.align_strong:
            raise ValueError("CompareSettings.align_weak must not exceed align_strong")


DEFAULT_SETTINGS = CompareSettings()
