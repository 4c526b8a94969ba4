// Thin client of the rasad HTTP API: every call returns parsed JSON or throws an Error whose
// message is the server's own explanation.

const FILTER_KEYS = ["since", "until", "type", "country", "actor", "source", "min_confidence", "q"];

export function filterQuery(filters, extra = {}) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v !== undefined && v !== null && v !== "" && !(k === "min_confidence" && Number(v) === 0)) p.set(k, v);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  return p.toString();
}

const inflight = new Map();

/** GET a JSON resource; a newer call with the same `slot` aborts the older one. */
export async function getJSON(path, slot) {
  let signal;
  if (slot) {
    if (inflight.has(slot)) inflight.get(slot).abort();
    const ctl = new AbortController();
    inflight.set(slot, ctl);
    signal = ctl.signal;
  }
  const r = await fetch(path, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try {
    body = await r.json();
  } catch (_) {
    body = null;
  }
  if (!r.ok) {
    const msg = (body && body.message) || `${r.status} ${r.statusText}`;
    throw new Error(msg);
  }
  return body;
}

export const api = {
  stats: (f) => getJSON(`/api/stats?${filterQuery(f)}`, "stats"),
  markers: (f) => getJSON(`/api/markers?${filterQuery(f)}`, "markers"),
  events: (f, extra) => getJSON(`/api/events?${filterQuery(f, extra)}`, "events"),
  event: (id) => getJSON(`/api/events/${encodeURIComponent(id)}`, "event"),
  document: (id) => getJSON(`/api/documents/${encodeURIComponent(id)}`, "document"),
  cluster: (id) => getJSON(`/api/clusters/${encodeURIComponent(id)}`, "cluster"),
};

export { FILTER_KEYS };
