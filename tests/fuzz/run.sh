#!/usr/bin/env bash
# Fuzzes the API against its own description: schemathesis generates requests from infra/openapi.json
# and checks every answer of the local gateway for a status, content type, headers and body the document
# does not state, and for any server error. Patient routes run with a patient's token, staff routes with
# an admin's, public routes and webhooks with none.
#
#   tests/fuzz/run.sh            # a short run (CI): FUZZ_EXAMPLES=20 per operation
#   FUZZ_EXAMPLES=200 tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

examples=${FUZZ_EXAMPLES:-20}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d)
report=target/fuzz
mkdir -p "$report"
gateway_bin=${PORTICO_LOCAL:-target/debug/portico-local}
if [ -z "${PORTICO_LOCAL:-}" ]; then cargo build --quiet -p portico-local; fi
"$gateway_bin" --port "$port" --data "$data" > "$report/gateway.log" 2>&1 &
gateway=$!
trap 'kill "$gateway" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/_local/outbox"; then break; fi
  sleep 0.1
done

host="riverside.localhost:$port"
read -r patient staff < <(.venv/bin/python tests/fuzz/tokens.py "http://127.0.0.1:$port" "$host")

# One worker: with two, Hypothesis describes its strategies from two threads at once, and CPython 3.11's
# `ast.parse` is not safe for that ("AST constructor recursion depth mismatch", a tool crash that
# says nothing about the API).
run() {
  local name=$1; shift
  echo "==> fuzzing $name"
  .venv/bin/st run infra/openapi.json --url "http://127.0.0.1:$port" -H "Host: $host" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --phases examples,coverage,fuzzing --max-examples "$examples" --seed 20261129 --no-color \
    --suppress-health-check all --workers 1 --request-timeout 10 \
    --report junit --report-junit-path "$report/$name.xml" "$@"
}

failed=0
run public --exclude-path-regex '^/(portal|staff)/' || failed=1
run portal --include-path-regex '^/portal/' -H "Authorization: Bearer $patient" || failed=1
run staff --include-path-regex '^/staff/' -H "Authorization: Bearer $staff" || failed=1
exit "$failed"
