#!/usr/bin/env bash
# Installs web/'s npm dependencies from the lock file, once per lock file version (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.portico-lock.sha 2>/dev/null || true)" != "$want" ]; then
  printf '\033[1m==> %s\033[0m\n' "installing the web apps' npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > node_modules/.portico-lock.sha
fi
