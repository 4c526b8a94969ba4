// Events per day, stacked by type, in plain SVG. Dragging across it picks a period
// ("brushing"); the map and the list then show only that period. A click clears it.

import { TYPES, TYPE_COLOURS, fmtNumber, label } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const toMs = (day) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** The [first, last] day of the axis: the main run of dated events. Days more than half a
 *  year from any other split the events into runs; when the runs other than the largest
 *  hold under a tenth of the events (a misread year, "since 1948"), the axis is the largest
 *  run alone, otherwise everything. */
export function denseRange(rows) {
  if (!rows.length) return ["", ""];
  const byDay = new Map();
  for (const r of rows) byDay.set(r.day.slice(0, 10), (byDay.get(r.day.slice(0, 10)) || 0) + r.n);
  const days = [...byDay.keys()].sort();
  const total = [...byDay.values()].reduce((a, b) => a + b, 0);
  const runs = [];
  let cur = { from: days[0], to: days[0], n: 0 };
  for (let i = 0; i < days.length; i++) {
    if (i > 0 && toMs(days[i]) - toMs(days[i - 1]) > 182 * DAY) {
      runs.push(cur);
      cur = { from: days[i], to: days[i], n: 0 };
    }
    cur.to = days[i];
    cur.n += byDay.get(days[i]);
  }
  runs.push(cur);
  const main = runs.reduce((a, b) => (b.n > a.n ? b : a));
  return total - main.n <= total * 0.1 ? [main.from, main.to] : [days[0], days[days.length - 1]];
}

