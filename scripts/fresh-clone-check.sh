#!/usr/bin/env bash
# Runs CI's check locally: a fresh clone of the committed tree, then .ci/run in it.
# A green run in a working tree can hide a missing install step or a file git ignores.
set -euo pipefail
top=$(git rev-parse --show-toplevel)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone -q "$top" "$dir/main"
cd "$dir/main"
bash .ci/run
