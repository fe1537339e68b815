#!/bin/sh
# What the data-request counts were recorded from: the commit, and any uncommitted change to the code
# the suite runs. `make test` writes it beside the counts; `make bench` reuses counts with the same stamp.
set -e
cd "$(dirname "$0")/.."
{ git rev-parse HEAD; git diff HEAD -- shared functions local tests Cargo.lock | sha256sum; } | sha256sum | cut -d' ' -f1
