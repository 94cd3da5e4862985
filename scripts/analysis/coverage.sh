#!/usr/bin/env bash
# forge coverage over packages/contracts/src (tests and scripts excluded from the report), then
# checks the totals against the targets: lines >= 95 %, branches >= 90 %.
#   scripts/analysis/coverage.sh    (COVERAGE_MIN_LINES / COVERAGE_MIN_BRANCHES override the targets)
# forge coverage turns the optimizer and via-IR off for accurate source maps; the solc-js wrapper
# (tools/solc/solc.cjs) compiles that without "stack too deep", so no --ir-minimum is needed.
# test/gas is skipped: its full-tx gas assertions hold only for the optimized build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PKG="$ROOT/packages/contracts"
MIN_LINES="${COVERAGE_MIN_LINES:-95}"
MIN_BRANCHES="${COVERAGE_MIN_BRANCHES:-90}"
export PATH="$PKG/node_modules/.bin:$PATH"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Unoptimized coverage artifacts go to a scratch out/cache, not over the package's own.
export FOUNDRY_OUT="$WORK/out" FOUNDRY_CACHE_PATH="$WORK/cache"

cd "$PKG"
if ! forge coverage --report summary --no-match-coverage '(test|script)/' \
  --no-match-path 'test/gas/*' > "$WORK/coverage.log" 2>&1; then
  cat "$WORK/coverage.log" >&2
  echo "coverage.sh: forge coverage failed" >&2
  exit 2
fi
grep -E '^\| (File|src/|Total)' "$WORK/coverage.log"
# | Total | 99.70% (337/338) | 100.00% (388/388) | 100.00% (66/66) | 98.51% (66/67) |
total="$(grep -E '^\| Total' "$WORK/coverage.log")"
read -r lines branches < <(awk -F'|' '{ gsub(/[ %]/, "", $3); gsub(/[ %]/, "", $5);
  sub(/\(.*/, "", $3); sub(/\(.*/, "", $5); print $3, $5 }' <<< "$total")
echo "coverage (src/): lines ${lines}%, branches ${branches}% (targets ${MIN_LINES}% / ${MIN_BRANCHES}%)"
awk -v l="$lines" -v b="$branches" -v ml="$MIN_LINES" -v mb="$MIN_BRANCHES" \
  'BEGIN { exit !(l + 0 >= ml && b + 0 >= mb) }' || {
  echo "coverage.sh: below target" >&2
  exit 1
}