export class Timeline {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.byDay = [];
    this.brush = null;
    this.margin = { left: 34, right: 8, top: 6, bottom: 18 };
    svg.setAttribute("direction", "ltr");
    svg.addEventListener("pointerdown", (e) => this.down(e));
    svg.addEventListener("pointermove", (e) => this.move(e));
    svg.addEventListener("pointerup", (e) => this.up(e));
    new ResizeObserver(() => this.draw()).observe(svg);
  }

  /** Days and counts from /api/stats; the few events dated far from the rest (a misread
   *  year, a historical reference) are left off the axis so they do not squash it. */
  setData(byDay) {
    const rows = (byDay || []).filter((r) => r.day && /^\d{4}-\d{2}-\d{2}/.test(r.day));
    const [lo, hi] = denseRange(rows);
    this.byDay = rows.filter((r) => r.day >= lo && r.day <= hi);
    this.outside = rows.reduce((n, r) => n + (r.day < lo || r.day > hi ? r.n : 0), 0);
    this.draw();
  }

  setBrush(range) {
    this.brush = range;
    this.draw();
  }

  /** Bins of `step` days from the first to the last day, each {ms, counts by type, total}. */
  bins(width) {
    if (!this.byDay.length) return { bins: [], step: 1, t0: 0, t1: 0 };
    let t0 = Infinity;
    let t1 = -Infinity;
    for (const r of this.byDay) {
      const ms = toMs(r.day.slice(0, 10));
      if (ms < t0) t0 = ms;
      if (ms > t1) t1 = ms;
    }
    const days = Math.round((t1 - t0) / DAY) + 1;
    const step = Math.max(1, Math.ceil(days / Math.max(1, Math.floor(width / 4))));
    const n = Math.ceil(days / step);
    const bins = Array.from({ length: n }, (_, i) => ({ ms: t0 + i * step * DAY, counts: {}, total: 0 }));
    for (const r of this.byDay) {
      const i = Math.floor((toMs(r.day.slice(0, 10)) - t0) / DAY / step);
      const b = bins[i];
      b.counts[r.type] = (b.counts[r.type] || 0) + r.n;
      b.total += r.n;
    }
    return { bins, step, t0, t1: t0 + n * step * DAY };
  }

  draw() {
    const svg = this.svg;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const W = svg.clientWidth || 600;
    const H = svg.clientHeight || 110;
    const m = this.margin;
    const iw = W - m.left - m.right;
    const ih = H - m.top - m.bottom;
    const { bins, t0, t1 } = this.bins(iw);
    this.scale = { t0, t1, iw };
    if (!bins.length) return;
    const max = Math.max(1, ...bins.map((b) => b.total));
    const x = (ms) => m.left + ((ms - t0) / (t1 - t0)) * iw;
    const slot = iw / bins.length;
    const bw = Math.max(1, Math.min(48, slot - (bins.length < 60 ? Math.min(8, slot / 4) : 0)));
    const g = s("g");
    for (const b of bins) {
      let y = m.top + ih;
      for (const type of [...TYPES, "unknown"]) {
        const c = b.counts[type];
        if (!c) continue;
        const hgt = (c / max) * ih;
        y -= hgt;
        const r = s("rect", { x: x(b.ms) + (slot - bw) / 2, y, width: bw, height: Math.max(hgt, 0.5), fill: TYPE_COLOURS[type] || "#555" });
        const title = s("title");
        title.textContent = `${toDay(b.ms)} · ${label(type)}: ${fmtNumber(c)}`;
        r.appendChild(title);
        g.appendChild(r);
      }
    }
    svg.appendChild(g);
    // axes: baseline, max count, a few dates
    svg.appendChild(s("line", { x1: m.left, x2: m.left + iw, y1: m.top + ih, y2: m.top + ih, stroke: "#888" }));
    const maxLabel = s("text", { x: m.left - 4, y: m.top + 8, "text-anchor": "end", class: "axis" });
    maxLabel.textContent = fmtNumber(max);
    svg.appendChild(maxLabel);
    // date labels: at most one per ~110px, never the same label twice
    const nTicks = Math.max(1, Math.min(bins.length, 6, Math.floor(iw / 110)));
    let lastLabel = "";
    for (let i = 0; i < nTicks; i++) {
      const b = bins[Math.round((i * (bins.length - 1)) / Math.max(1, nTicks - 1))];
      const lab = toDay(b.ms);
      if (lab === lastLabel) continue;
      lastLabel = lab;
      const anchor = nTicks === 1 ? "middle" : i === 0 ? "start" : i === nTicks - 1 ? "end" : "middle";
      const tx = s("text", { x: x(b.ms) + (anchor === "end" ? slot : anchor === "middle" ? slot / 2 : 0), y: H - 4, "text-anchor": anchor, class: "axis" });
      tx.textContent = lab;
      svg.appendChild(tx);
    }
    if (this.brush) {
      const [a, b] = this.brush;
      const bx0 = x(toMs(a));
      const bx1 = x(toMs(b) + DAY);
      svg.appendChild(s("rect", { x: bx0, y: m.top, width: Math.max(2, bx1 - bx0), height: ih, class: "brush" }));
    }
    this.dragRect = s("rect", { x: 0, y: m.top, width: 0, height: ih, class: "brush dragging", visibility: "hidden" });
    svg.appendChild(this.dragRect);
  }

  msAt(clientX) {
    const r = this.svg.getBoundingClientRect();
    const { t0, t1, iw } = this.scale || {};
    if (!iw) return null;
    const px = Math.min(Math.max(clientX - r.left - this.margin.left, 0), iw);
    return t0 + (px / iw) * (t1 - t0);
  }

  down(e) {
    if (!this.scale || !this.byDay.length) return;
    this.svg.setPointerCapture(e.pointerId);
    this.dragFrom = e.clientX;
  }

  move(e) {
    if (this.dragFrom === undefined || this.dragFrom === null) return;
    const r = this.svg.getBoundingClientRect();
    const a = Math.min(this.dragFrom, e.clientX) - r.left;
    const b = Math.max(this.dragFrom, e.clientX) - r.left;
    this.dragRect.setAttribute("x", a);
    this.dragRect.setAttribute("width", Math.max(1, b - a));
    this.dragRect.setAttribute("visibility", "visible");
  }

  up(e) {
    if (this.dragFrom === undefined || this.dragFrom === null) return;
    const from = this.dragFrom;
    this.dragFrom = null;
    if (Math.abs(e.clientX - from) < 4) {
      this.brush = null;
      this.draw();
      this.onBrush(null);
      return;
    }
    const a = this.msAt(Math.min(from, e.clientX));
    const b = this.msAt(Math.max(from, e.clientX));
    const range = [toDay(a), toDay(Math.max(a, b - 1))];
    this.brush = range;
    this.draw();
    this.onBrush(range);
  }
}
