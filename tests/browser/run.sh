#!/usr/bin/env bash
# Runs the browser tests: starts the local gateway on a free port with a fresh data directory, points
# headless Chromium at the demo practice, and stops the gateway whatever happens. The web apps must be
# built first (`make browser` does it). PORTICO_LOCAL names a prebuilt gateway binary; without it the
# gateway is built with cargo.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d)
mkdir -p target/browser
if [ -z "${PORTICO_LOCAL:-}" ]; then
  cargo build --quiet -p portico-local
fi
gateway_bin=${PORTICO_LOCAL:-target/debug/portico-local}
"$gateway_bin" --port "$port" --data "$data" > target/browser/gateway.log 2>&1 &
gateway=$!
trap 'kill "$gateway" 2>/dev/null || true; rm -rf "$data"' EXIT

# Up to a minute: on a busy machine (a build next door) the gateway can take more than a few seconds
# to open its store. Without it, every test would fail for a reason that is not theirs: say so.
up=
for _ in $(seq 1 600); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/_local/outbox" 2>/dev/null; then up=1; break; fi
  if ! kill -0 "$gateway" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$up" ]; then
  echo "the gateway did not answer on port $port (see target/browser/gateway.log)" >&2
  tail -n 20 target/browser/gateway.log >&2 || true
  exit 1
fi

# One file at a time: the suites share the gateway (and its per-address sign-in limits).
PORTICO_URL="http://riverside.localhost:$port" node --test --test-concurrency=1 "${@:-tests/browser/}"
