"""Content identity: exact hashes and MinHash signatures for syndicated near-copies.

A wire story reprinted by five outlets is one report, not five: the copies differ in a
headline, a dateline or a closing line.  Word 3-gram shingles of the normalised text
compared with MinHash (``datasketch``) find them in constant time per article with LSH.
"""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash, MinHashLSH

from rasad.store.textindex import words

NUM_PERM = 64
SCHEME = "affine32"  # fixed, so stored signatures stay comparable across datasketch versions
THRESHOLD = 0.7
"""Estimated Jaccard similarity of shingles above which two articles are one story."""
WINDOW = 100_000
"""Copies of a wire story appear within days of each other: the index holds the most recent
articles only (64 hash values each), so memory stays bounded however large the database."""
MIN_SHINGLES = 25
"""Shorter texts (a two-line breaking-news item) are too short to call copies safely."""


def content_hash(text: str) -> str:
    """Hash of the text with whitespace runs collapsed: re-wrapping a file is not a change."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def signature(text: str) -> MinHash | None:
    w = words(text)
    shingles = {" ".join(w[i : i + 3]).encode("utf-8") for i in range(max(0, len(w) - 2))}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch(list(shingles))
    return m


def to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(b: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(b, dtype=np.uint64))


class NearDuplicates:
    """An LSH index of canonical (non-duplicate) articles."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.sigs: dict[str, MinHash] = {}

    def add(self, doc_id: str, m: MinHash) -> None:
        if doc_id in self.sigs:
            self.remove(doc_id)
        self.lsh.insert(doc_id, m)
        self.sigs[doc_id] = m

    def remove(self, doc_id: str) -> None:
        if doc_id in self.sigs:
            self.lsh.remove(doc_id)
            del self.sigs[doc_id]

    def best(self, m: MinHash, exclude: str | None = None) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold."""
        best: tuple[str, float] | None = None
        for key in self.lsh.query(m):
            if key == exclude:
                continue
            sim = float(m.jaccard(self.sigs[key]))
            if sim >= THRESHOLD and (best is None or sim > best[1] or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
