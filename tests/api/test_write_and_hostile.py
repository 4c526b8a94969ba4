"""Extraction, ingestion and hostile input: refused with a 4xx JSON body, nothing stored."""

from __future__ import annotations

import json

import jsonschema
import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def doc_count(client: TestClient) -> int:
    return int(client.get("/api/stats").json()["documents"])


def assert_refused(r, status: int, *, param: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] and body["message"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    if param is not None:
        assert any(p["param"].startswith(param) for p in body["problems"]), body
    return body


# --- POST /api/extract --------------------------------------------------------------------

def test_extract_returns_the_contract_and_stores_nothing(client: TestClient, seed_text: str, schema: dict) -> None:
    before = doc_count(client)
    r = client.post("/api/extract", json={"text": seed_text, "id": "seed", "published": "2016-12-12",
                                          "outlet": "RT Arabic"})
    assert r.status_code == 200, r.text
    out = r.json()
    jsonschema.validate(out, schema)
    assert out["document"]["text"] == seed_text
    assert out["document"]["published"] == "2016-12-12"
    assert len(out["sentences"]) > 10
    for s in out["sentences"] + out["places"] + out["quantities"]:
        assert seed_text[s["start"]:s["end"]] == s["text"]
    assert doc_count(client) == before


def test_extract_without_id_is_deterministic(client: TestClient) -> None:
    body = {"text": "قتل 3 مدنيين في قصف على مدينة حلب أمس."}
    a = client.post("/api/extract", json=body).json()
    b = client.post("/api/extract", json=body).json()
    assert a["document"]["id"] == b["document"]["id"]


@pytest.mark.parametrize(
    ("payload", "param"),
    [
        ({"text": ""}, "text"),
        ({"text": "   \n "}, "text"),
        ({"text": 123}, "text"),
        ({"text": ["قتل"]}, "text"),
        ({"txt": "قتل 3 مدنيين"}, "text"),
        ({"text": "قتل 3 مدنيين", "extra": 1}, "extra"),
        ({"text": "قتل 3 مدنيين", "published": "12/12/2016"}, "published"),
        ({"text": "قتل 3 مدنيين", "published": "2016-02-30"}, "published"),
        ({"text": "قتل 3 مدنيين", "id": "../../etc/passwd"}, "id"),
        ({"text": "قتل 3 مدنيين", "id": "x'; DROP TABLE documents;--"}, "id"),
        ({"text": "قتل 3 مدنيين", "url": "javascript:alert(1)"}, "url"),
        ({"text": "قتل \x00 مدنيين"}, "text"),
        ({"text": "ق" * 100_001}, "text"),
    ],
)
def test_extract_refuses_bad_payloads(client: TestClient, payload: dict, param: str) -> None:
    assert_refused(client.post("/api/extract", json=payload), 422, param=param)


def test_extract_refuses_non_arabic_and_malformed_json(client: TestClient) -> None:
    body = assert_refused(client.post("/api/extract", json={"text": "This is an English sentence about nothing."}), 422)
    assert "not Arabic" in body["message"]
    assert_refused(client.post("/api/extract", content=b'{"text": "abc"', headers={"Content-Type": "application/json"}),
                   422)
    assert_refused(client.post("/api/extract", content=b"\xff\xfe\x00garbage", headers={"Content-Type": "application/json"}),
                   422)
    assert_refused(client.post("/api/extract", json=["not", "an", "object"]), 422)


def test_huge_bodies_are_refused_before_reading_them_all(client: TestClient) -> None:
    huge = json.dumps({"text": "قتل " * 600_000}).encode()
    assert len(huge) > 2_000_000
    body = assert_refused(client.post("/api/extract", content=huge, headers={"Content-Type": "application/json"}), 413)
    assert body["error"] == "payload_too_large"

    def stream():
        for _ in range(40):
            yield b"x" * 100_000

    # no Content-Length (chunked): counted while reading
    assert_refused(client.post("/api/extract", content=stream(), headers={"Content-Type": "application/json"}), 413)


# --- POST /api/ingest ---------------------------------------------------------------------

def test_ingest_is_off_unless_a_token_is_configured(client: TestClient) -> None:
    r = client.post("/api/ingest", json={"documents": [{"text": "قتل 3 مدنيين في حلب"}]}, headers=AUTH)
    assert r.status_code in (404, 405)
    assert "/api/ingest" not in client.get("/openapi.json").json()["paths"]


def test_ingest_needs_the_right_token(ingest_client: TestClient) -> None:
    before = doc_count(ingest_client)
    body = {"documents": [{"text": "قتل 3 مدنيين في قصف على مدينة حلب أمس.", "id": "tok-test"}]}
    assert_refused(ingest_client.post("/api/ingest", json=body), 401)
    assert_refused(ingest_client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}), 403)
    assert_refused(ingest_client.post("/api/ingest", json=body, headers={"Authorization": TOKEN}), 401)
    # the token is checked before the body: a stranger's malformed payload is still 401
    assert_refused(ingest_client.post("/api/ingest", json={"junk": 1}), 401)
    assert doc_count(ingest_client) == before


