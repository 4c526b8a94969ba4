"""Exports from a real database: ACLED's exact layout (opened with pandas), PLOVER, GeoJSON,
Parquet and JSONL."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from rasad.cli import main
from rasad.export import acled, write
from rasad.pipeline import default_pipeline
from rasad.store import EventFilter, Store

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


def has_events_stage() -> bool:
    return any(name == "rasad.events.stage" for name, _fn in default_pipeline().stages)


def test_acled_values_are_mapped(sqlite_url: str, event_docs) -> None:
    with Store.open(sqlite_url) as s:
        s.add_documents(event_docs.values())
        buf = io.StringIO()
        n = write(s.iter_events(EventFilter()), "acled", buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False)
    assert list(df.columns) == ACLED_COLUMNS and len(df) == n == 5  # the denial is not a row
    rt = df[df.tags.str.contains("rt-air:E1")].iloc[0]
    assert (rt.event_type, rt.sub_event_type, rt.disorder_type) == (
        "Explosions/Remote violence", "Air/drone strike", "Political violence")
    assert (rt.iso, rt.country, rt.region, rt.location) == (760, "Syria", "Middle East", "Tadmur")
    assert rt.event_id_cnty.startswith("SYR")
    assert (rt.event_date, rt.year, rt.time_precision, rt.geo_precision) == ("2016-12-10", 2016, 2, 1)
    assert (rt.actor1, rt.inter1, rt.actor2, rt.inter2, rt.interaction) == (
        "Military Forces of Russia", 8, "Islamic State (ISIS)", 2, 28)
    assert rt.fatalities == 300 and "approximately" in rt.tags
    assert rt.notes == ("On 10 December 2016, Military Forces of Russia carried out air/drone strikes against "
                        "Islamic State (ISIS) in Tadmur, Syria. ~300 fatalities reported. "
                        "According to Russian Ministry of Defence.")
    assert rt.source == "RT Arabic; Russian Ministry of Defence"
    sohr = df[df.tags.str.contains("sohr-air:E1")].iloc[0]
    assert (sohr.time_precision, sohr.fatalities, sohr.actor1, sohr.interaction) == (1, 57, "", 20)
    # no English name for actor1: the note is the Arabic evidence, with its source
    assert sohr.notes.startswith("غارات جوية استهدفت مواقع لتنظيم داعش")
    town = df[df.tags.str.contains("sana-town:E1")].iloc[0]
    assert (town.event_type, town.sub_event_type, town.interaction) == ("Battles", "Government regains territory", 12)


def test_other_formats(tmp_path: Path, sqlite_url: str, event_docs) -> None:
    with Store.open(sqlite_url) as s:
        s.add_documents(event_docs.values())
        events = list(s.iter_events(EventFilter()))
    assert write(events, "parquet", tmp_path / "e.parquet") == 5
    t = pq.read_table(tmp_path / "e.parquet")
    assert t.num_rows == 5 and "evidence" in t.column_names and "record" in t.column_names
    assert sorted(t.column("fatalities").to_pylist(), key=lambda v: (v is None, v)) == [12, 57, 300, None, None]
    buf = io.StringIO()
    write(events, "geojson", buf)
    gj = json.loads(buf.getvalue())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 5
    f0 = next(f for f in gj["features"] if f["properties"]["event_id"] == "rt-air:E1")
    assert f0["geometry"]["coordinates"] == [38.28402, 34.5624]
    buf = io.StringIO()
    write(events, "plover", buf)
    pl = [json.loads(x) for x in buf.getvalue().splitlines()]
    rt = next(p for p in pl if p["id"] == "rt-air:E1")
    assert (rt["actor"], rt["recipient"], rt["according_to"], rt["geolocation"]["geonameid"]) == (
        "Military Forces of Russia", "Islamic State (ISIS)", "Russian Ministry of Defence", 163808)
    buf = io.StringIO()
    write(events, "jsonl", buf)
    assert {json.loads(x)["event_id"] for x in buf.getvalue().splitlines()} == {e["event_id"] for e in events}


def test_export_cli(tmp_path: Path, sqlite_url: str, event_docs, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(sqlite_url) as s:
        s.add_documents(event_docs.values())
    assert main(["export", "--format", "parquet", "--db", sqlite_url]) == 2
    assert "--out" in capsys.readouterr().err
    out = tmp_path / "battles.csv"
    assert main(["export", "--format", "acled", "--type", "battles", "--out", str(out), "--db", sqlite_url]) == 0
    assert len(pd.read_csv(out)) == 2
    assert main(["events", "--format", "json", "--country", "SY", "--since", "2016-12-11", "--db", sqlite_url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert {e["event_id"] for e in got} == {"sohr-air:E1", "aleppo-air:E1", "sana-town:E1", "opp-town:E1"}
    assert main(["events", "--clusters", "--db", sqlite_url]) == 0
    assert "Russian Ministry of Defence: ~300 killed; Syrian Observatory for Human Rights: 57 killed" in \
        capsys.readouterr().out
    assert main(["search", "تدمر", "--db", sqlite_url]) == 0
    assert "sohr-air" in capsys.readouterr().out
    assert main(["events", "--bbox", "1,2,3", "--db", sqlite_url]) == 2


@pytest.mark.skipif(not has_events_stage(), reason="default_pipeline() has no events stage yet (rasad.events.stage)")
def test_acled_export_of_the_seed_end_to_end(tmp_path: Path, sqlite_url: str, seed_text: str) -> None:
    src = tmp_path / "rt-2016-12-12-palmyra.txt"
    src.write_text(seed_text, encoding="utf-8")
    assert main(["ingest", str(src), "--db", sqlite_url, "-q"]) == 0
    out = tmp_path / "seed.csv"
    assert main(["export", "--format", "acled", "--out", str(out), "--db", sqlite_url]) == 0
    df = pd.read_csv(out, keep_default_na=False)
    assert list(df.columns) == ACLED_COLUMNS
    with Store.open(sqlite_url) as s:
        doc = s.load_document("rt-2016-12-12-palmyra")
    assert doc is not None
    asserted = [e for e in doc.events if e.modality == "asserted"]
    assert asserted and len(df) == len(asserted)  # one row per asserted event
    assert set(df.country) == {"Syria"} and set(df.iso) == {760}
    assert df.event_date.str.startswith("2016-12-").all()  # dated from the file name, 2016-12-12
    assert df.event_type.isin(list(acled.acled_map()["event_types"].values())).all()
    assert df.sub_event_type.isin(list(acled.acled_map()["sub_event_types"].values())).all()
    assert "Air/drone strike" in set(df.sub_event_type)
    tadmur = df[df.location.str.contains("Tadmur|Palmyra")]
    assert len(tadmur) >= 3 and (tadmur.latitude.round(2) == 34.56).all()
