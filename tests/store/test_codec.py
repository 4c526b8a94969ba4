"""Stored records survive the round trip, compressed or plain, and plain JSON stays readable."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from rasad.store import codec

values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                      lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
                      max_leaves=20)


@given(values)
def test_round_trip(v: object) -> None:
    assert codec.unpack(codec.pack(v)) == v
    assert codec.unpack(codec.plain(v)) == v


def test_compression_pays_on_a_real_record(seed_text: str) -> None:
    rec = {"text": seed_text, "spans": [{"start": i, "end": i + 5, "text": seed_text[i:i + 5]} for i in range(0, 3000, 7)]}
    packed = codec.pack(rec)
    assert packed.startswith(codec.TAG) and len(packed.encode()) < len(json.dumps(rec, ensure_ascii=False).encode()) / 2
