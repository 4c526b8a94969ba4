// The event map: an offline Natural Earth basemap (no tile server), one circle per located
// event coloured by type, clustered when dense. Rows come from /api/markers in compact form.

import { h } from "./dom.js";
import { TYPE_COLOURS, label } from "./i18n.js";

const BASEMAP_URL = "/static/data/countries.geojson";

/** Tag a marker's SVG element with its event id once it is drawn (links DOM to data). */
function tagPath() {
  if (this._path) this._path.setAttribute("data-event-id", this.rasad.id);
}

function colour(type) {
  return TYPE_COLOURS[type] || TYPE_COLOURS.unknown;
}

/** A cluster icon: the count on a pie of the types inside it. */
function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const counts = new Map();
  for (const m of children) counts.set(m.rasad.type, (counts.get(m.rasad.type) || 0) + 1);
  const n = children.length;
  let acc = 0;
  const stops = [];
  for (const [type, c] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
    const from = (acc / n) * 360;
    acc += c;
    stops.push(`${colour(type)} ${from}deg ${(acc / n) * 360}deg`);
  }
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 50;
  const el = h("div", { class: "ev-cluster-pie", style: { background: `conic-gradient(${stops.join(",")})` } },
    h("span", {}, n >= 10000 ? `${Math.round(n / 1000)}k` : String(n)));
  return L.divIcon({ html: el, className: "ev-cluster", iconSize: L.point(size, size) });
}

export class EventMap {
  constructor(el, { onSelect }) {
    this.onSelect = onSelect;
    this.map = L.map(el, { zoomControl: true, minZoom: 2, maxZoom: 9, zoomSnap: 0.5, worldCopyJump: true });
    this.map.setView([31, 38], 4);
    this.map.attributionControl.setPrefix("");
    this.map.attributionControl.addAttribution("Natural Earth");
    this.group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: 150,
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon,
      chunkProgress: (done, total) => {
        if (done >= total && this.chunkDone) {
          const resolve = this.chunkDone;
          this.chunkDone = null;
          setTimeout(resolve, 0);
        }
      },
    });
    this.group.on("click", (e) => this.onSelect(e.layer.rasad.id, { fromMap: true }));
    this.group.on("mouseover", (e) => {
      const m = e.layer;
      if (!m.rasad || m.getTooltip()) return;
      const r = m.rasad;
      m.bindTooltip(`${label(r.type)} · ${r.day || "?"}`, { direction: "top", offset: [0, -6] }).openTooltip();
    });
    this.map.addLayer(this.group);
    const legend = L.control({ position: "bottomleft" });
    legend.onAdd = () => {
      const div = h("div", { id: "legend", class: "legend" });
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    legend.addTo(this.map);
    this.markers = [];
    this.byId = new Map();
    this.selected = null;
    this.dayRange = null;
  }

  async loadBasemap() {
    const r = await fetch(BASEMAP_URL);
    const fc = await r.json();
    this.map.createPane("basemap");
    this.map.getPane("basemap").style.zIndex = 200;
    L.geoJSON(fc, {
      pane: "basemap",
      interactive: false,
      style: (f) => ({
        color: "#8d99a6",
        weight: f.properties.fine ? 0.9 : 0.6,
        fillColor: "#f3efe6",
        fillOpacity: 1,
      }),
    }).addTo(this.map);
  }

  /** Replace every marker with the rows of one /api/markers answer. */
  setMarkers(payload) {
    const { types, rows } = payload;
    const markers = new Array(rows.length);
    this.byId = new Map();
    for (let i = 0; i < rows.length; i++) {
      const [id, lat, lon, ti, day, fat] = rows[i];
      const type = types[ti];
      const m = L.circleMarker([lat, lon], {
        radius: 7,
        color: "#ffffff",
        weight: 1.5,
        fillColor: colour(type),
        fillOpacity: 0.9,
        className: `ev ev-${type}`,
      });
      m.rasad = { id, type, day, fatalities: fat };
      m.on("add", tagPath);
      markers[i] = m;
      this.byId.set(id, m);
    }
    this.markers = markers;
    this.selected = null;
    return this.render();
  }

  /** Show only markers whose day is inside [from, to] (the timeline brush), or all. */
  setDayRange(range) {
    this.dayRange = range;
    return this.render();
  }

  visibleMarkers() {
    if (!this.dayRange) return this.markers;
    const [a, b] = this.dayRange;
    return this.markers.filter((m) => m.rasad.day && m.rasad.day >= a && m.rasad.day <= b);
  }

  /** Put the visible markers on the map; resolves once clustering has finished. */
  render() {
    this.group.clearLayers();
    const vis = this.visibleMarkers();
    if (!vis.length) return Promise.resolve();
    const done = new Promise((resolve) => {
      this.chunkDone = resolve;
    });
    this.group.addLayers(vis);
    return done;
  }

  /** Frame where most events are (2nd to 98th percentile of latitude and longitude, so a
   *  few far-away events do not zoom the map out to the whole world); done before adding
   *  the markers, so they are clustered once. */
  fitTo(payload) {
    const rows = payload.rows || [];
    if (!rows.length) return;
    const q = (xs, p) => xs[Math.min(xs.length - 1, Math.max(0, Math.round(p * (xs.length - 1))))];
    const lats = rows.map((r) => r[1]).sort((a, b) => a - b);
    const lons = rows.map((r) => r[2]).sort((a, b) => a - b);
    const [p0, p1] = rows.length >= 50 ? [0.02, 0.98] : [0, 1];
    const b = L.latLngBounds([q(lats, p0), q(lons, p0)], [q(lats, p1), q(lons, p1)]);
    this.map.fitBounds(b.pad(0.3), { maxZoom: 7, animate: false });
  }

  select(id, { zoom = false } = {}) {
    if (this.selected) {
      this.selected.setStyle({ color: "#ffffff", weight: 1.5, radius: 7 });
    }
    const m = this.byId.get(id);
    this.selected = m || null;
    if (!m) return;
    const mark = () => {
      m.setStyle({ color: "#111111", weight: 3, radius: 9 });
      if (m.bringToFront && m._map) m.bringToFront();
    };
    if (zoom && this.group.hasLayer(m)) this.group.zoomToShowLayer(m, mark);
    else mark();
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
