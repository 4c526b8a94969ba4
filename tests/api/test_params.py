"""The query-parameter parsers, over every input hypothesis can think of."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.api.params import ParamError, parse_bbox, parse_day

lon = st.floats(-180, 180, allow_nan=False)
lat = st.floats(-90, 90, allow_nan=False)


@given(st.dates(min_value=date(1, 1, 1)))
def test_every_calendar_day_round_trips(d: date) -> None:
    assert parse_day(d.isoformat(), "since") == d.isoformat()


@given(st.text(max_size=40))
def test_any_string_is_a_day_or_a_param_error(s: str) -> None:
    try:
        out = parse_day(s, "since")
    except ParamError as e:
        assert e.param == "since"
        return
    assert out is None or date.fromisoformat(out)


@given(lon, lat, lon, lat)
def test_bbox_accepts_exactly_the_ordered_boxes_on_the_globe(x0: float, y0: float, x1: float, y1: float) -> None:
    text = f"{x0!r},{y0!r},{x1!r},{y1!r}"
    if x0 <= x1 and y0 <= y1:
        assert parse_bbox(text) == (x0, y0, x1, y1)
    else:
        with pytest.raises(ParamError):
            parse_bbox(text)


@given(st.text(max_size=60))
def test_any_string_is_a_bbox_or_a_param_error(s: str) -> None:
    try:
        box = parse_bbox(s)
    except ParamError as e:
        assert e.param == "bbox"
        return
    if box is not None:
        assert all(math.isfinite(v) for v in box)
        assert -180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90


@pytest.mark.parametrize("s", ["nan,0,1,1", "0,0,inf,1", "-inf,0,0,1", "0,0,1,1,1", "1e400,0,0,0", " , , , "])
def test_non_finite_or_malformed_boxes_are_refused(s: str) -> None:
    with pytest.raises(ParamError):
        parse_bbox(s)
