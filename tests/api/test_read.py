"""The read endpoints against a real SQLite store holding real articles."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from rasad.model import MODALITIES

PALMYRA = (38.28402, 34.5624)
ALEPPO = (37.16117, 36.20124)


def events(client: TestClient, **params) -> dict:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()


def ids(page: dict) -> set[str]:
    return {e["event_id"] for e in page["events"]}


def test_health(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert r.json()["ingest"] is False


def test_events_are_contract_events_with_store_fields(client: TestClient, reading_docs) -> None:
    page = events(client)
    asserted = sum(1 for d in reading_docs for e in d.events if e.modality == "asserted")
    assert page["total"] >= asserted
    assert len(page["events"]) == page["total"]
    seed_e3 = next(e for e in page["events"] if e["event_id"] == "rt-2016-12-12-palmyra:E3")
    assert seed_e3["acled_subtype"] == "air_drone_strike"
    assert seed_e3["fatalities"]["value"] == 300
    assert seed_e3["attribution"]["speaker"] == "Igor Konashenkov"
    assert (seed_e3["lon"], seed_e3["lat"]) == PALMYRA
    assert seed_e3["document_id"] == "rt-2016-12-12-palmyra"


def test_denied_claims_are_not_events_unless_asked(client: TestClient) -> None:
    default = ids(events(client))
    assert "rt-2016-12-12-palmyra:D1" not in default
    assert "SK-middleEast-832-20180407:E2" not in default
    denied = events(client, modality="denied")
    assert {"rt-2016-12-12-palmyra:D1", "SK-middleEast-832-20180407:E2"} <= ids(denied)
    assert all(e["modality"] == "denied" for e in denied["events"])
    every = events(client, modality="all")["total"]
    assert every == sum(events(client, modality=m)["total"] for m in MODALITIES)
    assert every >= len(default) + denied["total"]
    assert events(client, modality="any")["total"] == every  # the CLI's word for it


def test_type_subtype_and_country_filters(client: TestClient) -> None:
    battles = events(client, type="battles")
    assert battles["total"] > 0
    assert all(e["acled_type"] == "battles" for e in battles["events"])
    chem = events(client, subtype="chemical_weapon")
    assert {e["document_id"] for e in chem["events"]} >= {"SK-middleEast-832-20180407", "BB-middleEast-308-20180408"}
    iq = events(client, country="iq")
    assert all(e["country"] == "IQ" for e in iq["events"])
    assert events(client, country="SY")["total"] > iq["total"]


def test_bbox_keeps_only_events_inside(client: TestClient) -> None:
    lon, lat = PALMYRA
    page = events(client, bbox=f"{lon - 0.2},{lat - 0.2},{lon + 0.2},{lat + 0.2}")
    assert page["total"] >= 5
    assert all(abs(e["lon"] - lon) < 0.2 and abs(e["lat"] - lat) < 0.2 for e in page["events"])
    assert not any(e["event_id"] == "rt-2016-12-12-palmyra:E7" for e in page["events"])  # Aleppo


def test_dates_actor_source_text_and_confidence(client: TestClient) -> None:
    april = events(client, since="2018-04-01", until="2018-04-30")
    assert april["total"] >= 4
    assert all("2018-04-01" <= e["event_date"] <= "2018-04-30" for e in april["events"])
    assert not any(e["document_id"].startswith("rt-") for e in april["events"])
    regime = events(client, actor="النظام السوري")
    assert "SK-middleEast-847-20180408:E1" in ids(regime)
    isis = events(client, actor="Islamic State")
    assert isis["total"] > 0 and all(
        "Islamic State" in ((e["actor1"] or {}).get("normalized") or "") + ((e["actor2"] or {}).get("normalized") or "")
        for e in isis["events"])
    activists = events(client, source="Activists")
    assert ids(activists) == {"SK-middleEast-847-20180408:E1"}
    chlorine = events(client, q="الكلور")
    assert {e["document_id"] for e in chlorine["events"]} == {"SK-middleEast-832-20180407"}
    confident = events(client, min_confidence=0.78)
    assert confident["total"] > 0 and all(e["confidence"] >= 0.78 for e in confident["events"])


def test_pagination_is_stable_and_complete(client: TestClient) -> None:
    total = events(client)["total"]
    seen: list[str] = []
    for offset in range(0, total, 4):
        r = client.get("/api/events", params={"limit": 4, "offset": offset})
        assert r.status_code == 200
        seen += [e["event_id"] for e in r.json()["events"]]
    assert len(seen) == total == len(set(seen))
    past = client.get("/api/events", params={"limit": 4, "offset": total + 10}).json()
    assert past["events"] == [] and past["total"] == total


def test_geojson_output(client: TestClient) -> None:
    r = client.get("/api/events", params={"format": "geojson", "type": "battles", "limit": 500})
    assert r.status_code == 200
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    assert fc["total"] == len(fc["features"]) > 0
    for f in fc["features"]:
        assert f["type"] == "Feature"
        assert f["properties"]["acled_type"] == "battles"
        lon, lat = f["geometry"]["coordinates"]
        assert (lon, lat) == (f["properties"]["lon"], f["properties"]["lat"])


def test_markers_are_compact_rows_of_located_events(client: TestClient) -> None:
    m = client.get("/api/markers").json()
    assert m["fields"][:4] == ["id", "lat", "lon", "type"]
    total = events(client)["total"]
    assert m["total"] == total == len(m["rows"]) + m["unlocated"]
    rows = {r[0]: r for r in m["rows"]}
    e1 = rows["rt-2016-12-12-palmyra:E1"]
    assert (e1[2], e1[1]) == PALMYRA and m["types"][e1[3]] == "battles"
    e7 = rows["rt-2016-12-12-palmyra:E7"]
    assert (e7[2], e7[1]) == ALEPPO
    assert rows["SK-middleEast-832-20180407:E1"][5] == 47
    only = client.get("/api/markers", params={"type": "strategic_developments"}).json()
    assert {only["types"][r[3]] for r in only["rows"]} == {"strategic_developments"}


def test_event_by_id(client: TestClient) -> None:
    r = client.get("/api/events/" + quote("rt-2016-12-12-palmyra:E7"))
    assert r.status_code == 200
    ev = r.json()
    assert ev["acled_subtype"] == "government_regains_territory"
    assert ev["location"]["name"] == "Aleppo"
    assert ev["evidence"]["text"].startswith("بسطت")
    missing = client.get("/api/events/nope:E1")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"


def test_clusters_show_each_claim_and_the_contradiction(client: TestClient) -> None:
    r = client.get("/api/clusters")
    assert r.status_code == 200
    douma = [c for c in r.json()["clusters"] if c["acled_subtype"] == "chemical_weapon"]
    assert len(douma) == 1
    cid = douma[0]["id"]
    c = client.get(f"/api/clusters/{cid}").json()
    by_source = {cl["source"]: cl for cl in c["claims"]}
    assert by_source["Medical sources in Douma"]["fatalities"]["value"] == 47
    assert by_source["Activists"]["fatalities"]["value"] == 150
    assert {m["document_id"] for m in c["members"]} == {
        "SK-middleEast-832-20180407", "SK-middleEast-847-20180408", "BB-middleEast-308-20180408"}
    kinds = {k["kind"]: k for k in c["contradictions"]}
    assert "fatalities" in kinds
    assert {"Medical sources in Douma", "Activists"} <= {x["source"] for x in kinds["fatalities"]["claims"]}
    # the denial is not a member: a denial is never counted as a report of the event
    assert all(m["modality"] == "asserted" for m in c["members"])
    assert client.get("/api/clusters/c-none").status_code == 404
    filtered = client.get("/api/clusters", params={"country": "IQ"}).json()["clusters"]
    assert all(x["id"] != cid for x in filtered)


def test_document_has_text_and_every_span_points_at_it(client: TestClient, seed_text: str) -> None:
    r = client.get("/api/documents/rt-2016-12-12-palmyra")
    assert r.status_code == 200
    d = r.json()
    text = d["document"]["text"]
    assert text == seed_text
    spans = [*d["places"], *d["mentions"], *d["quantities"], *d["times"]]
    for e in d["events"]:
        spans += [e["trigger"], e["evidence"]]
        spans += [x for x in (e["location"], e["fatalities"], *e["quantities"]) if x]
    assert len(spans) > 50
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    assert client.get("/api/documents/no-such-doc").status_code == 404


def test_stats_counts_by_type_day_and_country(client: TestClient) -> None:
    s = client.get("/api/stats").json()
    total = events(client)["total"]
    assert sum(s["by_type"].values()) == total
    assert sum(r["n"] for r in s["by_day"]) <= total
    assert any(r["day"] == "2018-04-07" and r["type"] == "explosions_remote_violence" for r in s["by_day"])
    assert s["by_country"]["SY"] > 0
    battles = client.get("/api/stats", params={"type": "battles"}).json()
    assert set(battles["by_type"]) == {"battles"}


def test_pipeline_documents_are_stored_and_readable(client: TestClient, pipeline_docs) -> None:
    for doc in pipeline_docs:
        r = client.get(f"/api/documents/{doc.id}")
        assert r.status_code == 200
        assert r.json()["document"]["text"] == doc.text
        assert len(r.json()["events"]) == len(doc.events)


@pytest.mark.parametrize("path", ["/api/events", "/api/markers", "/api/stats", "/api/clusters"])
def test_every_read_endpoint_rejects_bad_filters(client: TestClient, path: str) -> None:
    r = client.get(path, params={"bbox": "0,0,200,10"})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "invalid_parameter" and body["problems"][0]["param"] == "bbox"
