// The dashboard: filters → (stats, markers, first page of events) from the API → map,
// timeline, list; a click opens the event card and the article with the evidence marked.

import { api } from "./api.js";
import { renderCard } from "./card.js";
import { renderCluster } from "./cluster.js";
import { clear, debounce, h } from "./dom.js";
import { TYPES, TYPE_COLOURS, fmtNumber, getLang, initialLang, label, setLang, t, translatePage } from "./i18n.js";
import { EventMap } from "./map.js";
import { renderReader } from "./reader.js";
import { Timeline } from "./timeline.js";

const PAGE = 50;
const FORM_KEYS = ["since", "until", "type", "country", "actor", "source", "min_confidence", "q"];

const state = {
  filters: {},
  brush: null,
  stats: null,
  markers: null,
  list: { offset: 0, total: 0 },
  countries: new Set(),
  selected: null,
  doc: null,
};

const $ = (sel) => document.querySelector(sel);
/** A left-to-right run (a date, a number) kept whole inside right-to-left text. */
const ltr = (x) => `\u2066${x}\u2069`;
const form = $("#filters");

const app = {
  ready: false,
  firstRenderMs: null,
  state,
  /** Markers currently on the map (for tests and the benchmark). */
  markerData: () => map.visibleMarkers().map((m) => ({ ...m.rasad, lat: m.getLatLng().lat, lon: m.getLatLng().lng })),
};
window.rasadApp = app;

const map = new EventMap($("#map"), { onSelect: (id) => selectEvent(id) });
const timeline = new Timeline($("#timeline"), { onBrush: (range) => setBrush(range) });

// --- filters --------------------------------------------------------------------------

function readForm() {
  const fd = new FormData(form);
  const f = {};
  for (const k of FORM_KEYS) {
    const v = String(fd.get(k) ?? "").trim();
    if (v !== "" && !(k === "min_confidence" && Number(v) === 0)) f[k] = v;
  }
  return f;
}

function writeForm(f) {
  for (const k of FORM_KEYS) {
    const el = form.elements[k];
    if (!el) continue;
    el.value = f[k] ?? (k === "min_confidence" ? "0" : "");
  }
  form.elements.conf_out.value = form.elements.min_confidence.value;
}

function filtersFromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const f = {};
  for (const k of FORM_KEYS) if (p.get(k)) f[k] = p.get(k);
  return f;
}

function saveHash() {
  const p = new URLSearchParams(state.filters);
  const s = p.toString();
  history.replaceState(null, "", s ? `#${s}` : location.pathname);
}

const onFilterChange = debounce(() => {
  state.filters = readForm();
  saveHash();
  refresh();
}, 300);

form.addEventListener("input", (e) => {
  if (e.target.name === "min_confidence") form.elements.conf_out.value = e.target.value;
  onFilterChange();
});
form.addEventListener("change", onFilterChange);
form.addEventListener("submit", (e) => e.preventDefault());
form.addEventListener("reset", () => setTimeout(() => {
  form.elements.conf_out.value = "0";
  onFilterChange();
}, 0));

function fillSelects() {
  const typeSel = form.elements.type;
  const cur = state.filters.type || "";
  const byType = (state.stats && state.stats.by_type) || {};
  typeSel.replaceChildren(h("option", { value: "" }, t("allTypes")),
    ...TYPES.map((ty) => h("option", { value: ty }, `${label(ty)}${byType[ty] ? ` (${fmtNumber(byType[ty])})` : ""}`)));
  typeSel.value = cur;
  const cSel = form.elements.country;
  const curC = state.filters.country || "";
  let names = null;
  try {
    names = new Intl.DisplayNames([getLang()], { type: "region" });
  } catch (_) {
    names = null;
  }
  const opts = [...state.countries].sort().map((c) => h("option", { value: c }, names ? `${names.of(c)} (${c})` : c));
  cSel.replaceChildren(h("option", { value: "" }, t("allCountries")), ...opts);
  cSel.value = curC;
}

