"""The dashboard as a person uses it: map, filters, event card, reader, clusters, languages."""

from __future__ import annotations

import json
import math
import time
import urllib.request
from typing import Any

import pytest
from tests.web.conftest import Server, shot

pytestmark = pytest.mark.browser

PALMYRA = (34.5624, 38.28402)
ALEPPO = (36.20124, 37.16117)


def wait_until(pg: Any, js: str, timeout: float = 10.0) -> Any:
    """Poll a JS expression until truthy (the page's CSP forbids Playwright's eval-based waits)."""
    deadline = time.monotonic() + timeout
    while True:
        value = pg.evaluate(js)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {js}")
        time.sleep(0.1)


def markers(pg: Any) -> list[dict[str, Any]]:
    return list(pg.evaluate("window.rasadApp.markerData()"))


def near(m: dict[str, Any], point: tuple[float, float], km: float = 5.0) -> bool:
    dlat = (m["lat"] - point[0]) * 111
    dlon = (m["lon"] - point[1]) * 111 * math.cos(math.radians(point[0]))
    return math.hypot(dlat, dlon) < km


def rendered_count(pg: Any) -> int:
    """Events drawn on the map: single circles plus the numbers on cluster icons."""
    return int(pg.evaluate("""(() => {
        const singles = document.querySelectorAll('#map path.ev').length;
        let inClusters = 0;
        document.querySelectorAll('#map .ev-cluster span').forEach((s) => { inClusters += Number(s.textContent); });
        return singles + inClusters;
    })()"""))


def evidence_text(text: str, ev: dict[str, Any]) -> str:
    """The characters an event's evidence covers (its main span and any others), in text order."""
    spans = sorted((s["start"], s["end"]) for s in [ev["evidence"], *ev.get("also_evidence", [])])
    covered: list[list[int]] = []
    for a, b in spans:
        if covered and a <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], b)
        else:
            covered.append([a, b])
    return "".join(text[a:b] for a, b in covered)


def api(server: Server, path: str) -> Any:
    with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as r:
        return json.loads(r.read())


def test_map_shows_the_palmyra_and_aleppo_events(page: Any, server: Server) -> None:
    ms = markers(page)
    palmyra = [m for m in ms if near(m, PALMYRA)]
    aleppo = [m for m in ms if near(m, ALEPPO)]
    assert palmyra and aleppo, ms
    assert any(m["type"] == "battles" for m in palmyra)
    assert rendered_count(page) == len(ms)  # everything is in view and drawn (as dots or clusters)
    status = page.text_content("#status") or ""
    assert str(len(ms)) in status
    assert page.locator("#event-list li").count() == api(server, "/api/events?limit=1")["total"]
    # the basemap is drawn from the packaged Natural Earth file (no tiles)
    assert page.locator("#map .leaflet-basemap-pane path").count() > 50
    assert not page.errors  # type: ignore[attr-defined]
    shot(page, f"map-{server.name}")  # type: ignore[attr-defined]


def test_filtering_by_type_changes_the_markers(page: Any, server: Server) -> None:
    before = markers(page)
    assert {m["type"] for m in before} > {"battles"}
    gen = page.evaluate("document.body.dataset.generation")
    page.select_option("select[name=type]", "battles")
    wait_until(page, f"document.body.dataset.generation !== '{gen}'")
    after = markers(page)
    assert after and all(m["type"] == "battles" for m in after)
    assert len(after) < len(before)
    assert {m["id"] for m in after} == {m["id"] for m in before if m["type"] == "battles"}
    assert rendered_count(page) == len(after)
    assert all(li.get_attribute("data-type") == "battles" for li in page.locator("#event-list li").all())
    assert "type=battles" in page.url
    shot(page, f"filter-battles-{server.name}")  # type: ignore[attr-defined]
    page.click("button[type=reset]")
    wait_until(page, f"window.rasadApp.markerData().length === {len(before)}")


