#!/usr/bin/env bash
# Runs one test (or a filter of tests) of the end-to-end suite N times in a row and counts the results,
# so a race that fails one run in twenty shows up before CI finds it. Not part of `make test`.
#
#   tests/scripts/loop.sh 20 sign_in::fifty_answers_at_once     # 20 runs of the matching tests
#   LOAD=2 tests/scripts/loop.sh 20 emulator::one_invitation    # with two CPU hogs beside it
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:?usage: loop.sh RUNS FILTER}
filter=${2:?usage: loop.sh RUNS FILTER}
cargo test -q -p portico-tests --test suite --no-run >/dev/null 2>&1 || { echo "build failed"; exit 1; }
hogs=()
for _ in $(seq 1 "${LOAD:-0}"); do (while :; do :; done) & hogs+=($!); done
trap 'for h in "${hogs[@]}"; do kill "$h" 2>/dev/null; done' EXIT
passed=0; failed=0
for i in $(seq 1 "$runs"); do
  if out=$(cargo test -q -p portico-tests --test suite "$filter" 2>&1); then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "run $i failed:"; echo "$out" | grep -E 'panicked|assert' | head -5
  fi
done
echo "$filter: $passed passed, $failed failed of $runs runs (load ${LOAD:-0})"
[ "$failed" -eq 0 ]
