"""CoNLL files and entity-level (exact-match) scoring, as conlleval computes it.

An entity counts as found only when its label and both boundaries match the gold one.
Chunks are read the conlleval way: an ``I-X`` after ``O`` or after another label opens a
new chunk, so a tagger is not rewarded for sequences a strict BIO reader would reject.
ANERcorp calls persons ``PERS``; our contract says ``PER``: we map on reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LABEL_MAP = {"PERS": "PER"}
LABELS = ("PER", "LOC", "ORG", "MISC")


def map_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{LABEL_MAP.get(label, label)}"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of ``token TAG`` lines, blank-line separated."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    out.append((words, tags))
                    words, tags = [], []
                continue
            words.append(parts[0])
            tags.append(map_tag(parts[-1]) if len(parts) > 1 else "O")
    if words:
        out.append((words, tags))
    return out


def chunks(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` token spans, conlleval rules."""
    out: list[tuple[str, int, int]] = []
    label: str | None = None
    start = 0
    for i, t in enumerate([*tags, "O"]):
        prefix, lab = ([*t.split("-", 1), ""])[:2] if t != "O" else ("O", "")
        begins = prefix == "B" or (prefix == "I" and lab != label)
        if label is not None and (prefix == "O" or begins):
            out.append((label, start, i))
            label = None
        if prefix != "O" and begins:
            label, start = lab, i
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Score]:
    """Per-label and ``micro`` scores over parallel tag sequences."""
    out: dict[str, Score] = {lab: Score() for lab in LABELS}
    micro = Score()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(chunks(g)), set(chunks(p))
        for lab, s, e in gs | ps:
            sc = out.setdefault(lab, Score())
            if (lab, s, e) in gs and (lab, s, e) in ps:
                sc.tp += 1
                micro.tp += 1
            elif (lab, s, e) in ps:
                sc.fp += 1
                micro.fp += 1
            else:
                sc.fn += 1
                micro.fn += 1
    out["micro"] = micro
    return out
