#!/usr/bin/env bash
# Rebuilds the dashboard's vendored front-end assets from the npm registry. The outputs are
# committed under static/vendor and static/data, so running the dashboard needs neither npm
# nor the internet; run this only to upgrade a library or the basemap.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
STATIC="$HERE/../static"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent \
  leaflet@1.9.4 leaflet.markercluster@1.5.3 world-atlas@2.0.2 topojson-client@3.1.0 \
  swagger-ui-dist@5.35.0
V="$STATIC/vendor"
mkdir -p "$V/leaflet/images" "$V/leaflet.markercluster" "$STATIC/data"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$V/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$V/leaflet/images/"
cp node_modules/leaflet/LICENSE "$V/leaflet/LICENSE"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$V/leaflet.markercluster/"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$V/leaflet.markercluster/LICENSE"
mkdir -p "$V/swagger-ui"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
   node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE \
   node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt "$V/swagger-ui/"
cp node_modules/world-atlas/LICENSE "$STATIC/data/LICENSE.world-atlas"
node "$HERE/basemap.cjs" "$TMP/node_modules" "$STATIC/data/countries.geojson"
