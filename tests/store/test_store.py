"""The store on a real SQLite file and a real PostgreSQL server: identity, corrections,
near-copies, search, filters, clusters and contradictions."""

from __future__ import annotations

import pytest

from rasad.model import Document
from rasad.store import EventFilter, Store
from rasad.store import engine as eng


def test_schema_is_created_and_opening_again_is_a_no_op(db_url: str) -> None:
    s = Store.open(db_url)
    assert eng.current_revision(s.engine) == eng.head_revision()
    s.close()
    with Store.open(db_url) as s2:  # second open: nothing to migrate, data intact
        assert eng.current_revision(s2.engine) == eng.head_revision()
        assert s2.count_documents() == 0


def test_same_article_twice_is_stored_once(db_url: str, seed_text: str, pipeline) -> None:
    doc = pipeline.extract(seed_text, id="rt-2016-12-12-palmyra", published="2016-12-12", outlet="RT Arabic")
    again = pipeline.extract(seed_text, id="another-name-for-it", published="2016-12-12", outlet="RT Arabic")
    with Store.open(db_url) as s:
        r1 = s.add_documents([doc])
        r2 = s.add_documents([doc, again])
        assert (r1.added, r2.added, r2.unchanged) == (1, 0, 2)
        assert s.count_documents() == 1
        stored = s.get_document("rt-2016-12-12-palmyra")
        assert stored is not None
        assert stored["document"]["text"] == seed_text
        back = Document.from_json(stored)
        assert back.to_json() == doc.to_json()  # the stored reading is the extraction, offsets and all


def test_correction_replaces_old_reading_and_old_text_stays_recognised(db_url: str, event_docs) -> None:
    doc = event_docs["rt-air"]
    with Store.open(db_url) as s:
        s.add_documents([doc])
        fixed_text = doc.text.replace("زهاء 300", "زهاء 350")
        fixed = Document(id=doc.id, text=fixed_text, published=doc.published, outlet=doc.outlet)
        r = s.add_documents([fixed])
        assert r.status[doc.id] == "updated"
        stored = s.get_document(doc.id)
        assert stored is not None
        assert stored["stored"]["revision"] == 2
        assert "350" in stored["document"]["text"]
        assert s.count_events(EventFilter()) == 0  # the corrected text has no (hand-written) events
        assert s.search("350") and not s.search("300")
        # meeting the old version again (an older copy of the feed) must not flip it back
        assert s.known([(doc.id, __import__("rasad.store.dedup", fromlist=["x"]).content_hash(doc.text), None)]) == {
            doc.id: "unchanged"}
        assert s.add_documents([doc]).unchanged == 1
        assert "350" in s.get_document(doc.id)["document"]["text"]  # type: ignore[index]


def test_syndicated_copy_is_linked_and_not_counted_twice(db_url: str, event_docs, seed_text: str) -> None:
    with Store.open(db_url) as s:
        orig = event_docs["rt-air"]
        base = Document(id="seed", text=seed_text, published="2016-12-12", outlet="RT Arabic")
        copy_text = "موسكو - وكالات\n" + seed_text.replace("أرسل تعليقك", "المصدر: وكالات")
        copy = Document(id="seed-copy", text=copy_text, published="2016-12-12", outlet="Other Site")
        copy.events = list(orig.events)
        base.events = list(orig.events)
        s.add_documents([base])
        r = s.add_documents([copy])
        assert r.near_duplicates == 1
        stored = s.get_document("seed-copy")
        assert stored is not None and stored["stored"]["duplicate_of"] == "seed"
        assert stored["stored"]["similarity"] >= 0.7
        assert s.get_document("seed")["stored"]["near_duplicates"] == ["seed-copy"]  # type: ignore[index]
        assert s.count_events(EventFilter()) == 1  # the copy's event is linked, not counted
        assert s.count_events(EventFilter(include_duplicates=True)) == 2
        assert s.stats()["events"] == 1
        assert s.list_clusters(EventFilter()) == []  # a copy does not corroborate its original


