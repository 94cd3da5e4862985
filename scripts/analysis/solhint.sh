#!/usr/bin/env bash
# solhint over packages/contracts/src with the committed .solhint.json (no warnings allowed), plus
# the OpenZeppelin leading-underscore check that solhint cannot express (solidity-naming.mjs).
#   scripts/analysis/solhint.sh
# Uses the package's solhint (devDependency); SOLHINT_DIR may point at another install's
# node_modules/solhint (e.g. /tmp/solhint/node_modules/solhint).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PKG="$ROOT/packages/contracts"
SOLHINT_DIR="${SOLHINT_DIR:-$PKG/node_modules/solhint}"
if [[ ! -f "$SOLHINT_DIR/package.json" ]]; then
  echo "solhint.sh: solhint not found at $SOLHINT_DIR (devDependency solhint@6.2.4)" >&2
  exit 2
fi
SOLHINT_DIR="$(cd "$SOLHINT_DIR" && pwd -P)"
cd "$PKG"
mapfile -t FILES < <(find src -name '*.sol' | sort)
node "$SOLHINT_DIR/solhint.js" --config .solhint.json --max-warnings 0 --disc 'src/**/*.sol'
node "$ROOT/scripts/analysis/solidity-naming.mjs" "$SOLHINT_DIR" "${FILES[@]}"
echo "solhint: ${#FILES[@]} files clean"