function renderLegend() {
  const byType = (state.stats && state.stats.by_type) || {};
  const el = $("#legend");
  el.replaceChildren(h("div", { class: "legend-title" }, t("legendTitle")),
    ...TYPES.map((ty) => h("button", {
      type: "button",
      class: `legend-item${state.filters.type === ty ? " active" : ""}`,
      dataset: { type: ty },
      onclick: () => {
        form.elements.type.value = state.filters.type === ty ? "" : ty;
        onFilterChange();
      },
      title: label(ty),
    }, h("span", { class: "swatch", style: { background: TYPE_COLOURS[ty] } }), h("span", { class: "legend-name" }, `${label(ty)} `),
    h("span", { class: "muted" }, fmtNumber(byType[ty] || 0)))));
}

// --- loading --------------------------------------------------------------------------

function setStatus(msg, isError = false) {
  const el = $("#status");
  el.textContent = msg;
  el.classList.toggle("error", isError);
}

function describeCounts() {
  const m = state.markers;
  if (!m) return;
  const onMap = map.visibleMarkers().length;
  const parts = [t("shown", { n: fmtNumber(m.total) }), t("onMap", { n: fmtNumber(onMap) })];
  if (m.unlocated) parts.push(t("unlocated", { n: fmtNumber(m.unlocated) }));
  setStatus(parts.join(" · "));
}

let generation = 0;

async function refresh({ fit = false } = {}) {
  const gen = ++generation;
  setStatus(t("loading"));
  try {
    const [stats, markers] = await Promise.all([api.stats(state.filters), api.markers(state.filters), loadList(false)]);
    if (gen !== generation) return;
    state.stats = stats;
    state.markers = markers;
    renderList([], true); // the summary can now tell an empty database from an empty filter
    for (const c of Object.keys(stats.by_country || {})) state.countries.add(c);
    fillSelects();
    renderLegend();
    timeline.setData(stats.by_day);
    brushLabel();
    map.dayRange = state.brush;
    if (fit) map.fitTo(markers);
    await map.setMarkers(markers);
    describeCounts();
    document.body.dataset.generation = String(gen);
  } catch (e) {
    if (e.name === "AbortError") return;
    setStatus(t("error", { msg: e.message }), true);
  }
}

function listFilters() {
  const f = { ...state.filters };
  if (state.brush) {
    f.since = f.since && f.since > state.brush[0] ? f.since : state.brush[0];
    f.until = f.until && f.until < state.brush[1] ? f.until : state.brush[1];
  }
  return f;
}

async function loadList(append) {
  const offset = append ? state.list.offset + PAGE : 0;
  const page = await api.events(listFilters(), { limit: PAGE, offset });
  state.list = { offset, total: page.total };
  renderList(page.events, append);
  return page;
}

function renderList(events, append) {
  const ol = $("#event-list");
  if (!append) clear(ol);
  for (const ev of events) ol.appendChild(listItem(ev));
  const shown = ol.children.length;
  const empty = state.stats && state.stats.documents === 0;
  $("#list-summary").textContent = shown
    ? t("shown", { n: `${fmtNumber(shown)} / ${fmtNumber(state.list.total)}` })
    : t(empty ? "emptyDb" : "noEvents");
  $("#list-more").hidden = shown >= state.list.total;
}

function listItem(ev) {
  const loc = ev.location || {};
  const att = ev.attribution || {};
  const fat = ev.fatalities ? ` · ${t("fatalities")}: ${fmtNumber(ev.fatalities.value)}` : "";
  return h("li", {
    class: `event-item${state.selected === ev.event_id ? " selected" : ""}`,
    dataset: { eventId: ev.event_id, type: ev.acled_type },
    tabindex: "0",
    onclick: () => selectEvent(ev.event_id, { zoom: true }),
    onkeydown: (e) => { if (e.key === "Enter") selectEvent(ev.event_id, { zoom: true }); },
  },
  h("span", { class: "type-dot", style: { background: TYPE_COLOURS[ev.acled_type] || TYPE_COLOURS.unknown } }),
  h("div", { class: "item-body" },
    h("div", { class: "item-title" }, label(ev.acled_subtype), " — ",
      h("span", { lang: "ar" }, loc.text || loc.name || "?")),
    h("div", { class: "item-meta muted" }, `${ev.event_date || ev.published || ""}${fat}`,
      att.source || att.speaker ? [` · ${t("accordingTo")} `, h("bdi", {}, att.source || att.speaker)] : ""),
    h("div", { class: "item-evidence", lang: "ar", dir: "rtl" }, ev.evidence ? ev.evidence.text : "")));
}

