"""Near spellings for names the gazetteer does not have (typos, unusual transliterations).

They are offered as candidates of an unresolved place, never chosen: a misspelt village
is better left unresolved than confidently put in the wrong country.  The index (each
key and each key with one letter deleted) is built on first use only, since most
articles never need it.
"""

from __future__ import annotations

from rasad.geo.gazetteer import Gazetteer


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _index(gaz: Gazetteer) -> dict[str, list[str]]:
    cached = gaz.cache.get("fuzzy")
    if cached is None:
        cached = {}
        for k in gaz.keys:
            cached.setdefault(k, []).append(k)
            if len(k) >= 4:  # deletions of shorter keys are two-letter noise
                for d in _deletes(k):
                    cached.setdefault(d, []).append(k)
        gaz.cache["fuzzy"] = cached
    return cached  # type: ignore[no-any-return]


MEMO_SIZE = 20_000
"""Names whose near spellings are kept (then the memo starts afresh): unknown names recur."""


def fuzzy_candidates(gaz: Gazetteer, name: str, limit: int = 3) -> list[tuple[int, float]]:
    """Entries whose name is one edit away from ``name`` (normalised), with a similarity score."""
    memo: dict[tuple[str, int], list[tuple[int, float]]] = gaz.cache.setdefault("fuzzy_memo", {})
    known = memo.get((name, limit))
    if known is None:
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        known = memo[(name, limit)] = _near(gaz, name, limit)
    return list(known)


def _near(gaz: Gazetteer, name: str, limit: int) -> list[tuple[int, float]]:
    name = name.strip()
    if len(name) < 3:
        return []
    idx = _index(gaz)
    keys: dict[str, float] = {}
    for probe in sorted({name, *_deletes(name)}):  # sorted: the same answer in every process
        for k in idx.get(probe, ()):
            if k != name:
                keys[k] = max(keys.get(k, 0.0), 1.0 - 1.0 / max(len(k), len(name)))
    scored: list[tuple[int, float]] = []
    for k, sim in keys.items():
        for i in gaz.keys[k]:
            e = gaz.entries[i]
            scored.append((i, round(sim * (0.5 + min(e.population, 10**6) / 2e6), 4)))
    scored.sort(key=lambda t: (-t[1], gaz.entries[t[0]].geonameid or 0))
    seen: set[int] = set()
    out = []
    for i, sc in scored:
        if i not in seen:
            seen.add(i)
            out.append((i, sc))
    return out[:limit]
