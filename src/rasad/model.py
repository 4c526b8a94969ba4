"""The one object model that flows through the pipeline.

Every value that was read from the text carries ``start``/``end``: code-point offsets
``[start, end)`` into ``Document.text`` exactly as received, never into a normalised
copy, so a user can always be shown the words a value came from.  Serialisation
follows ``rasad.extraction/1`` (``../shared/contract/extraction.schema.json``); fields
beyond the contract are extensions and are only ever added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_ID = "rasad.extraction/1"

PRECISIONS_PLACE = ("point", "neighbourhood", "town", "district", "admin1", "country", "region", "unknown")
PRECISIONS_TIME = ("day", "range", "week", "month", "season", "year", "approximate", "unknown")
QUALIFIERS = (
    "exact",
    "approximately",
    "more_than",
    "at_least",
    "less_than",
    "at_most",
    "range",
    "dozens",
    "hundreds",
    "thousands",
)
MODALITIES = ("asserted", "denied", "intended", "hypothetical", "reported_possible")


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the received text."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    def overlaps(self, other: Span | tuple[int, int]) -> bool:
        s, e = (other.start, other.end) if isinstance(other, Span) else other
        return self.start < e and s < self.end

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark; ``norm`` is its matching form (normalised, clitics kept)."""

    start: int
    end: int
    text: str
    norm: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    quoted: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Mention:
    """A named entity: who or what the text names."""

    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC | MISC
    normalized: str | None = None  # canonical English name from the actor dictionary
    kind: str | None = None  # ACLED-style actor kind, when known
    actor_id: str | None = None  # key of the actor dictionary entry
    confidence: float | None = None
    source: str | None = None  # "crf", "dictionary", ...

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "normalized": self.normalized,
        }
        conf = round(self.confidence, 4) if self.confidence is not None else None
        return d | _drop_none({"kind": self.kind, "actor_id": self.actor_id, "confidence": conf})

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Mention:
        return cls(
            d["start"], d["end"], d["text"], d["label"], d.get("normalized"), d.get("kind"),
            d.get("actor_id"), d.get("confidence"),
        )


@dataclass(slots=True)
class Candidate:
    """A gazetteer entry considered for a place mention, with its score."""

    geonameid: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    score: float
    admin1: str | None = None
    feature: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _drop_none(
            {
                "geonameid": self.geonameid,
                "name": self.name,
                "country": self.country,
                "admin1": self.admin1,
                "lat": self.lat,
                "lon": self.lon,
                "feature": self.feature,
                "score": round(self.score, 4),
            }
        )

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Candidate:
        return cls(
            d.get("geonameid"), d.get("name", ""), d.get("country"), d.get("lat"), d.get("lon"),
            float(d.get("score", 0.0)), d.get("admin1"), d.get("feature"),
        )


@dataclass(slots=True)
class Place:
    """A place mention resolved (or not) to the gazetteer.

    ``precision`` is honest about what the words say: ``ريف حمص`` is the Homs
    countryside (admin1), ``حلب الشرقية`` a part of Aleppo (neighbourhood), a bare
    country name is ``country``.  ``within`` names the gazetteer entry that contains
    a neighbourhood or village we could not find on its own.
    """

    start: int
    end: int
    text: str
    precision: str = "unknown"
    country: str | None = None
    geonameid: int | None = None
    name: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 0.0
    candidates: list[Candidate] = field(default_factory=list)
    within: int | None = None
    cue: str | None = None  # the cue word that introduced it (مدينة، ريف، ضواحي ...)
    name_start: int | None = None  # where the gazetteer name itself sits inside the span
    name_end: int | None = None
    role: str | None = None  # extension: why this is not an event location ("metonym", "person", "common_noun")

    @property
    def resolved(self) -> bool:
        return self.geonameid is not None or (self.precision == "country" and self.country is not None)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "geonameid": self.geonameid,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "confidence": round(self.confidence, 4),
        }
        if self.within is not None:
            d["within"] = self.within
        if self.cue:
            d["cue"] = self.cue
        if self.role:
            d["role"] = self.role
        if self.candidates:
            d["candidates"] = [c.to_json() for c in self.candidates]
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Place:
        return cls(
            d["start"], d["end"], d["text"], d.get("precision", "unknown"), d.get("country"),
            d.get("geonameid"), d.get("name"), d.get("admin1"), d.get("lat"), d.get("lon"),
            float(d.get("confidence", 0.0)), [Candidate.from_json(c) for c in d.get("candidates", [])],
            d.get("within"), d.get("cue"), role=d.get("role"),
        )