def test_ingest_stores_real_articles(ingest_client: TestClient, corpus) -> None:
    from tests.api.rasad_readings import ant_news

    recs = ant_news(corpus, {"SK-middleEast-433-20180320", "CN-middleEast-315-20180320"})
    before = doc_count(ingest_client)
    docs = [{"id": r["id"], "text": r["text"], "title": r["title"], "published": r["published"],
             "outlet": r["outlet"], "url": r["url"]} for r in recs.values()]
    r = ingest_client.post("/api/ingest", json={"documents": docs}, headers=AUTH)
    assert r.status_code == 200, r.text
    assert sorted(r.json()["documents"]) == sorted(recs)
    assert r.json()["result"]["added"] == 2 and r.json()["run_id"]
    assert doc_count(ingest_client) == before + 2
    for rid, rec in recs.items():
        stored = ingest_client.get(f"/api/documents/{rid}").json()
        assert stored["document"]["text"] == rec["text"]
        assert stored["document"]["outlet"] == rec["outlet"]
        for e in stored["events"]:
            assert ingest_client.get(f"/api/events/{rid}:{e['id']}").status_code == 200


def test_ingest_is_all_or_nothing(ingest_client: TestClient) -> None:
    before = doc_count(ingest_client)
    good = {"text": "قتل 3 مدنيين في قصف على مدينة حلب أمس.", "id": "good-one"}
    bad = {"text": "English only, no Arabic here at all.", "id": "bad-one"}
    body = assert_refused(ingest_client.post("/api/ingest", json={"documents": [good, bad]}, headers=AUTH), 422,
                          param="documents.1")
    assert "Arabic" in body["message"]
    assert doc_count(ingest_client) == before
    assert ingest_client.get("/api/documents/good-one").status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {"documents": []},
        {"documents": [{"text": "قتل"}] * 101},
        {"documents": "قتل 3"},
        {"documents": [{"text": 5}]},
        {"docs": [{"text": "قتل 3 مدنيين"}]},
    ],
)
def test_ingest_refuses_malformed_batches(ingest_client: TestClient, payload: dict) -> None:
    before = doc_count(ingest_client)
    assert_refused(ingest_client.post("/api/ingest", json=payload, headers=AUTH), 422)
    assert doc_count(ingest_client) == before


def test_ingest_refuses_huge_bodies(ingest_client: TestClient) -> None:
    before = doc_count(ingest_client)
    huge = json.dumps({"documents": [{"text": "قتل " * 25_000}] * 100}).encode()
    assert len(huge) > 16_000_000
    assert_refused(ingest_client.post("/api/ingest", content=huge, headers={**AUTH, "Content-Type": "application/json"}),
                   413)
    # without the token, a batch far below the limit is not even read
    batch = json.dumps({"documents": [{"text": "قتل " * 2000}] * 20}).encode()
    assert 100_000 < len(batch) < 16_000_000
    assert_refused(ingest_client.post("/api/ingest", content=batch, headers={"Content-Type": "application/json"}), 413)
    assert ingest_client.post("/api/ingest", content=batch,
                              headers={"Authorization": "Bearer wrong", "Content-Type": "application/json"}).status_code == 413
    assert doc_count(ingest_client) == before


