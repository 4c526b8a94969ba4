"""The JSON of an extraction with events passes the public contract."""

from __future__ import annotations

import jsonschema


def test_seed_extraction_passes_the_schema(seed_doc, schema):
    d = seed_doc.to_json()
    assert d["events"]
    jsonschema.validate(d, schema)


def test_denied_and_intended_events_pass_the_schema(pipeline, schema):
    doc = pipeline.extract("نفى الجيش قصف مدينة إدلب، وتعتزم القوات شن هجوم على منبج.", id="m", published="2018-01-02")
    assert doc.events
    jsonschema.validate(doc.to_json(), schema)
