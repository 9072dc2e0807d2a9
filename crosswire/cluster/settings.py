"""Clustering settings, declared once: name, default and help text for every knob.

Nothing here was tuned on a benchmark's test part: see ``benchmarks/train_decision.py`` for what the
learned decision was fitted on, and the comments below for where each default comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _s(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


class InvalidSettings(ValueError):
    """A clustering setting is out of range; the message names it and the allowed range."""


@dataclass(frozen=True)
class ClusterSettings:
    """Knobs of online event clustering and storyline linking."""

    candidates: int = _s(10, "Nearest open events (by centroid) scored for each new article.")
    join_probability: float | None = _s(
        None,
        "Join the best event when the learned P(same event) reaches this; None: the thresholds stored "
        "with the decision weights (one for full articles, one for headlines; chosen on training streams).",
    )
    event_window_days: float = _s(
        7.0, "An event stays open this many days after its latest article (dated streams only)."
    )
    max_open_events: int = _s(
        200_000, "Hard cap on open events kept in the index; the least recently updated close first."
    )
    centroid_members: int = _s(
        64, "Member vectors averaged into an event centroid (older ones fade out beyond this)."
    )
    max_event_terms: int = _s(
        300,
        "Terms kept per event and view (most frequent first; pruned back to this when half again as "
        "many) to bound memory and scoring time.",
    )
    # Chosen on the train/dev streams (ECB+ train and dev, UCI train, FCC dev): 6 is the lowest value that
    # leaves FCC dev (football reports, full of minutes and scores) unchanged.
    number_clash_min: int = _s(
        6,
        "A full article cannot join an event when both state at least this many different numbers and "
        "share none (two fights of one boxer, two Oscar hosts); 0 turns the rule off.",
    )
    storyline_window_days: float = _s(
        28.0, "Events this many days apart (or fewer) can be linked into one storyline."
    )
    storyline_min_entities: int = _s(
        2,
        "Specific names (no place, year or demonym; see storyline_name_share) an event needs to share with "
        "a storyline to join it.",
    )
    storyline_name_share: float = _s(
        0.05,
        "A shared name is specific when at most this share of recent storylines carry it (a name that only "
        "the candidate storyline carries always is).",
    )
    # The storyline rules were chosen by judgement and checked on the train/dev streams (ECB+ train and dev,
    # FCC dev) with benchmarks/cluster_quality.py's storyline-link table; the cosine was raised from 0.45.
    storyline_min_cosine: float = _s(0.5, "Centroid cosine an event needs with a storyline's latest event.")
    storyline_candidates: int = _s(20, "Nearest storylines (by centroid) checked for each new event.")

    def __post_init__(self) -> None:
        if self.number_clash_min < 0:
            raise InvalidSettings(f"number_clash_min must be >= 0, got {self.number_clash_min}")
        for name in ("candidates", "max_open_events", "centroid_members", "max_event_terms"):
            if getattr(self, name) < 1:
                raise InvalidSettings(f"{name} must be >= 1, got {getattr(self, name)}")
        for name in ("join_probability", "storyline_min_cosine", "storyline_name_share"):
            if getattr(self, name) is not None and not 0.0 <= getattr(self, name) <= 1.0:
                raise InvalidSettings(f"{name} must be within [0, 1], got {getattr(self, name)}")
        if self.event_window_days <= 0 or self.storyline_window_days <= 0:
            raise InvalidSettings("window sizes must be positive numbers of days")

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, for docs and the CLI."""
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]
