"""The dossier's summary lines read as sentences."""

from __future__ import annotations

import numpy as np

from crosswire.compare.align import ClaimGroup
from crosswire.compare.claims import Claim
from crosswire.compare.settings import CompareSettings
from crosswire.compare.summary import summarise
from crosswire.model import Span


def _claim(cid: str, text: str, source: str) -> Claim:
    return Claim(cid, Span(f"art-{source}", 0, len(text)), text, outlet=source, source=source)


def test_a_clause_cut_after_its_subject_is_no_summary_line() -> None:
    claims = [
        _claim("c0", "have rejected the truce in force since February 20, according to the army.", "a"),
        _claim("c1", "Crews were greeted as heroes at a ceremony outside Port Aurel on Wednesday.", "b"),
        _claim("c2", "Defence Minister Ida Brand, who met the crews at the base on Sunday,", "c"),
    ]
    groups = [ClaimGroup(f"g{k}", [c]) for k, c in enumerate(claims)]
    vectors = np.eye(3, 4, dtype=np.float32)
    lines = summarise(claims, groups, vectors, CompareSettings())
    assert [line.claim_id for line in lines] == ["c1"]
