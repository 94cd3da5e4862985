#!/usr/bin/env bash
# Slither over packages/contracts through its Foundry integration, then the triage check.
#   scripts/analysis/slither.sh            # from anywhere in the repo
# Env: MEDCHAIN_PY_CACHE (default ~/.cache/medchain-py) holds the venv, reused while
#      requirements-analysis.txt is unchanged. SLITHER_JSON: where to keep the report (optional).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PKG="$ROOT/packages/contracts"
REQ="$PKG/requirements-analysis.txt"
CACHE="${MEDCHAIN_PY_CACHE:-$HOME/.cache/medchain-py}"
VENV="$CACHE/venv"
STAMP="$VENV/.requirements.sha256"

want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [[ ! -x "$VENV/bin/slither" || "$(cat "$STAMP" 2>/dev/null)" != "$want" ]]; then
  echo "slither.sh: installing $(basename "$REQ") into $VENV"
  mkdir -p "$CACHE"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
  echo "$want" > "$STAMP"
fi

# forge from the package's devDependencies; crytic-compile runs `forge clean` and
# `forge build --build-info --force`: point them at a scratch out/cache so the package's own
# out/ and cache/ (used by tests and ABI generation running alongside) are left alone.
export PATH="$PKG/node_modules/.bin:$PATH"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export FOUNDRY_OUT="$WORK/out" FOUNDRY_CACHE_PATH="$WORK/cache"
REPORT="${SLITHER_JSON:-$WORK/slither.json}"
rm -f "$REPORT"

cd "$PKG"
# --fail-none: the checker below decides; slither.config.json filters dependencies.
"$VENV/bin/slither" . --config-file slither.config.json --compile-force-framework foundry \
  --fail-none --json "$REPORT" > "$WORK/slither.log" 2>&1 || {
  cat "$WORK/slither.log" >&2
  echo "slither.sh: slither did not run" >&2
  exit 2
}
[[ -s "$REPORT" ]] || { cat "$WORK/slither.log" >&2; echo "slither.sh: no report" >&2; exit 2; }
python3 "$ROOT/scripts/analysis/slither-check.py" "$REPORT" "$PKG/slither-triage.json" src