# --- hostile query parameters -------------------------------------------------------------

@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"type": "battles' OR 1=1 --"}, "type"),
        ({"type": "BATTLES"}, "type"),
        ({"subtype": "x;DROP TABLE events"}, "subtype"),
        ({"country": "SY' --"}, "country"),
        ({"country": "SYR"}, "country"),
        ({"bbox": "0,0,10"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "0,0,181,10"}, "bbox"),
        ({"bbox": "0,-91,10,10"}, "bbox"),
        ({"bbox": "10,10,0,0"}, "bbox"),
        ({"bbox": "nan,0,10,10"}, "bbox"),
        ({"bbox": "inf,0,10,10"}, "bbox"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2018-02-30"}, "since"),
        ({"until": "2018-13-01"}, "until"),
        ({"since": "2018-05-01", "until": "2018-04-01"}, "since"),
        ({"since": "2018-04-01T00:00:00' OR '1'='1"}, "since"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-5"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"min_confidence": "2"}, "min_confidence"),
        ({"min_confidence": "high"}, "min_confidence"),
        ({"modality": "whatever"}, "modality"),
        ({"format": "xml"}, "format"),
        ({"include_duplicates": "maybe"}, "include_duplicates"),
        ({"q": "ق" * 201}, "q"),
        ({"actor": "a" * 1000}, "actor"),
    ],
)
def test_hostile_query_parameters_are_refused(client: TestClient, params: dict, param: str) -> None:
    assert_refused(client.get("/api/events", params=params), 422, param=param)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "'; DROP TABLE events; --"},
        {"q": '" OR 1=1 --'},
        {"q": "NEAR(a b) OR * AND ^"},
        {"actor": "' OR '1'='1"},
        {"source": "x' UNION SELECT * FROM documents --"},
        {"admin1": "'; DELETE FROM events; --"},
    ],
)
def test_sql_ish_free_text_is_only_ever_text(client: TestClient, params: dict) -> None:
    before = client.get("/api/stats").json()
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    assert r.json()["total"] == 0
    assert client.get("/api/stats").json() == before


def test_bad_ids_and_methods(client: TestClient) -> None:
    assert_refused(client.get("/api/events/" + "x" * 400), 422)
    assert_refused(client.get("/api/documents/' OR 1=1 --"), 404)
    assert_refused(client.delete("/api/events/rt-2016-12-12-palmyra:E1"), 405)
    assert_refused(client.put("/api/extract", json={"text": "قتل"}), 405)
    assert_refused(client.get("/api/nothing-here"), 404)


def test_cors_is_off_by_default(client: TestClient, reading_db: str) -> None:
    from rasad.api.app import create_app

    pre = {"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    r = client.options("/api/events", headers=pre)
    assert "access-control-allow-origin" not in r.headers
    r = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(reading_db, cors_origins=["https://newsroom.example"])) as c:
        ok = c.get("/api/health", headers={"Origin": "https://newsroom.example"})
        assert ok.headers["access-control-allow-origin"] == "https://newsroom.example"
        other = c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_dashboard_docs_and_static_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "http://" not in page.text and "https://" not in page.text
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/extract", "/api/events", "/api/events/{event_id}", "/api/clusters", "/api/clusters/{cluster_id}",
            "/api/documents/{doc_id}", "/api/stats", "/api/markers"} <= set(paths)
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
                  "/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/js/main.js", "/static/css/app.css"):
        assert client.get(asset).status_code == 200, asset
    basemap = client.get("/static/data/countries.geojson").json()
    assert basemap["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in basemap["features"]}
    assert {"Syria", "Iraq", "Yemen", "Libya"} <= names
    assert client.get("/static/../pyproject.toml").status_code == 404
