#!/bin/sh
# What the data-request counts were recorded from: the commit, and any change since to the code and
# samples the suite runs (tracked or not). `make test` writes it before the suite runs, and keeps it
# only if the suite passes; `make bench` reuses counts with the same stamp.
set -eu
cd "$(dirname "$0")/.."
paths="shared functions local tests events Cargo.toml Cargo.lock"
head=$(git rev-parse HEAD)
changes=$(git diff HEAD -- $paths | sha256sum | cut -d' ' -f1)
untracked=$(git ls-files -o --exclude-standard -- $paths | xargs -r sha256sum | sha256sum | cut -d' ' -f1)
[ -n "$head" ] && [ -n "$changes" ] && [ -n "$untracked" ]
echo "$head-$changes-$untracked" | sha256sum | cut -d' ' -f1
