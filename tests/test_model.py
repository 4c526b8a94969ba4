"""The object model serialises to the public contract and back without loss."""

import jsonschema

from rasad.model import (
    Actor,
    Attribution,
    Candidate,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Quantity,
    Span,
    TimeExpression,
)


def _doc() -> Document:
    text = "قال المرصد إن غارة جوية قتلت 3 مدنيين في حلب أمس."
    doc = Document(id="t1", text=text, published="2018-03-02", outlet="BBC Arabic")
    i = text.index("حلب")
    place = Place(i, i + 3, "حلب", "town", "SY", 170063, "Aleppo", "09", 36.2, 37.16, 0.93,
                  [Candidate(170063, "Aleppo", "SY", 36.2, 37.16, 0.93)])
    q_at = text.index("3 مدنيين")
    qty = Quantity(q_at, q_at + 8, "3 مدنيين", 3.0, counted="مدنيين")
    t_at = text.index("أمس")
    doc.places = [place]
    doc.quantities = [qty]
    doc.times = [TimeExpression(t_at, t_at + 3, "أمس", "2018-03-01", "2018-03-01", "day", "relative")]
    doc.mentions = [Mention(4, 10, "المرصد", "ORG", "Syrian Observatory for Human Rights", "monitor")]
    g = text.index("غارة")
    doc.events = [
        Event(
            id="E1", acled_type="explosions_remote_violence", acled_subtype="air_drone_strike",
            trigger=Span.of(text, g, g + 4), evidence=Span.of(text, 0, len(text)),
            actor2=Actor("مدنيين", q_at + 2, q_at + 8, "Civilians (Syria)", "civilians"),
            location=place, date=EventDate("2018-03-01", "2018-03-01", "day", "أمس"), fatalities=qty,
            attribution=Attribution("Syrian Observatory for Human Rights", None, "قال", False),
            plover_type="ASSAULT", plover_mode="aerial", confidence=0.8,
        )
    ]
    return doc


def test_json_follows_the_contract(schema):
    jsonschema.validate(_doc().to_json(), schema)


def test_round_trip_keeps_everything():
    d = _doc()
    again = Document.from_json(d.to_json())
    assert again.to_json() == d.to_json()


def test_offsets_point_at_the_words():
    d = _doc()
    for v in [*d.places, *d.quantities, *d.times, *d.mentions]:
        assert d.text[v.start:v.end] == v.text
