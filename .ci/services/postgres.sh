#!/usr/bin/env bash
# PostgreSQL from Debian for the store tests (tests/store/, tests/ingest/): installs the
# server if missing, starts a cluster listening on 127.0.0.1:5432, creates role and database
# rasad/rasad, and records the test URL in .ci/env. Idempotent: safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get install -y -q --no-install-recommends postgresql >/dev/null 2>&1 || {
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends postgresql
  }
  echo "postgres: installed from Debian"
fi

# The newest installed major version; create its cluster if the package did not.
VER=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VER main"; then
  $SUDO pg_createcluster "$VER" main --port 5432 -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  echo "postgres: created cluster $VER/main"
fi
CONF=/etc/postgresql/$VER/main/postgresql.conf
if ! grep -q "^listen_addresses = '127.0.0.1'" "$CONF"; then
  echo "listen_addresses = '127.0.0.1'" | $SUDO tee -a "$CONF" >/dev/null
fi
STATUS=$(pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $4}')
if [ "$STATUS" != "online" ]; then
  $SUDO pg_ctlcluster "$VER" main start
  echo "postgres: started cluster $VER/main"
else
  echo "postgres: cluster $VER/main already running"
fi
PORT=$(pg_lsclusters -h | awk -v v="$VER" '$1==v && $2=="main" {print $3}')

# psql as the postgres superuser (peer authentication over the local socket).
if [ "$(id -u)" -eq 0 ]; then
  psql_pg() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
else
  psql_pg() { sudo -u postgres psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
fi
# Wait for the server to accept connections (a fresh start takes a moment).
for _ in $(seq 1 30); do
  psql_pg -c "select 1" >/dev/null 2>&1 && break
  sleep 0.5
done
if [ "$(psql_pg -c "select 1 from pg_roles where rolname='rasad'")" != "1" ]; then
  psql_pg -c "create role rasad login password 'rasad'"
  echo "postgres: created role rasad"
fi
# The tests create and drop a scratch database per test, so they never see each other's rows.
if [ "$(psql_pg -c "select rolcreatedb from pg_roles where rolname='rasad'")" != "t" ]; then
  psql_pg -c "alter role rasad createdb"
fi
if [ "$(psql_pg -c "select 1 from pg_database where datname='rasad'")" != "1" ]; then
  psql_pg -c "create database rasad owner rasad encoding 'UTF8' template template0"
  echo "postgres: created database rasad"
fi

URL="postgresql+pg8000://rasad:rasad@127.0.0.1:$PORT/rasad"
touch .ci/env
if ! grep -qx "RASAD_TEST_PG=$URL" .ci/env; then
  grep -v '^RASAD_TEST_PG=' .ci/env > .ci/env.tmp || true
  echo "RASAD_TEST_PG=$URL" >> .ci/env.tmp
  mv .ci/env.tmp .ci/env
fi
echo "postgres: ready at $URL"
