#!/usr/bin/env bash
# Runs one test (or a filter of tests) of the end-to-end suite N times in a row and counts the results,
# so a race that fails one run in twenty shows up before CI finds it. Not part of `make test`.
#
#   tests/scripts/loop.sh 20 sign_in::fifty_answers_at_once     # 20 runs of the matching tests
#   tests/scripts/loop.sh 20 concurrency:: contract::           # each filter, 20 runs
#   LOAD=2 tests/scripts/loop.sh 20 emulator::one_invitation    # with two CPU hogs beside it
#
# The suite is built once and copied aside, so the runs test one build even if the code changes meanwhile.
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:?usage: loop.sh RUNS FILTER...}
shift
filters=("$@")
[ ${#filters[@]} -gt 0 ] || { echo "usage: loop.sh RUNS FILTER..."; exit 2; }
built=$(cargo test -p portico-tests --test suite --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable") and m["target"]["name"] == "suite"][-1])') \
  || { echo "build failed"; exit 1; }
suite=$(mktemp -d)/suite
cp "$built" "$suite"
hogs=()
for _ in $(seq 1 "${LOAD:-0}"); do (while :; do :; done) & hogs+=($!); done
trap 'for h in "${hogs[@]}"; do kill "$h" 2>/dev/null; done; rm -rf "$(dirname "$suite")"' EXIT
status=0
for filter in "${filters[@]}"; do
  passed=0; failed=0; tests=""
  for i in $(seq 1 "$runs"); do
    if out=$("$suite" "$filter" 2>&1); then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "$filter, run $i failed:"; echo "$out" | grep -E 'panicked|assert' | head -5
    fi
    tests=$(echo "$out" | grep -oE '[0-9]+ passed' | head -1)
  done
  echo "$filter ($tests per run): $passed passed, $failed failed of $runs runs (load ${LOAD:-0})"
  [ "$failed" -eq 0 ] || status=1
done
exit "$status"
