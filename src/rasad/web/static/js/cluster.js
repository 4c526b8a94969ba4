// The cluster view: one real-world event as each source told it, side by side, with the
// points where the sources cannot all be right called out.

import { h } from "./dom.js";
import { TYPE_COLOURS, fmtNumber, label, t } from "./i18n.js";

function count(q) {
  if (!q) return "—";
  const qual = q.qualifier && q.qualifier !== "exact" ? `${label(q.qualifier)} ` : "";
  return `${qual}${fmtNumber(q.value)}`;
}

export function renderCluster(el, c, { onEvent }) {
  const contested = new Map(); // event_id -> set of contested kinds
  for (const k of c.contradictions || []) {
    for (const cl of k.claims || []) {
      if (!contested.has(cl.event_id)) contested.set(cl.event_id, new Set());
      contested.get(cl.event_id).add(k.kind);
    }
  }
  const colour = TYPE_COLOURS[c.acled_type] || TYPE_COLOURS.unknown;
  const when = c.date_start ? `${c.date_start}${c.date_end && c.date_end !== c.date_start ? ` – ${c.date_end}` : ""}` : "";
  const head = h("div", { class: "cluster-head", style: { borderColor: colour } },
    h("h2", {}, label(c.acled_subtype)),
    h("div", { class: "muted" }, [c.place_name, c.country, when].filter(Boolean).join(" · ")),
    h("div", {}, t("reportsCount", { n: c.n_events, m: c.n_sources })));
  const kindLabel = (k) => (k === "fatalities" ? t("fatalities") : k === "control" ? t("control") : k);
  const contra = (c.contradictions || []).length
    ? h("div", { class: "contradictions" }, h("h3", {}, t("contradictions")),
      (c.contradictions || []).map((k) => h("div", { class: `contra contra-${k.kind}` },
        h("strong", {}, kindLabel(k.kind)),
        h("ul", {}, (k.claims || []).map((cl) => h("li", { class: "contra-claim" },
          h("bdi", {}, cl.source), ": ", h("bdi", { class: "value" }, k.kind === "fatalities" ? count(cl) : cl.controller)))))))
    : h("p", { class: "hint" }, t("noContradictions"));
  const cols = (c.claims || []).map((cl) => {
    const kinds = contested.get(cl.event_id) || new Set();
    return h("article", { class: "claim", dataset: { eventId: cl.event_id } },
      h("h3", {}, h("bdi", {}, cl.source || cl.outlet || cl.document_id)),
      cl.speaker ? h("div", { class: "speaker" }, h("bdi", {}, cl.speaker)) : null,
      h("div", { class: "muted" }, [cl.outlet, cl.published ? String(cl.published).slice(0, 10) : null].filter(Boolean).join(" · ")),
      h("dl", {},
        h("div", { class: `row${kinds.has("fatalities") ? " contested" : ""}` }, h("dt", {}, t("fatalities")), h("dd", {}, count(cl.fatalities))),
        cl.controller ? h("div", { class: `row${kinds.has("control") ? " contested" : ""}` }, h("dt", {}, t("holds")), h("dd", {}, h("bdi", {}, cl.controller))) : null,
        h("div", { class: "row" }, h("dt", {}, t("place")), h("dd", {}, cl.place || "—")),
        h("div", { class: "row" }, h("dt", {}, t("date")), h("dd", {}, (cl.date && (cl.date.start || cl.date.end)) || "—"))),
      h("blockquote", { class: "evidence", lang: "ar", dir: "rtl" }, cl.evidence || ""),
      h("button", { type: "button", class: "link", onclick: () => onEvent(cl.event_id) }, t("event")));
  });
  el.replaceChildren(head, contra, h("div", { class: "claims" }, cols));
}