def test_clicking_an_event_opens_its_card_and_the_evidence_in_the_reader(page: Any, server: Server) -> None:
    ms = markers(page)
    target = next(m for m in ms if near(m, PALMYRA) and m["type"] == "battles")
    ev = api(server, f"/api/events/{target['id']}")
    page.click(f'#event-list li[data-event-id="{target["id"]}"]')
    page.wait_for_selector("#reader .hl-selected")
    card = page.text_content("#card") or ""
    assert ev["location"]["name"] in card
    assert page.text_content("#card blockquote.evidence") == ev["evidence"]["text"]
    if ev.get("attribution") and (ev["attribution"].get("source") or ev["attribution"].get("speaker")):
        assert "وفقًا لـ" in (page.text_content("#card .according") or "")
    selected = "".join(page.locator("#reader .hl-selected").all_text_contents())
    assert selected == evidence_text(api(server, f"/api/documents/{ev['document_id']}")["document"]["text"], ev)
    assert page.locator("#reader .hl-selected.hl-trigger").count() >= 1
    assert page.locator("#reader .hl-place").count() >= 1
    assert page.locator("#reader .hl-number").count() >= 1
    shot(page, f"card-reader-{server.name}")  # type: ignore[attr-defined]


def test_clicking_a_marker_on_the_map_opens_its_card(page: Any, server: Server) -> None:
    ms = markers(page)
    counts: dict[tuple[float, float], int] = {}
    for m in ms:
        counts[(m["lat"], m["lon"])] = counts.get((m["lat"], m["lon"]), 0) + 1
    lone = next(m for m in ms if counts[(m["lat"], m["lon"])] == 1)
    page.evaluate(f"window.rasadApp.leaflet.setView([{lone['lat']}, {lone['lon']}], 8, {{animate: false}})")
    sel = f'#map path.ev[data-event-id="{lone["id"]}"]'
    page.wait_for_selector(sel)
    page.click(sel, force=True)
    page.wait_for_selector(f'#card .event-card[data-event-id="{lone["id"]}"]')
    page.wait_for_selector("#reader .hl-selected")
    ev = api(server, f"/api/events/{lone['id']}")
    assert page.text_content("#card blockquote.evidence") == ev["evidence"]["text"]
    shot(page, f"marker-click-{server.name}")  # type: ignore[attr-defined]


def test_the_arabic_article_reads_right_to_left(page: Any) -> None:
    first = page.locator("#event-list li").first.get_attribute("data-event-id")
    page.evaluate(f"window.rasadApp.selectEvent({json.dumps(first)})")
    page.wait_for_selector("#reader .reader-text")
    reader = page.locator("#reader")
    assert reader.get_attribute("dir") == "rtl" and reader.get_attribute("lang") == "ar"
    assert page.evaluate("getComputedStyle(document.querySelector('#reader')).direction") == "rtl"
    # geometry, not just attributes: the first letter of the article sits to the right of the fifth
    xs = page.evaluate("""(() => {
        const walker = document.createTreeWalker(document.querySelector('#reader .reader-text'), NodeFilter.SHOW_TEXT);
        const node = walker.nextNode();
        const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                            return r.getBoundingClientRect().left; };
        return [at(0), at(4)];
    })()""")
    assert xs[0] > xs[1]
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_english_toggle_keeps_the_article_rtl(page: Any, server: Server) -> None:
    page.click("#lang-toggle")
    wait_until(page, "document.documentElement.lang === 'en'")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.text_content("h1") == "rasad"
    assert "Battles" in (page.text_content("#legend") or "")
    page.evaluate(f"window.rasadApp.selectEvent({json.dumps(markers(page)[0]['id'])})")
    page.wait_for_selector("#reader .hl-selected")
    assert page.evaluate("getComputedStyle(document.querySelector('#reader')).direction") == "rtl"
    shot(page, f"english-{server.name}")  # type: ignore[attr-defined]
    page.click("#lang-toggle")  # leave the stored preference as it was
    wait_until(page, "document.documentElement.lang === 'ar'")


