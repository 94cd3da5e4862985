#!/usr/bin/env bash
# Installs the pinned Node.js 22 used by the Node 22 test tier (scripts/test-all.mjs):
#
#   scripts/node22/install.sh     # ~6 s once, then a no-op while the cached binary is right
#
# The binary goes to ~/.cache/medchain-node22/v<version>/node_modules/node/bin/node
# (MEDCHAIN_NODE22_CACHE overrides the folder). `npm install` with the machine's npm fetches it from
# the npm registry, the only place CI can get a second Node from.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
BIN="${NODE22_BIN_DIR}/node"

installed() { [[ -x "$BIN" && "$("$BIN" --version 2>/dev/null)" == "v${NODE22_VERSION}" ]]; }

if installed; then
  echo "node22: v${NODE22_VERSION} already installed at ${BIN}"
  exit 0
fi

mkdir -p "$NODE22_CACHE"
# One install at a time per cache folder (parallel CI steps, two terminals).
exec 9>"${NODE22_CACHE}/.install.lock"
if command -v flock >/dev/null; then flock 9; fi
if installed; then
  echo "node22: v${NODE22_VERSION} installed at ${BIN} by another run"
  exit 0
fi

echo "node22: installing node@${NODE22_VERSION} from the npm registry into ${NODE22_PREFIX}"
partial="${NODE22_PREFIX}.partial.$$" # beside the target, so the final mv is an atomic rename
trap 'rm -rf "$partial"' EXIT
# --ignore-scripts=false: the package's preinstall is what fetches the real binary.
npm install --prefix "$partial" --no-save --no-package-lock --no-audit --no-fund \
  --ignore-scripts=false --loglevel=error "node@${NODE22_VERSION}"
got=$("${partial}/node_modules/node/bin/node" --version 2>/dev/null || true)
if [[ "$got" != "v${NODE22_VERSION}" ]]; then
  echo "node22: the installed binary reports '${got}', expected v${NODE22_VERSION}" >&2
  exit 1
fi
rm -rf "$NODE22_PREFIX"
mv "$partial" "$NODE22_PREFIX"
echo "node22: installed v${NODE22_VERSION} at ${BIN}"
