"""The bundled demo corpus: the seed article plus a few hundred conflict reports from ANT.

``python -m rasad.ingest.demo --ant ../shared/data/ant-news/ant-news-2018.jsonl.xz``
rebuilds ``rasad/data/demo/demo.jsonl.xz`` reproducibly: articles are scored by how many
distinct conflict words they use, then taken round-robin across countries and outlets so
the demo shows Syria, Yemen, Iraq, Libya, Gaza, Afghanistan and more, from all five
outlets, not three hundred Ghouta reports from one site.
"""

from __future__ import annotations

import argparse
import json
import lzma
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasad.text.normalize import normalize_str

DEMO_FILE = "demo.jsonl.xz"
SEED_FILE = "rt-2016-12-12-palmyra.txt"
SEED_META = {"id": "rt-2016-12-12-palmyra", "published": "2016-12-12", "outlet": "RT Arabic",
             "title": "الدفاع الروسية تربط هجوم داعش على تدمر بتعليق عمليات التحالف في الرقة"}

OUTLETS = {"skynews": "Sky News Arabia", "france24": "France 24 Arabic", "BBC": "BBC Arabic",
           "CNN": "CNN Arabic", "alarabia": "Al Arabiya"}

# Words that mark a report of armed conflict (normalised spelling); a demo article uses several.
CONFLICT_WORDS = (
    "قتل", "قتلي", "مقتل", "اصابه", "جرحي", "غاره", "غارات", "قصف", "اشتباكات", "معارك", "هجوم", "انفجار",
    "تفجير", "مسلحين", "مسلحون", "صاروخ", "صواريخ", "قذائف", "انتحاري", "مفخخه", "سيطره", "استعاده",
    "الجيش", "القوات", "طائرات", "مسيره", "اختطاف", "اعتقال", "متظاهرين", "احتجاجات", "مدنيين", "داعش",
    "الحوثيين", "المعارضه", "الفصائل", "التحالف", "ميليشيا",
)
# Where: one bucket per country so the selection spreads across the region.
COUNTRIES = {
    "سوريا": ("سوريا", "السوريه", "السوري", "دمشق", "حلب", "ادلب", "الغوطه", "عفرين", "درعا", "حمص", "الرقه"),
    "اليمن": ("اليمن", "اليمني", "الحوثي", "الحديده", "صنعاء", "عدن", "تعز"),
    "العراق": ("العراق", "العراقي", "بغداد", "الموصل", "كركوك", "الانبار"),
    "ليبيا": ("ليبيا", "الليبي", "طرابلس", "بنغازي", "درنه", "سرت"),
    "فلسطين": ("غزه", "الفلسطيني", "الضفه", "القدس", "الاسرائيلي"),
    "أفغانستان": ("افغانستان", "الافغاني", "كابل", "طالبان"),
    "الصومال": ("الصومال", "الصومالي", "مقديشو", "الشباب"),
    "مصر": ("سيناء", "العريش", "مصر"),
    "لبنان": ("لبنان", "اللبناني", "بيروت"),
    "أفريقيا": ("نيجيريا", "مالي", "بوكو حرام", "الكونغو", "السودان", "جنوب السودان", "بوركينا"),
    "أخرى": (),
}
MIN_CHARS, MAX_CHARS = 300, 5000


DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"


def demo_path() -> Path:
    return DEMO_DIR / DEMO_FILE


def seed_record() -> dict[str, Any]:
    text = (DEMO_DIR / SEED_FILE).read_text("utf-8")
    return {**SEED_META, "url": None, "text": text}


def score(rec: dict[str, Any]) -> int:
    norm = normalize_str(rec.get("title", "") + "\n" + rec["text"])
    return sum(1 for w in CONFLICT_WORDS if re.search(rf"(?<!\w)(?:و|ف|ب|ل|وال|بال|لل|ال)?{w}(?!\w)", norm))


def country(rec: dict[str, Any]) -> str:
    norm = normalize_str(rec.get("title", "") + "\n" + rec["text"][:600])
    best, hits = "أخرى", 0
    for c, words in COUNTRIES.items():
        n = sum(norm.count(w) for w in words)
        if n > hits:
            best, hits = c, n
    return best


def select(records: Iterator[dict[str, Any]], n: int = 300, min_score: int = 6) -> list[dict[str, Any]]:
    """Top-scoring conflict reports, taken round-robin over (country, outlet) buckets."""
    buckets: dict[tuple[str, str], list[tuple[int, str, dict[str, Any]]]] = defaultdict(list)
    for r in records:
        if not MIN_CHARS <= len(r["text"]) <= MAX_CHARS:
            continue
        s = score(r)
        if s >= min_score:
            buckets[(country(r), r["outlet"])].append((s, r["id"], r))
    for b in buckets.values():
        b.sort(key=lambda x: (-x[0], x[1]))
    out: list[dict[str, Any]] = []
    keys = sorted(buckets)
    while len(out) < n and any(buckets[k] for k in keys):
        for k in keys:
            if buckets[k] and len(out) < n:
                out.append(buckets[k].pop(0)[2])
    return out


def build(ant: Path, out: Path, n: int = 300) -> int:
    with lzma.open(ant, "rt", encoding="utf-8") as f:
        chosen = select((json.loads(line) for line in f), n)
    chosen.sort(key=lambda r: (r["published"], r["id"]))
    with lzma.open(out, "wt", encoding="utf-8", preset=9) as w:
        w.write(json.dumps(seed_record(), ensure_ascii=False) + "\n")
        for r in chosen:
            rec = {"id": r["id"], "published": r["published"], "outlet": OUTLETS.get(r["outlet"], r["outlet"]),
                   "url": r["url"], "title": r["title"], "text": r["text"]}
            w.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(chosen) + 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ant", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DEMO_DIR / DEMO_FILE)
    ap.add_argument("-n", type=int, default=300)
    a = ap.parse_args()
    k = build(a.ant, a.out, a.n)
    print(f"{a.out}: {k} articles, {a.out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