def test_search_ignores_spelling_variants_and_clitics(db_url: str, seed_text: str, pipeline) -> None:
    other = "قصفت طائرات حربية مواقع بالرقة وبتدمر، وأعلنت الإدارة الذاتية حظر التجول في المدينة."
    with Store.open(db_url) as s:
        s.add_documents([pipeline.extract(seed_text, id="seed", published="2016-12-12"),
                         pipeline.extract(other, id="other", published="2016-12-13")])
        assert {h["id"] for h in s.search("تدمر")} == {"seed", "other"}  # وبتدمر found by تدمر
        assert {h["id"] for h in s.search("الرقة")} == {"seed", "other"}  # بالرقة and الرقه spelling
        assert [h["id"] for h in s.search("كوناشينكوف")] == ["seed"]
        assert s.search("حلب الموصل")[0]["id"] == "seed"  # every word must occur
        assert s.search("حلب بغداد") == []
        hit = s.search("إيغور")[0]
        assert "إيغور" in hit["snippet"]  # snippet shows the words as written
        assert s.search("!!!") == []


def test_filters(db_url: str, event_docs) -> None:
    with Store.open(db_url) as s:
        s.add_documents(event_docs.values())
        ids = lambda f: {e["event_id"] for e in s.query_events(f)}  # noqa: E731
        assert ids(EventFilter(subtype="air_drone_strike")) == {"rt-air:E1", "sohr-air:E1", "aleppo-air:E1"}
        assert "denial:E1" not in ids(EventFilter())  # a denial is not an event
        assert ids(EventFilter(modality="denied")) == {"denial:E1"}
        assert ids(EventFilter(type="battles")) == {"sana-town:E1", "opp-town:E1"}
        assert ids(EventFilter(actor="Russia")) == {"rt-air:E1"}
        assert ids(EventFilter(actor="داعش")) == {"rt-air:E1", "sohr-air:E1"}
        assert ids(EventFilter(bbox=(37.9, 34.3, 38.6, 34.8))) == {"rt-air:E1", "sohr-air:E1"}
        assert ids(EventFilter(date_from="2018-01-01")) == {"sana-town:E1", "opp-town:E1"}
        assert ids(EventFilter(date_to="2016-12-10")) == {"rt-air:E1"}
        assert ids(EventFilter(source="observatory")) == {"sohr-air:E1"}
        assert ids(EventFilter(source="RT Arabic")) == {"rt-air:E1"}
        assert ids(EventFilter(q="المرصد")) == {"sohr-air:E1"}
        assert ids(EventFilter(min_confidence=0.85)) == {"rt-air:E1", "sana-town:E1"}
        assert ids(EventFilter(country="sy", admin1="Daraa")) == {"sana-town:E1", "opp-town:E1"}
        assert s.count_events(EventFilter(country="SY")) == 5
        marks = s.query_markers(EventFilter(type="battles"))
        assert {m["event_id"] for m in marks} == {"sana-town:E1", "opp-town:E1"} and marks[0]["lat"] == 32.8292
        ev = s.get_event("sohr-air:E1")
        assert ev is not None
        assert ev["document_id"] == "sohr-air" and ev["outlet"] == "Enab Baladi"
        assert (ev["lat"], ev["lon"], ev["country"]) == (34.5624, 38.28402, "SY")
        assert ev["evidence"]["text"] == event_docs["sohr-air"].text[ev["evidence"]["start"]:ev["evidence"]["end"]]
        st = s.stats()
        assert st["by_type"] == {"explosions_remote_violence": 3, "battles": 2}
        assert st["by_country"] == {"SY": 5}
        assert {"day": "2016-12-11", "type": "explosions_remote_violence", "n": 2} in st["by_day"]


def test_one_strike_two_sources_is_one_cluster_with_a_fatality_contradiction(db_url: str, event_docs) -> None:
    with Store.open(db_url) as s:
        s.add_documents([event_docs["rt-air"]])
        s.add_documents([event_docs["aleppo-air"]])
        s.add_documents([event_docs["sohr-air"]])
        clusters = s.list_clusters(EventFilter())
        assert len(clusters) == 1  # Aleppo (170 km away) is another strike
        c = s.get_cluster(clusters[0]["id"])
        assert c is not None
        assert {m["event_id"] for m in c["members"]} == {"rt-air:E1", "sohr-air:E1"}
        assert c["n_sources"] == 2 and c["contradiction"]
        (fat,) = [x for x in c["contradictions"] if x["kind"] == "fatalities"]
        assert fat["summary"] == "Russian Ministry of Defence: ~300 killed; Syrian Observatory for Human Rights: 57 killed"
        assert s.get_event("rt-air:E1")["cluster_id"] == c["id"]  # type: ignore[index]
        assert s.get_event("aleppo-air:E1")["cluster_id"] is None  # type: ignore[index]
        assert [x["event_id"] for x in s.query_events(EventFilter(cluster_id=c["id"]))] != []


