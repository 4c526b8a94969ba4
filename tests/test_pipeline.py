"""Process-level settings for bulk extraction (``rasad.pipeline.tune_gc_for_bulk``)."""

from __future__ import annotations

import subprocess
import sys

_CHECK = r"""
import gc, weakref
from rasad.pipeline import BULK_GC_THRESHOLDS, Pipeline, tune_gc_for_bulk
pipe = Pipeline().warm()
tune_gc_for_bulk()
assert gc.get_threshold() == BULK_GC_THRESHOLDS, gc.get_threshold()
assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()   # the loaded resources
doc = pipe.extract("قال الجيش السوري إن 3 مسلحين قتلوا في حلب أمس.", published="2018-05-01")
assert [p.geonameid for p in doc.places] == [170063] and doc.quantities[0].value == 3, "extraction still works"
class Node: pass
a, b = Node(), Node()
a.other, b.other = b, a          # a cycle made after tuning is still collected
ref = weakref.ref(a)
del a, b
gc.collect()
assert ref() is None
print("ok")
"""


def test_bulk_gc_keeps_collecting_cycles_and_extraction_works() -> None:
    # a child process: the settings are process-wide and must not leak into the test run
    out = subprocess.run([sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
