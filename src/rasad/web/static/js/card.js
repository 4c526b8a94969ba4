// The event card: what happened, who, where (and how precisely), when, how many, and —
// always — according to whom.

import { h } from "./dom.js";
import { TYPE_COLOURS, fmtNumber, label, t } from "./i18n.js";

function qty(q) {
  if (!q) return null;
  const qual = q.qualifier && q.qualifier !== "exact" ? `${label(q.qualifier)} ` : "";
  let n = fmtNumber(q.value);
  if (q.qualifier === "range" && q.min !== null && q.max !== null) n = `${fmtNumber(q.min)}–${fmtNumber(q.max)}`;
  const what = q.unit || q.counted || "";
  return h("span", { class: "qty" }, h("bdi", {}, `${qual}${n}${what ? ` ${what}` : ""}`), " ",
    h("bdi", { class: "src-text", lang: "ar", dir: "rtl" }, `«${q.text}»`));
}

function actor(a) {
  if (!a) return null;
  return h("span", { class: "actor" }, h("bdi", {}, a.normalized || a.text),
    a.normalized && a.text ? [" ", h("bdi", { class: "muted", lang: "ar", dir: "rtl" }, `«${a.text}»`)] : null);
}

function row(name, ...value) {
  const v = value.filter((x) => x !== null && x !== undefined && x !== "");
  if (!v.length) return null;
  return h("div", { class: "row" }, h("dt", {}, name), h("dd", {}, ...v));
}

export function renderCard(el, ev, { onCluster } = {}) {
  const loc = ev.location || {};
  const date = ev.date || {};
  const att = ev.attribution || {};
  const colour = TYPE_COLOURS[ev.acled_type] || TYPE_COLOURS.unknown;
  const when = date.start || date.end
    ? `${date.start || "…"}${date.end && date.end !== date.start ? ` – ${date.end}` : ""}`
    : ev.event_date || ev.published || "";
  const place = loc.text || loc.name
    ? h("span", {}, h("bdi", {}, loc.name || loc.text),
      loc.name && loc.text ? [" ", h("bdi", { class: "muted", lang: "ar", dir: "rtl" }, `«${loc.text}»`)] : null,
      loc.country ? [" · ", h("bdi", {}, loc.country)] : "",
      h("span", { class: "badge" }, `${t("precision")}: ${label(loc.precision)}`))
    : null;
  const according = att.source || att.speaker || att.source_text
    ? h("div", { class: "according" },
      h("strong", {}, `${t("accordingTo")} `),
      att.source || att.source_text ? h("bdi", { class: "who" }, att.source || att.source_text) : null,
      att.speaker ? [att.source || att.source_text ? " — " : "", h("bdi", { class: "speaker" }, att.speaker)] : null,
      att.verb ? [" ", h("bdi", { class: "muted", lang: "ar", dir: "rtl" }, `«${att.verb}»`)] : null,
      att.quoted ? h("span", { class: "badge" }, t("quoted")) : null)
    : null;
  const numbers = (ev.quantities || []).map((q) => h("li", {}, qty(q)));
  const card = h("div", { class: "event-card", dataset: { eventId: ev.event_id || ev.id } },
    h("div", { class: "card-head", style: { borderColor: colour } },
      h("span", { class: "type-dot", style: { background: colour } }),
      h("div", {},
        h("h2", { class: "subtype" }, label(ev.acled_subtype)),
        h("div", { class: "type muted" }, label(ev.acled_type),
          ev.category ? ` · ${label(ev.category)}` : ""))),
    according,
    h("dl", {},
      row(t("actor1"), actor(ev.actor1)),
      row(t("actor2"), actor(ev.actor2)),
      row(t("place"), place),
      row(t("date"), h("bdi", { dir: "ltr" }, when), date.precision ? h("span", { class: "badge" }, label(date.precision)) : null),
      row(t("fatalities"), qty(ev.fatalities)),
      row(t("numbers"), numbers.length ? h("ul", { class: "numbers" }, numbers) : null),
      row(t("modality"), label(ev.modality), ` · ${t("confidence")} ${Math.round((ev.confidence || 0) * 100)}%`),
      row(t("article"), ev.url ? h("a", { href: ev.url, target: "_blank", rel: "noopener noreferrer" }, ev.title || ev.url)
        : ev.title || ev.document_id, ev.outlet ? ` · ${ev.outlet}` : "", ev.published ? ` · ${String(ev.published).slice(0, 10)}` : "")),
    h("blockquote", { class: "evidence", lang: "ar", dir: "rtl" }, ev.evidence ? ev.evidence.text : ""),
    ev.cluster_id
      ? h("button", { type: "button", class: "link cluster-link", onclick: () => onCluster && onCluster(ev.cluster_id) },
        t("compare"))
      : null);
  el.replaceChildren(card);
}
