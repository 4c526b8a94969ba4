// The reader: the article as published, right to left, with every event, place, actor,
// number and time expression marked where it was read, each linked to its event card.

import { clear, h } from "./dom.js";
import { t } from "./i18n.js";

const KIND_ORDER = ["trigger", "number", "place", "actor", "time"];

/** Every annotated stretch of the text: {start, end, kind, events:Set, note}. */
function annotations(doc, eventIdOf) {
  const out = [];
  const add = (start, end, kind, note, evId) => {
    if (typeof start !== "number" || typeof end !== "number" || end <= start) return;
    out.push({ start, end, kind, note, events: new Set(evId ? [evId] : []) });
  };
  for (const p of doc.places || []) add(p.start, p.end, "place", [p.name, p.country, p.precision].filter(Boolean).join(" · "));
  for (const m of doc.mentions || []) {
    if (m.label === "LOC") continue;
    add(m.start, m.end, "actor", m.normalized || m.label);
  }
  for (const q of doc.quantities || []) add(q.start, q.end, "number", `${q.value}${q.qualifier && q.qualifier !== "exact" ? ` (${q.qualifier})` : ""}`);
  for (const tm of doc.times || []) add(tm.start, tm.end, "time", [tm.value_start, tm.value_end].filter(Boolean).join(" – "));
  const evidence = [];
  for (const e of doc.events || []) {
    const id = eventIdOf(e);
    evidence.push({ start: e.evidence.start, end: e.evidence.end, id });
    for (const s of e.also_evidence || []) evidence.push({ start: s.start, end: s.end, id });
    add(e.trigger.start, e.trigger.end, "trigger", e.acled_subtype, id);
    for (const a of [e.actor1, e.actor2]) if (a && typeof a.start === "number") add(a.start, a.end, "actor", a.normalized || a.text, id);
    if (e.location) add(e.location.start, e.location.end, "place", e.location.name, id);
    if (e.fatalities) add(e.fatalities.start, e.fatalities.end, "number", `${e.fatalities.value}`, id);
    for (const q of e.quantities || []) add(q.start, q.end, "number", `${q.value}`, id);
  }
  // An entity inside an event's evidence belongs to that event too; a place or an actor named
  // elsewhere in the article links to the events that happened there or that it took part in.
  for (const a of out) for (const ev of evidence) if (a.start >= ev.start && a.end <= ev.end) a.events.add(ev.id);
  const byPlace = new Map();
  const byActor = new Map();
  for (const e of doc.events || []) {
    const id = eventIdOf(e);
    const gid = e.location && e.location.geonameid;
    if (gid) byPlace.set(gid, [...(byPlace.get(gid) || []), id]);
    for (const a of [e.actor1, e.actor2]) {
      if (a && a.normalized) byActor.set(a.normalized, [...(byActor.get(a.normalized) || []), id]);
    }
  }
  for (const p of doc.places || []) {
    const ids = p.geonameid && byPlace.get(p.geonameid);
    if (!ids) continue;
    for (const a of out) if (a.kind === "place" && a.start === p.start && a.end === p.end) ids.forEach((id) => a.events.add(id));
  }
  for (const m of doc.mentions || []) {
    const ids = m.normalized && byActor.get(m.normalized);
    if (!ids) continue;
    for (const a of out) if (a.kind === "actor" && a.start === m.start && a.end === m.end) ids.forEach((id) => a.events.add(id));
  }
  return { spans: out, evidence };
}

/** Render `doc` (rasad.extraction/1 JSON) into `el`, the event `selectedId` emphasised. */
export function renderReader(el, doc, { selectedId, eventIdOf, onEvent }) {
  clear(el);
  const text = doc.document.text;
  const { spans, evidence } = annotations(doc, eventIdOf);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  for (const s of evidence) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  if (doc.document.title) el.appendChild(h("h3", { class: "reader-title" }, doc.document.title));
  const body = h("div", { class: "reader-text" });
  let firstSelected = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const cover = spans.filter((s) => s.start <= a && s.end >= b);
    const inEv = evidence.filter((s) => s.start <= a && s.end >= b);
    if (!cover.length && !inEv.length) {
      body.appendChild(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(cover.map((s) => s.kind))].sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y));
    const evIds = new Set(inEv.map((s) => s.id));
    for (const s of cover) for (const id of s.events) evIds.add(id);
    const selected = selectedId && inEv.some((s) => s.id === selectedId);
    const cls = ["hl", ...kinds.map((k) => `hl-${k}`)];
    if (inEv.length) cls.push("hl-evidence");
    if (selected) cls.push("hl-selected");
    const notes = cover.map((s) => `${t(`kind${s.kind === "trigger" ? "Event" : s.kind[0].toUpperCase() + s.kind.slice(1)}`)}: ${s.note || ""}`);
    const ids = [...evIds];
    const span = h("span", {
      class: cls.join(" "),
      title: notes.join("\n") || null,
      dataset: { events: ids.join(" "), start: String(a), end: String(b) },
    }, piece);
    if (ids.length) {
      span.tabIndex = 0;
      span.addEventListener("click", () => onEvent(ids.includes(selectedId) ? selectedId : ids[0]));
      span.addEventListener("keydown", (e) => { if (e.key === "Enter") onEvent(ids[0]); });
    }
    if (selected && !firstSelected) firstSelected = span;
    body.appendChild(span);
  }
  el.appendChild(body);
  // On a laptop the reader scrolls on its own beside the card; on a phone the page scrolls, and
  // jumping away from the card would lose it.
  if (firstSelected && window.matchMedia("(min-width: 861px)").matches) {
    firstSelected.scrollIntoView({ block: "center", behavior: "instant" });
  }
}