def test_rival_control_claims_are_a_contradiction(db_url: str, event_docs) -> None:
    with Store.open(db_url) as s:
        s.add_documents([event_docs["sana-town"], event_docs["opp-town"]])
        (c,) = s.list_clusters(EventFilter(type="battles"))
        (ctl,) = [x for x in c["contradictions"] if x["kind"] == "control"]
        assert {x["controller"] for x in ctl["claims"]} == {"Military Forces of Syria", "Syrian opposition factions"}


def test_a_correction_leaves_clusters_consistent(db_url: str, event_docs) -> None:
    with Store.open(db_url) as s:
        s.add_documents([event_docs["rt-air"], event_docs["sohr-air"]])
        assert len(s.list_clusters()) == 1
        sohr = event_docs["sohr-air"]
        s.add_documents([Document(id=sohr.id, text=sohr.text + " وتستمر الاشتباكات.", outlet=sohr.outlet)])
        assert s.list_clusters() == []  # one member left: no cluster
        assert s.get_event("rt-air:E1")["cluster_id"] is None  # type: ignore[index]


def test_bad_database_url_is_a_user_error() -> None:
    from rasad.errors import InputError

    with pytest.raises(InputError):
        eng.resolve_url("mysql://x@y/z")
    url, notes = eng.resolve_url("postgresql+psycopg://u:p@127.0.0.1/db")
    assert url.startswith("postgresql+pg8000://") and notes
    assert eng.resolve_url("data/x.db")[0] == "sqlite:///data/x.db"


def test_db_commands(db_url: str, event_docs, capsys: pytest.CaptureFixture[str]) -> None:
    from rasad.cli import main

    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert f"→ {eng.head_revision()}" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", db_url]) == 0
    assert "already at revision" in capsys.readouterr().out
    with Store.open(db_url) as s:
        run = s.start_run("test")
        s.add_documents(event_docs.values(), run, errors=[("x.bin", "binary file")])
        s.finish_run(run)
    assert main(["db", "info", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "documents  6" in out and "events     5 asserted" in out and "clusters   2 (2 with contradicting sources)" in out
    assert main(["db", "run", "--db", db_url]) == 0
    assert '"reason": "binary file"' in capsys.readouterr().out
    assert main(["db", "run", "nope", "--db", db_url]) == 2


def test_unreachable_or_refused_database_is_one_line(tmp_path) -> None:
    from rasad.errors import RasadError

    with pytest.raises(RasadError, match="cannot open database"):
        Store.open(f"sqlite:///{tmp_path}")  # a directory, not a file
    with pytest.raises(RasadError, match=r"127\.0\.0\.1.*5999|5999"):
        Store.open("postgresql+pg8000://rasad:x@127.0.0.1:5999/rasad")


def test_migration_0002_keeps_search_working_on_existing_rows(sqlite_url: str) -> None:
    import sqlalchemy as sa

    e = eng.create_engine(sqlite_url)
    eng.upgrade(e, "0001")
    with e.begin() as c:  # a row as revision 0001 wrote it
        c.execute(sa.text("INSERT INTO documents (pk, id, content_hash, text, extraction, language, n_events, "
                          "ingested_at, revision) VALUES (1, 'old', 'h', 'قصف على بتدمر اليوم', '{}', 'ar', 0, "
                          "'2026-01-01', 1)"))
        c.execute(sa.text("INSERT INTO documents_fts(rowid, search_text) VALUES (1, 'x')"))
    e.dispose()
    with Store.open(sqlite_url) as s:
        assert eng.current_revision(s.engine) == eng.head_revision()
        assert [h["id"] for h in s.search("تدمر")] == ["old"]  # re-indexed from the stored text
