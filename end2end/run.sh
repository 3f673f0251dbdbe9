#!/usr/bin/env bash
# Starts the release server on a fresh SQLite database with demo data, runs the browser
# tests against it, and stops it again, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-3100}"
WORK="$(mktemp -d)"
export DATABASE_URL="sqlite://$WORK/e2e.db"
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export RUST_LOG="${RUST_LOG:-warn}"
# Links in letters point here; letters land in the dev mailbox the tests read.
export BASE_URL="http://127.0.0.1:$PORT"
# No internet here: the profile map draws a local picture as its tiles.
export MAP_TILE_URL="http://127.0.0.1:$PORT/favicon.ico?tile={z}/{x}/{y}"
./target/server-release/nachbarschaft serve --demo --dev-mailbox > "$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 0.25
done
BASE_URL="http://127.0.0.1:$PORT" node --test --test-concurrency=1 end2end/tests/*.test.mjs || { echo "--- server log"; tail -50 "$WORK/server.log"; exit 1; }