@dataclass(slots=True)
class Quantity:
    """A number the text asserts, with the hedge it uses and what it counts."""

    start: int
    end: int
    text: str
    value: float
    qualifier: str = "exact"
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    counted: str | None = None  # the counted noun as written (مسلح، طفل، دبابة)
    counted_start: int | None = None
    counted_end: int | None = None
    kind: str | None = None  # extension: "count", "measure", "percent", ... when known

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": value,
            "qualifier": self.qualifier,
            "min": self.min,
            "max": self.max,
            "unit": self.unit,
            "counted": self.counted,
        }
        if self.counted_start is not None:
            d["counted_start"] = self.counted_start
            d["counted_end"] = self.counted_end
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Quantity:
        return cls(
            d["start"], d["end"], d["text"], float(d["value"]), d.get("qualifier", "exact"),
            d.get("min"), d.get("max"), d.get("unit"), d.get("counted"), d.get("counted_start"),
            d.get("counted_end"),
        )


@dataclass(slots=True)
class TimeExpression:
    """A time expression resolved to a date range; ``None`` values mean we cannot say."""

    start: int
    end: int
    text: str
    value_start: str | None = None  # ISO date (YYYY-MM-DD), or YYYY-MM / YYYY for coarse values
    value_end: str | None = None
    precision: str = "unknown"
    kind: str | None = None  # extension: absolute | relative | weekday | window | since | until ...
    month_day: str | None = None  # extension: "--12-12" / "--12" when the year is unknown
    basis: str | None = None  # extension: where the year came from: explicit | published | weekday

    def to_json(self) -> dict[str, Any]:
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value_start": self.value_start,
            "value_end": self.value_end,
            "precision": self.precision,
        }
        if self.kind:
            d["kind"] = self.kind
        if self.month_day:
            d["month_day"] = self.month_day
        if self.basis:
            d["basis"] = self.basis
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TimeExpression:
        return cls(
            d["start"], d["end"], d["text"], d.get("value_start"), d.get("value_end"),
            d.get("precision", "unknown"), d.get("kind"), d.get("month_day"), d.get("basis"),
        )


@dataclass(slots=True)
class Actor:
    """Who acted or was acted upon, as written and as canonicalised."""

    text: str
    start: int | None = None
    end: int | None = None
    normalized: str | None = None
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "normalized": self.normalized,
            "kind": self.kind,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Actor:
        return cls(d.get("text", ""), d.get("start"), d.get("end"), d.get("normalized"), d.get("kind"))


@dataclass(slots=True)
class Attribution:
    """According to whom: the claim's source, its speaker and the reporting verb."""

    source: str | None = None  # institution or outlet, canonical English
    speaker: str | None = None
    verb: str | None = None
    quoted: bool = False
    start: int | None = None  # the reporting phrase in the text
    end: int | None = None
    source_text: str | None = None  # the source as written

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "speaker": self.speaker,
            "verb": self.verb,
            "quoted": self.quoted,
        }
        if self.start is not None:
            d["start"] = self.start
            d["end"] = self.end
        if self.source_text:
            d["source_text"] = self.source_text
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Attribution:
        return cls(
            d.get("source"), d.get("speaker"), d.get("verb"), bool(d.get("quoted", False)),
            d.get("start"), d.get("end"), d.get("source_text"),
        )


