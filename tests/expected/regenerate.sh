#!/usr/bin/env bash
# Rewrites tests/expected/queries/*.csv from the current binary on corpus/.
# Review `git diff tests/expected` line by line before committing: these files are the
# expected answers, not a snapshot to accept blindly.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${ISNAD_BIN:-target/release/isnad}
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
"$bin" --store "$store" ingest corpus >/dev/null
for q in queries/*.rq; do
  name=$(basename "$q" .rq)
  bind=tests/expected/queries/$name.bind
  args=()
  if [ -f "$bind" ]; then
    while IFS= read -r line; do [ -n "$line" ] && args+=(--bind "$line"); done < "$bind"
  fi
  "$bin" --store "$store" query "$name" "${args[@]}" --format csv > "tests/expected/queries/$name.csv"
done
