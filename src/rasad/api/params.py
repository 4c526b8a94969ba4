"""Query parameters of the read endpoints, validated before anything reaches the store.

Every filter the CLI knows is a query parameter here with the same meaning.  Values with a
closed vocabulary (types, countries, dates, bounding boxes, numbers) are checked strictly so
a malformed or hostile value is refused with a 422 naming the parameter; free text (actor,
source, q) is length-limited and handed to the store as a bound parameter, never spliced
into SQL.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any

from fastapi import Query

from rasad.store import EventFilter

MAX_FREE_TEXT = 200
"""Longest free-text filter (actor, source, q): longer is not a search, it is a payload."""

MAX_OFFSET = 1_000_000
MAX_PAGE = 500
MAX_MARKERS = 50_000

TOKEN_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
ID_MAX = 300
MODALITIES_ALLOWED = ("asserted", "denied", "intended", "hypothetical", "reported_possible", "any", "all")


class ParamError(ValueError):
    """A query parameter we refuse, with the parameter's name (answered as 422)."""

    def __init__(self, param: str, problem: str) -> None:
        super().__init__(f"{param}: {problem}")
        self.param = param
        self.problem = problem


def parse_day(value: str | None, param: str) -> str | None:
    """An ISO calendar day, or a ParamError saying what was expected."""
    if value is None or value == "":
        return None
    if len(value) != 10:
        raise ParamError(param, f"expected a date YYYY-MM-DD, got {value[:40]!r}")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ParamError(param, f"expected a date YYYY-MM-DD, got {value!r}") from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (WGS84), each inside the globe."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise ParamError("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise ParamError("bbox", "expected four numbers: min_lon,min_lat,max_lon,max_lat") from None
    min_lon, min_lat, max_lon, max_lat = nums
    if any(x != x or x in (float("inf"), float("-inf")) for x in nums):
        raise ParamError("bbox", "coordinates must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ParamError("bbox", "longitudes must be between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ParamError("bbox", "latitudes must be between -90 and 90")
    if min_lon > max_lon or min_lat > max_lat:
        raise ParamError("bbox", "min must not exceed max (min_lon,min_lat,max_lon,max_lat)")
    return (min_lon, min_lat, max_lon, max_lat)


def _free_text(value: str | None, param: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if "\x00" in value:
        raise ParamError(param, "NUL byte in text")
    return value


API_NAMES = {"date_from": "since", "date_to": "until", "document_id": "document", "cluster_id": "cluster"}


def echo(f: EventFilter) -> dict[str, Any]:
    """The filters as applied, under their API names, so a client can show what it is looking at."""
    return {API_NAMES.get(k, k): v for k, v in dataclasses.asdict(f).items() if v is not None and v is not False}


def event_filters(
    type: Annotated[str | None, Query(pattern=TOKEN_PATTERN, description="ACLED event type, e.g. battles")] = None,
    subtype: Annotated[str | None, Query(pattern=TOKEN_PATTERN, description="ACLED sub-type, e.g. armed_clash")] = None,
    category: Annotated[str | None, Query(pattern=TOKEN_PATTERN)] = None,
    actor: Annotated[str | None, Query(max_length=MAX_FREE_TEXT, description="actor name or alias (Arabic or English)")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2, e.g. SY")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_FREE_TEXT)] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")] = None,
    since: Annotated[str | None, Query(max_length=40, description="first day, YYYY-MM-DD (inclusive)")] = None,
    until: Annotated[str | None, Query(max_length=40, description="last day, YYYY-MM-DD (inclusive)")] = None,
    source: Annotated[str | None, Query(max_length=MAX_FREE_TEXT, description="who said it: source, speaker or outlet")] = None,
    q: Annotated[str | None, Query(max_length=MAX_FREE_TEXT, description="full-text search in the articles")] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    modality: Annotated[str, Query(description="asserted (default), denied, intended, hypothetical, "
                                               "reported_possible, or any")] = "asserted",
    document: Annotated[str | None, Query(max_length=ID_MAX, description="only events of this document id")] = None,
    cluster: Annotated[str | None, Query(max_length=ID_MAX, description="only events of this cluster id")] = None,
    include_duplicates: Annotated[bool, Query(description="also the events of syndicated near-copies")] = False,
) -> EventFilter:
    """FastAPI dependency: the shared filter parameters of every read endpoint."""
    if modality not in MODALITIES_ALLOWED:
        raise ParamError("modality", f"expected one of {', '.join(MODALITIES_ALLOWED)}")
    f = EventFilter(
        type=type,
        subtype=subtype,
        category=category,
        actor=_free_text(actor, "actor"),
        country=country.upper() if country else None,
        admin1=_free_text(admin1, "admin1"),
        bbox=parse_bbox(bbox),
        date_from=parse_day(since, "since"),
        date_to=parse_day(until, "until"),
        source=_free_text(source, "source"),
        q=_free_text(q, "q"),
        min_confidence=min_confidence,
        modality=None if modality in ("any", "all") else modality,
        document_id=_free_text(document, "document"),
        cluster_id=_free_text(cluster, "cluster"),
        include_duplicates=include_duplicates,
    )
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ParamError("since", f"since ({f.date_from}) is after until ({f.date_to})")
    return f