@dataclass(slots=True)
class EventDate:
    start: str | None
    end: str | None
    precision: str
    basis: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision, "basis": self.basis}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> EventDate:
        return cls(d.get("start"), d.get("end"), d.get("precision", "unknown"), d.get("basis"))


@dataclass(slots=True)
class Event:
    id: str
    acled_type: str
    acled_subtype: str
    trigger: Span
    evidence: Span
    modality: str = "asserted"
    confidence: float = 0.5
    plover_type: str | None = None
    plover_mode: str | None = None
    category: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    date: EventDate | None = None
    fatalities: Quantity | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attribution: Attribution | None = None
    also_evidence: list[Span] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "acled_type": self.acled_type,
            "acled_subtype": self.acled_subtype,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
            "category": self.category,
            "trigger": self.trigger.to_json(),
            "evidence": self.evidence.to_json(),
            "actor1": self.actor1.to_json() if self.actor1 else None,
            "actor2": self.actor2.to_json() if self.actor2 else None,
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "fatalities": self.fatalities.to_json() if self.fatalities else None,
            "quantities": [q.to_json() for q in self.quantities],
            "attribution": self.attribution.to_json() if self.attribution else None,
            "modality": self.modality,
            "confidence": round(self.confidence, 4),
            "also_evidence": [s.to_json() for s in self.also_evidence],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"],
            acled_type=d["acled_type"],
            acled_subtype=d["acled_subtype"],
            trigger=Span.from_json(d["trigger"]),
            evidence=Span.from_json(d["evidence"]),
            modality=d.get("modality", "asserted"),
            confidence=float(d.get("confidence", 0.5)),
            plover_type=d.get("plover_type"),
            plover_mode=d.get("plover_mode"),
            category=d.get("category"),
            actor1=Actor.from_json(d["actor1"]) if d.get("actor1") else None,
            actor2=Actor.from_json(d["actor2"]) if d.get("actor2") else None,
            location=Place.from_json(d["location"]) if d.get("location") else None,
            date=EventDate.from_json(d["date"]) if d.get("date") else None,
            fatalities=Quantity.from_json(d["fatalities"]) if d.get("fatalities") else None,
            quantities=[Quantity.from_json(q) for q in d.get("quantities", [])],
            attribution=Attribution.from_json(d["attribution"]) if d.get("attribution") else None,
            also_evidence=[Span.from_json(s) for s in d.get("also_evidence", [])],
        )


@dataclass(slots=True)
class Document:
    """One article and everything read from it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    outlet: str | None = None
    url: str | None = None
    language: str = "ar"
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "document": {
                "id": self.id,
                "title": self.title,
                "published": self.published,
                "outlet": self.outlet,
                "url": self.url,
                "language": self.language,
                "text": self.text,
            },
            "sentences": [s.to_json() for s in self.sentences],
            "mentions": [m.to_json() for m in self.mentions],
            "places": [p.to_json() for p in self.places],
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
            "events": [e.to_json() for e in self.events],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Document:
        doc = d["document"]
        text = doc["text"]
        return cls(
            id=doc["id"],
            text=text,
            title=doc.get("title"),
            published=doc.get("published"),
            outlet=doc.get("outlet"),
            url=doc.get("url"),
            language=doc.get("language", "ar"),
            sentences=[Sentence(s["start"], s["end"], s["text"]) for s in d.get("sentences", [])],
            mentions=[Mention.from_json(m) for m in d.get("mentions", [])],
            places=[Place.from_json(p) for p in d.get("places", [])],
            quantities=[Quantity.from_json(q) for q in d.get("quantities", [])],
            times=[TimeExpression.from_json(t) for t in d.get("times", [])],
            events=[Event.from_json(e) for e in d.get("events", [])],
        )
