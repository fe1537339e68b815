#!/usr/bin/env bash
# Installs what the test suite needs, idempotently, on a machine that has only Rust, Python, Node and
# Debian's package manager: the AWS emulator and SAM's validators in .venv, Chromium from Debian, and
# playwright-core, axe-core and the web apps' toolchain from npm. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Python tools, in a virtual environment keyed by the requirements file's hash.
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
want=$(sha256sum tests/requirements.txt | cut -d' ' -f1)
if [ "$(cat .venv/.requirements.sha 2>/dev/null || true)" != "$want" ]; then
  say "installing moto, aws-sam-cli and cfn-lint into .venv"
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
  echo "$want" > .venv/.requirements.sha
fi

# Chromium for the browser tests, from Debian (a test tool's own browser download cannot work here).
if ! command -v chromium >/dev/null 2>&1; then
  say "installing chromium from Debian"
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

# playwright-core drives that Chromium and axe-core checks accessibility; the lock file pins them.
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  say "installing playwright-core and axe-core"
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi

# The web apps' toolchain (TypeScript, Vite, Vitest, Biome), from web/package-lock.json.
web/scripts/ensure-deps.sh
