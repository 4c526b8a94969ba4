"""Does a change keep every answer?  Run the pipeline of a git revision (default HEAD) and
of the working tree over the same ant-news articles and compare the extraction JSON.

Speed work must not change output; this says so on a thousand real articles, not a few
fixtures.  The revision runs from a temporary ``git worktree`` (no effect on the tree being
compared).  Run: ``.venv/bin/python bench/same_answers.py [--ref REV] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_DUMP = r"""
import json, lzma, sys
from rasad.pipeline import Pipeline
path, limit, offset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pipe = Pipeline().warm()
with lzma.open(path, "rt", encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i < offset:
            continue
        if i >= offset + limit:
            break
        a = json.loads(line)
        d = pipe.extract(a["text"], id=a["id"], published=a["published"], outlet=a.get("outlet"), strict=False)
        print(json.dumps(d.to_json(), ensure_ascii=False, sort_keys=True))
"""


def dump(src: Path, corpus: Path, limit: int, offset: int) -> list[str]:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    out = subprocess.run([sys.executable, "-c", _DUMP, str(corpus), str(limit), str(offset)],
                         check=True, capture_output=True, text=True, env=env)
    return out.stdout.splitlines()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--ref", default="HEAD", help="git revision to compare against (default HEAD)")
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--offset", type=int, default=0, help="skip this many articles first")
    p.add_argument("--corpus", type=Path,
                   default=ROOT.parent / "shared" / "data" / "ant-news" / "ant-news-2018.jsonl.xz")
    o = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasad-ref-") as tmp:
        wt = Path(tmp) / "ref"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(wt), o.ref], check=True)
        try:
            ref = dump(wt / "src", o.corpus, o.limit, o.offset)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)], check=False)
    new = dump(ROOT / "src", o.corpus, o.limit, o.offset)
    diffs = [(a, b) for a, b in zip(ref, new, strict=True) if a != b]
    print(f"{len(ref)} articles, {len(diffs)} with different output (ref {o.ref} vs working tree)")
    for a, b in diffs[:5]:
        ja, jb = json.loads(a), json.loads(b)
        keys = sorted(k for k in set(ja) | set(jb) if ja.get(k) != jb.get(k))
        print(f"  {ja.get('id')}: differs in {', '.join(keys)}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