def test_brushing_the_timeline_filters_the_map(page: Any, server: Server) -> None:
    before = markers(page)
    days = sorted({m["day"] for m in before if m["day"]})
    assert len(days) > 1
    last = days[-1]
    box = page.evaluate("""(() => {
        const bars = [...document.querySelectorAll('#timeline rect')].filter((x) => x.querySelector('title'));
        const r = bars.reduce((a, b) => (+b.getAttribute('x') > +a.getAttribute('x') ? b : a));
        const b = r.getBoundingClientRect();
        return {x: b.x, y: b.y, width: b.width, height: b.height};
    })()""")
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    right = page.locator("#timeline").bounding_box()
    assert right
    page.mouse.move(right["x"] + right["width"] - 2, y, steps=4)  # past the last bar: clamped to the end
    page.mouse.up()
    brush = wait_until(page, "window.rasadApp.state.brush")
    assert brush[0] <= last <= brush[1]
    after = markers(page)
    assert after and {m["id"] for m in after} == {m["id"] for m in before if brush[0] <= m["day"] <= brush[1]}
    assert len(after) < len(before)
    assert rendered_count(page) == len(after)
    wait_until(page, f"[...document.querySelectorAll('#event-list li')].length === {len(after)}")
    shot(page, f"brush-{server.name}")  # type: ignore[attr-defined]


@pytest.mark.parametrize("server", ["readings"], indirect=True)  # the multi-source Douma cluster is there
def test_cluster_view_lays_contradicting_claims_side_by_side(page: Any, server: Server) -> None:
    page.click('#event-list li[data-event-id="SK-middleEast-832-20180407:E1"]')
    page.click("#card .cluster-link")
    page.wait_for_selector(".claims .claim")
    claims = page.locator(".claims .claim")
    assert claims.count() >= 3
    a, b = claims.nth(0).bounding_box(), claims.nth(1).bounding_box()
    assert a and b and abs(a["y"] - b["y"]) < 2 and abs(a["x"] - b["x"]) > 100
    contra = page.text_content(".contradictions") or ""
    assert "47" in contra and "150" in contra
    assert page.locator(".claim .row.contested").count() >= 2
    shot(page, "cluster-douma")


def test_phone_layout(browser: Any, server: Server) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    pg = ctx.new_page()
    try:
        pg.goto(server.url)
        pg.wait_for_selector('body[data-ready="true"]', state="attached", timeout=20_000)
        assert pg.evaluate("document.scrollingElement.scrollWidth") <= 391
        box = pg.locator("#map").bounding_box()
        assert box and box["width"] >= 380 and box["height"] >= 300
        shot(pg, f"phone-{server.name}")  # type: ignore[attr-defined]
    finally:
        ctx.close()


def test_a_place_named_anywhere_in_the_article_links_to_its_events(page: Any, server: Server) -> None:
    aleppo = next(m for m in markers(page) if near(m, ALEPPO))
    page.evaluate(f"window.rasadApp.selectEvent({json.dumps(aleppo['id'])})")
    page.wait_for_selector(f'#card .event-card[data-event-id="{aleppo["id"]}"]')
    page.wait_for_selector("#reader .hl-selected")
    # Palmyra as first named, in the opening sentence, outside any event's evidence
    palmyra = page.locator("#reader .hl-place:not(.hl-evidence)", has_text="تدمر").first
    assert palmyra.get_attribute("data-events")
    palmyra.click()
    page.wait_for_selector(f'#card .event-card:not([data-event-id="{aleppo["id"]}"])')
    ev_id = page.locator("#card .event-card").get_attribute("data-event-id")
    ev = api(server, f"/api/events/{ev_id}")
    assert near({"lat": ev["lat"], "lon": ev["lon"]}, PALMYRA)
