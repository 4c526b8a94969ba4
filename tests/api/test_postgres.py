"""The same API over PostgreSQL (Debian's server, ``.ci/services/postgres.sh``).

The SQLite file is the full test bed (test_read.py, test_write_and_hostile.py); this checks
that every endpoint answers the same over the other engine, including the map's marker
query, full-text search and hostile text filters.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import TOKEN, build_db_url
from tests.store.dbfixtures import pg_url  # noqa: F401  (fixture)

pytestmark = pytest.mark.postgres


@pytest.fixture()
def pg_client(pg_url: str, reading_docs) -> Iterator[TestClient]:  # noqa: F811
    from rasad.api.app import create_app

    build_db_url(pg_url, reading_docs)
    with TestClient(create_app(pg_url, ingest_token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def test_endpoints_agree_with_sqlite(pg_client: TestClient, tmp_path, reading_docs) -> None:
    from rasad.api.app import create_app

    with TestClient(create_app(build_db_url(f"sqlite:///{tmp_path / 'same.db'}", reading_docs))) as lite:
        for path in ("/api/events?limit=500", "/api/events?type=battles&limit=500",
                     "/api/events?bbox=38.0,34.3,38.5,34.8&limit=500", "/api/events?since=2018-04-01&limit=500",
                     "/api/events?actor=النظام السوري&limit=500", "/api/events?q=الكلور&limit=500",
                     "/api/events?source=Activists&limit=500", "/api/events?modality=denied&limit=500"):
            a, b = lite.get(path).json(), pg_client.get(path).json()
            assert a["total"] == b["total"], path
            assert {e["event_id"] for e in a["events"]} == {e["event_id"] for e in b["events"]}, path
        ma, mb = lite.get("/api/markers").json(), pg_client.get("/api/markers").json()
        assert sorted(r[0] for r in ma["rows"]) == sorted(r[0] for r in mb["rows"])
        sa_, sb = lite.get("/api/stats").json(), pg_client.get("/api/stats").json()
        assert sa_["by_type"] == sb["by_type"] and sa_["by_country"] == sb["by_country"]
        ca = lite.get("/api/clusters").json()["clusters"]
        cb = pg_client.get("/api/clusters").json()["clusters"]
        assert len(ca) == len(cb)
        chem_a = next(x for x in ca if x["acled_subtype"] == "chemical_weapon")
        chem_b = next(x for x in cb if x["acled_subtype"] == "chemical_weapon")
        assert {x["source"] for x in chem_a["claims"]} == {x["source"] for x in chem_b["claims"]}
        c = pg_client.get(f"/api/clusters/{chem_b['id']}").json()
        assert any(k["kind"] == "fatalities" for k in c["contradictions"])
        da = lite.get("/api/documents/rt-2016-12-12-palmyra").json()
        db = pg_client.get("/api/documents/rt-2016-12-12-palmyra").json()
        assert da["document"]["text"] == db["document"]["text"] and len(da["events"]) == len(db["events"])


def test_hostile_text_and_ingest_over_postgres(pg_client: TestClient) -> None:
    before = pg_client.get("/api/stats").json()
    for q in ("'; DROP TABLE events; --", '" OR 1=1 --', "NEAR(a b) OR * AND ^", "&|!():*"):
        r = pg_client.get("/api/events", params={"q": q})
        assert r.status_code == 200, (q, r.text)
        assert r.json()["total"] == 0
    assert pg_client.get("/api/stats").json() == before
    good = {"text": "قتل 3 مدنيين في قصف على مدينة حلب أمس.", "id": "pg-good"}
    bad = {"text": "No Arabic here at all, none.", "id": "pg-bad"}
    assert pg_client.post("/api/ingest", json={"documents": [good, bad]},
                          headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 422
    assert pg_client.get("/api/stats").json()["documents"] == before["documents"]
    r = pg_client.post("/api/ingest", json={"documents": [good]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    assert pg_client.get("/api/documents/pg-good").status_code == 200
