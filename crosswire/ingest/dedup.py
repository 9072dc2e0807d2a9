"""Near-duplicate detection with MinHash LSH (datasketch).

Shingles are word 3-grams of the case-folded text. Two reports are near-duplicates when the estimated
Jaccard similarity of their shingle sets is at least ``threshold`` (default 0.5). Why 0.5 on 3-grams:
a light edit (a sentence added or cut, a few words changed: ~90% of words shared) keeps about
0.9^3 ≈ 73% of 3-grams, a Jaccard near 0.6-0.75, while independent reports of the same event by
different outlets share well under 0.2 (measured on ECB+: see BENCHMARKS.md). 0.5 sits between,
so rewrites that keep most of a wire story's wording count as copies and independent reporting does not.
LSH candidates are verified by the MinHash estimate itself before a copy is declared.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosswire.ingest.identity import words

SHINGLE_WORDS = 3
NUM_PERM = 128
DEFAULT_THRESHOLD = 0.5
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one


def shingles(text: str, n: int = SHINGLE_WORDS) -> list[bytes]:
    toks = words(text)
    if len(toks) < n:
        return [" ".join(toks).encode()] if toks else []
    return [" ".join(toks[i : i + n]).encode() for i in range(len(toks) - n + 1)]


def shingle_hash(shingle: bytes) -> int:
    """32-bit CRC of a shingle: stable across processes, and far cheaper than datasketch's default SHA-1."""
    return zlib.crc32(shingle)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> Any:
    """The hash permutations, drawn once (datasketch would redraw them for every MinHash)."""
    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    m = MinHash(num_perm=num_perm, scheme=SCHEME, hashfunc=shingle_hash, permutations=_permutations(num_perm))
    m.update_batch(shingles(text))
    return m


class NearDuplicateIndex:
    """Remembers the first-seen originals and finds which one a new text nearly repeats."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.hashes: dict[str, MinHash] = {}
        self.order: dict[str, int] = {}

    def add(self, key: str, m: MinHash) -> None:
        if key not in self.hashes:
            self.lsh.insert(key, m)
            self.hashes[key] = m
            self.order[key] = len(self.order)

    def add_signature(self, key: str, signature: bytes) -> None:
        values = np.frombuffer(signature, dtype=np.uint64)
        self.add(
            key,
            MinHash(
                num_perm=self.num_perm,
                hashvalues=values,
                scheme=SCHEME,
                hashfunc=shingle_hash,
                permutations=_permutations(self.num_perm),
            ),
        )

    def match(self, m: MinHash) -> tuple[str, float] | None:
        """The most similar indexed original at or above the threshold, ties to the earliest added."""
        best: tuple[str, float] | None = None
        for key in sorted(self.lsh.query(m), key=self.order.__getitem__):
            score = float(m.jaccard(self.hashes[key]))
            if score >= self.threshold and (best is None or score > best[1]):
                best = (key, score)
        return best


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()
