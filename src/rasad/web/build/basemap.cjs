// Builds the offline basemap (static/data/countries.geojson) from npm `world-atlas`
// (Natural Earth, public domain): the whole world at 1:110m, and the countries of the
// region rasad reads about (Middle East, North Africa, Horn of Africa, Sahel) at 1:50m,
// where the map is zoomed in. Coordinates are rounded to 0.01° (~1 km), plenty for a
// basemap, so the file stays small enough to load with the page.
// Usage: node basemap.cjs NODE_MODULES_DIR OUT_FILE
"use strict";
const fs = require("fs");
const path = require("path");
const [nm, out] = process.argv.slice(2);
const topo = require(path.join(nm, "topojson-client"));
const load = (f) => JSON.parse(fs.readFileSync(path.join(nm, "world-atlas", f), "utf8"));

const REGION = [-18, 2, 64, 43]; // min lon, min lat, max lon, max lat
const round = (x) => Math.round(x * 100) / 100;

function roundCoords(c) {
  if (typeof c[0] === "number") return [round(c[0]), round(c[1])];
  const r = c.map(roundCoords);
  // drop consecutive duplicates produced by rounding
  if (typeof r[0][0] === "number") return r.filter((p, i) => i === 0 || p[0] !== r[i - 1][0] || p[1] !== r[i - 1][1]);
  return r;
}

function bounds(geom) {
  let [a, b, c, d] = [180, 90, -180, -90];
  const walk = (x) => {
    if (typeof x[0] === "number") {
      a = Math.min(a, x[0]); b = Math.min(b, x[1]); c = Math.max(c, x[0]); d = Math.max(d, x[1]);
    } else x.forEach(walk);
  };
  walk(geom.coordinates);
  return [a, b, c, d];
}

// A ring that crosses the antimeridian jumps from +180 to -180; drawn flat that is a line
// across the whole map. Shift its western points by 360° so the ring stays continuous.
function unwrapRing(ring) {
  let jumps = false;
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps = true;
  return jumps ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
}

function unwrap(geom) {
  if (geom.type === "Polygon") return { type: geom.type, coordinates: geom.coordinates.map(unwrapRing) };
  if (geom.type === "MultiPolygon") return { type: geom.type, coordinates: geom.coordinates.map((p) => p.map(unwrapRing)) };
  return geom;
}

const centreIn = (g) => {
  const [a, b, c, d] = bounds(g);
  const x = (a + c) / 2, y = (b + d) / 2;
  return x >= REGION[0] && x <= REGION[2] && y >= REGION[1] && y <= REGION[3];
};

const coarse = topo.feature(load("countries-110m.json"), "countries").features;
const fine = topo.feature(load("countries-50m.json"), "countries").features;
const fineById = new Map(fine.filter((f) => f.geometry && centreIn(f.geometry)).map((f) => [f.id, f]));
const seen = new Set();
const features = [];
for (const f of coarse) {
  if (!f.geometry) continue;
  const use = fineById.get(f.id) || f;
  seen.add(f.id);
  features.push(use);
}
for (const [id, f] of fineById) if (!seen.has(id)) features.push(f); // small states only at 50m
const fc = {
  type: "FeatureCollection",
  properties: { source: "Natural Earth via npm world-atlas 2.0.2 (public domain / ISC)" },
  features: features.filter((f) => f.properties.name !== "Antarctica").map((f) => ({
    type: "Feature",
    id: f.id,
    properties: { name: f.properties.name, fine: fineById.has(f.id) },
    geometry: { type: f.geometry.type, coordinates: roundCoords(unwrap(f.geometry).coordinates) },
  })),
};
fs.writeFileSync(out, JSON.stringify(fc));
console.log(`${out}: ${fc.features.length} countries, ${fineById.size} at 1:50m, ${fs.statSync(out).size} bytes`);