$("#list-more").addEventListener("click", () => loadList(true).catch((e) => setStatus(t("error", { msg: e.message }), true)));

// --- brushing -------------------------------------------------------------------------

function brushLabel() {
  const r = state.brush;
  const outside = timeline.outside ? ` · ${t("outside", { n: fmtNumber(timeline.outside) })}` : "";
  $("#brush-label").textContent = (r ? t("period", { a: ltr(r[0]), b: ltr(r[1]) }) : t("brush")) + outside;
}

function setBrush(range) {
  state.brush = range;
  map.setDayRange(range);
  brushLabel();
  $("#clear-brush").hidden = !range;
  describeCounts();
  loadList(false).catch((e) => setStatus(t("error", { msg: e.message }), true));
}

$("#clear-brush").addEventListener("click", () => {
  timeline.setBrush(null);
  setBrush(null);
});

// --- selection ------------------------------------------------------------------------

function showTab(name) {
  document.querySelectorAll(".tabs [data-tab]").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
  document.querySelectorAll(".tab-panel").forEach((p) => { p.hidden = p.dataset.panel !== name; });
}

document.querySelectorAll(".tabs [data-tab]").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));

async function selectEvent(id, { zoom = false } = {}) {
  state.selected = id;
  document.querySelectorAll(".event-item").forEach((li) => li.classList.toggle("selected", li.dataset.eventId === id));
  map.select(id, { zoom });
  showTab("event");
  try {
    const ev = await api.event(id);
    renderCard($("#card"), ev, { onCluster: openCluster });
    const doc = state.doc && state.doc.document.id === ev.document_id ? state.doc : await api.document(ev.document_id);
    state.doc = doc;
    $("#reader-box").hidden = false;
    renderReader($("#reader"), doc, {
      selectedId: id,
      eventIdOf: (e) => `${doc.document.id}:${e.id}`,
      onEvent: (eid) => selectEvent(eid),
    });
  } catch (e) {
    if (e.name === "AbortError") return;
    $("#card").replaceChildren(h("p", { class: "error" }, t("error", { msg: e.message })));
  }
}

async function openCluster(id) {
  showTab("cluster");
  try {
    const c = await api.cluster(id);
    renderCluster($("#cluster"), c, { onEvent: (eid) => selectEvent(eid) });
  } catch (e) {
    if (e.name === "AbortError") return;
    $("#cluster").replaceChildren(h("p", { class: "error" }, t("error", { msg: e.message })));
  }
}

app.selectEvent = selectEvent;
app.leaflet = map.map;
app.openCluster = openCluster;

// --- language -------------------------------------------------------------------------

function applyLang(l) {
  setLang(l);
  translatePage();
  fillSelects();
  renderLegend();
  describeCounts();
  brushLabel();
  timeline.draw();
  if (state.selected) selectEvent(state.selected);
}

$("#lang-toggle").addEventListener("click", () => applyLang(getLang() === "ar" ? "en" : "ar"));

// --- start ----------------------------------------------------------------------------

async function start() {
  const t0 = performance.now();
  applyLang(initialLang());
  state.filters = filtersFromHash();
  writeForm(state.filters);
  await Promise.all([map.loadBasemap().catch(() => null), refresh({ fit: true })]);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  app.firstRenderMs = performance.now() - t0;
  app.firstRenderAt = performance.now();
  app.ready = true;
  document.body.dataset.ready = "true";
}

start();
